import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SimContext } from '../context';
import { markers, stripMarkers } from '../faults';
import { invalidParameter, nativeError, nativeEvent, sendJson, startSse, wantsNativeSse, type SimRequest } from '../http';
import { LIMITS } from '../rateLimits';
import { countTokens, tokens } from '../replies';
import { FrameWriter } from '../sse';

/** Application ids are 32 hex digits, as the console shows them. */
const APP_ID = /^[0-9a-f]{32}$/;

const appBody = z.looseObject({
  input: z.looseObject({
    prompt: z.string().optional(),
    session_id: z.string().optional(),
    messages: z.array(z.looseObject({ role: z.string(), content: z.string() })).optional(),
    biz_params: z.record(z.string(), z.unknown()).optional(),
  }),
  parameters: z.looseObject({ incremental_output: z.boolean().optional(), has_thoughts: z.boolean().optional() }).optional(),
});

/** Turns per session id, per simulator: the answer says which turn of its session it is. */
const sessionTurns = new WeakMap<SimContext, Map<string, number>>();

function nextTurn(ctx: SimContext, sessionId: string): number {
  let turns = sessionTurns.get(ctx);
  if (!turns) sessionTurns.set(ctx, (turns = new Map()));
  const turn = (turns.get(sessionId) ?? 0) + 1;
  turns.set(sessionId, turn);
  return turn;
}

/** What the simulated agent cites: one passage of its knowledge base about the prompt. */
const referenceFor = (prompt: string) => ({ index_id: 'sim-index', title: 'Simulator handbook', doc_id: 'doc-sim-1', doc_name: 'handbook.pdf', text: `What the handbook says about "${prompt}".` });

/**
 * POST /api/v1/apps/{app_id}/completion (Bailian reference §7): an agent or workflow answer, plain or native SSE.
 * It continues `session_id` (the answer names its turn), echoes `biz_params`, cites one reference, reports one
 * retrieval step when `has_thoughts` is set, and fails as an unpublished flow with `[[sim:app-not-published]]`.
 */
export async function appCompletion(req: SimRequest, ctx: SimContext, appId: string): Promise<void> {
  if (!APP_ID.test(appId)) return nativeError(req, 404, 'InvalidAppId', `App ${appId} does not exist or is not published.`);
  const parsed = appBody.safeParse(req.json);
  if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const raw = parsed.data.input.prompt ?? parsed.data.input.messages?.at(-1)?.content ?? '';
  if (!raw.trim()) return invalidParameter(req, 'Field required: input.prompt');
  if (markers(raw).has('app-not-published')) return nativeError(req, 400, 'FlowNotPublished', 'The application has not been published. Publish it in the Model Studio console first.');
  const prompt = stripMarkers(raw);
  const sse = wantsNativeSse(req);
  const incremental = parsed.data.parameters?.incremental_output === true;
  if (incremental && !sse) return invalidParameter(req, 'parameter incremental_output only support stream call');
  if (ctx.limiter.refuse(req, `app:${appId}`, LIMITS.chat)) return;
  const sessionId = parsed.data.input.session_id ?? randomUUID().replace(/-/g, '');
  const turn = nextTurn(ctx, sessionId);
  const variables = Object.entries(parsed.data.input.biz_params ?? {}).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ');
  const answer = `The application answered${turn > 1 ? ` (turn ${turn})` : ''}: ${prompt}${variables ? ` [variables: ${variables}]` : ''}`;
  const usage = { models: [{ model_id: 'qwen-plus', input_tokens: countTokens(prompt), output_tokens: countTokens(answer) }] };
  const thoughts = [{ thought: 'Searching the knowledge base.', action_type: 'retrieval', action_name: 'knowledge retrieval', observation: referenceFor(prompt).text }];
  const output = (text: string, finish: string) => ({
    text, finish_reason: finish, session_id: sessionId,
    ...(finish === 'stop' ? { doc_references: [referenceFor(prompt)] } : {}),
    ...(parsed.data.parameters?.has_thoughts ? { thoughts: finish === 'stop' ? thoughts : [] } : {}),
  });
  if (!sse) return sendJson(req, 200, { output: output(answer, 'stop'), usage, request_id: req.requestId });
  startSse(req);
  const out = new FrameWriter(req.res, ctx.sleep);
  let sent = '';
  let id = 1;
  for (const token of tokens(answer)) {
    sent += token;
    await out.frame(nativeEvent(id++, { output: output(incremental ? token : sent, 'null'), usage, request_id: req.requestId }));
  }
  await out.frame(nativeEvent(id, { output: output(incremental ? '' : sent, 'stop'), usage, request_id: req.requestId }));
  await out.end();
}
