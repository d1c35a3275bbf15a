import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SimContext } from '../context';
import { invalidParameter, nativeError, nativeEvent, sendJson, startSse, wantsNativeSse, type SimRequest } from '../http';
import { LIMITS } from '../rateLimits';
import { countTokens, tokens } from '../replies';
import { FrameWriter } from '../sse';

/** Application ids are 32 hex digits, as the console shows them. */
const APP_ID = /^[0-9a-f]{32}$/;

const appBody = z.looseObject({
  input: z.looseObject({ prompt: z.string().optional(), session_id: z.string().optional(), messages: z.array(z.looseObject({ role: z.string(), content: z.string() })).optional() }),
  parameters: z.looseObject({ incremental_output: z.boolean().optional(), has_thoughts: z.boolean().optional() }).optional(),
});

/** POST /api/v1/apps/{app_id}/completion (Bailian reference §7): an agent or workflow answer, plain or native SSE. */
export async function appCompletion(req: SimRequest, ctx: SimContext, appId: string): Promise<void> {
  if (!APP_ID.test(appId)) return nativeError(req, 404, 'InvalidAppId', `App ${appId} does not exist or is not published.`);
  const parsed = appBody.safeParse(req.json);
  if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const prompt = parsed.data.input.prompt ?? parsed.data.input.messages?.at(-1)?.content ?? '';
  if (!prompt.trim()) return invalidParameter(req, 'Field required: input.prompt');
  const sse = wantsNativeSse(req);
  const incremental = parsed.data.parameters?.incremental_output === true;
  if (incremental && !sse) return invalidParameter(req, 'parameter incremental_output only support stream call');
  if (ctx.limiter.refuse(req, `app:${appId}`, LIMITS.chat)) return;
  const sessionId = parsed.data.input.session_id ?? randomUUID().replace(/-/g, '');
  const answer = `The application answered: ${prompt.trim()}`;
  const usage = { models: [{ model_id: 'qwen-plus', input_tokens: countTokens(prompt), output_tokens: countTokens(answer) }] };
  const output = (text: string, finish: string) => ({ text, finish_reason: finish, session_id: sessionId, ...(parsed.data.parameters?.has_thoughts ? { thoughts: [] } : {}) });
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
