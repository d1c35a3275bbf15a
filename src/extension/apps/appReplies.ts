import * as l10n from '@vscode/l10n';
import type { AppModelUsage, AppReference, AppThought, DashScopeClient } from '../../dashscope';
import type { ReplyReference } from '../../shared/protocol/chat';
import type { ReplyStreamEvent } from '../chat/replyStreamer';
import type { UsageCall } from '../usage/usageRecorder';
import { stateFor, type AppConversation } from './appConversation';

/** How much of a reference's passage or a thought's observation the reply shows. */
const SHOWN_CHARS = 300;

const oneLine = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS)}…` : line;
};

/** The references under a reply as the chat shows them: title, document (when not the title) and passage, one line each. */
export function replyReferences(references: readonly AppReference[]): ReplyReference[] {
  return references.map((reference) => ({
    title: oneLine(reference.title) || l10n.t('Untitled document'),
    ...(reference.docName && reference.docName !== reference.title ? { source: oneLine(reference.docName) } : {}),
    text: oneLine(reference.text),
  }));
}

/** The agent's steps, shown in the reply's collapsible thinking block. */
export function thoughtsMarkdown(thoughts: readonly AppThought[]): string {
  return thoughts.map((thought) => {
    const action = thought.action ? `**${oneLine(thought.action)}**${thought.actionType ? ` (${oneLine(thought.actionType)})` : ''}: ` : '';
    const observation = thought.observation ? `\n  → ${oneLine(thought.observation)}` : '';
    return `- ${action}${oneLine(thought.thought ?? '')}${observation}`;
  }).join('\n');
}

/** The usage the chat shows (summed over the application's models), in the compatible shape its meter reads. */
const replyUsage = (usage: readonly AppModelUsage[]) => {
  const prompt = usage.reduce((sum, item) => sum + item.inputTokens, 0);
  const completion = usage.reduce((sum, item) => sum + item.outputTokens, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
};

export interface AppReplyRun {
  readonly client: Pick<DashScopeClient, 'apps'>;
  readonly appId: string;
  readonly prompt: string;
  /** What the conversation kept from earlier turns (any application's). */
  readonly kept: AppConversation | undefined;
  readonly signal: AbortSignal;
  /** The session changed: keep it with the conversation. */
  readonly onState: (state: AppConversation) => void;
  /** One ledger entry per model the application used. */
  readonly record: (call: UsageCall) => void;
}

/**
 * One turn with an application as chat reply events: the answer as it streams, then the agent's steps as
 * thinking, the references under the answer, the usage and the finish. The session id is kept as soon as
 * the service names it, so a stopped turn still continues its session.
 */
export async function* appReplyEvents(run: AppReplyRun): AsyncGenerator<ReplyStreamEvent> {
  const state = stateFor(run.appId, run.kept);
  const request = { appId: run.appId, prompt: run.prompt, hasThoughts: true, ...(state.sessionId ? { sessionId: state.sessionId } : {}), ...(state.variables ? { bizParams: state.variables } : {}) };
  for await (const event of run.client.apps.stream(request, { signal: run.signal })) {
    if (event.type === 'text') yield { type: 'content', text: event.text };
    else if (event.type === 'session') run.onState({ ...state, sessionId: event.sessionId });
    else {
      const { result } = event;
      if (result.thoughts.length > 0) yield { type: 'reasoning', text: thoughtsMarkdown(result.thoughts) };
      if (result.references.length > 0) yield { type: 'references', references: replyReferences(result.references) };
      for (const usage of result.usage) {
        run.record({ model: usage.model, kind: 'chat', usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens }, ...(result.requestId ? { id: `${result.requestId}:${usage.model}` } : {}) });
      }
      if (result.usage.length > 0) yield { type: 'usage', usage: replyUsage(result.usage) };
      if (result.finishReason) yield { type: 'finish', reason: result.finishReason };
    }
  }
}
