import { compatError, type SimRequest } from '../http';
import { tokens, type Reply } from '../replies';

interface Message {
  readonly role: string;
  readonly content?: unknown;
  readonly tool_calls?: readonly { readonly id?: unknown; readonly function?: { readonly name?: unknown } }[];
  readonly tool_call_id?: unknown;
}

/**
 * The second round of a tool call (§4, function calling): every `tool` message must answer a call of an
 * earlier assistant message (the service refuses the request otherwise), and when the conversation ends
 * with tool results the model answers from them instead of calling the tool again.
 * Returns 'refused' once it has answered with an error, undefined when the last message is not a tool result.
 */
export function toolRoundReply(req: SimRequest, messages: readonly Message[]): Reply | 'refused' | undefined {
  const calls = new Map<string, string>();
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) if (typeof call.id === 'string') calls.set(call.id, String(call.function?.name ?? ''));
    if (message.role !== 'tool') continue;
    if (typeof message.tool_call_id !== 'string' || !calls.has(message.tool_call_id)) {
      compatError(req, 400, { code: 'invalid_parameter_error', message: `<400> InternalError.Algo.InvalidParameter: messages with role "tool" must be a response to a preceding message with "tool_calls" (tool_call_id ${String(message.tool_call_id)})` });
      return 'refused';
    }
  }
  const last = messages.at(-1);
  if (last?.role !== 'tool') return undefined;
  const results = messages.slice(messages.findLastIndex((message) => message.role !== 'tool') + 1);
  const said = results.map((result) => `${calls.get(result.tool_call_id as string)} returned ${typeof result.content === 'string' ? result.content.slice(0, 200) : JSON.stringify(result.content)}`);
  return { reasoning: [], content: tokens(`The tool ${said.join('; ')}.`) };
}
