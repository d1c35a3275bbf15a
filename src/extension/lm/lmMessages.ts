import type { ChatContentPart, ChatMessage, ChatToolCall } from '../../dashscope';
import { estimateTokens } from '../chat/contextMeter';
import { MessageRole, type LanguageModelChatRequestMessage, type LanguageModelDataPartLike } from './vscodeLmApi';

/** Turns an image of the request into the URL the model reads it from (inline data: URL, or an upload when large). */
export type ImageResolver = (image: LanguageModelDataPartLike) => Promise<string>;

interface ToolCallLike { readonly callId: string; readonly name: string; readonly input: object }
interface ToolResultLike { readonly callId: string; readonly content: readonly unknown[] }

// Parts are recognized by shape, not class: VS Code's own part classes differ between versions.
const record = (part: unknown): Record<string, unknown> | undefined => (typeof part === 'object' && part !== null ? (part as Record<string, unknown>) : undefined);
const isToolCall = (part: unknown): part is ToolCallLike => typeof record(part)?.callId === 'string' && typeof record(part)?.name === 'string' && 'input' in record(part)!;
const isToolResult = (part: unknown): part is ToolResultLike => typeof record(part)?.callId === 'string' && Array.isArray(record(part)?.content);
const isData = (part: unknown): part is LanguageModelDataPartLike => typeof record(part)?.mimeType === 'string' && record(part)?.data instanceof Uint8Array;
const textOf = (part: unknown): string | undefined => (typeof record(part)?.value === 'string' && !('callId' in record(part)!) ? (record(part)!.value as string) : undefined);
const isImage = (part: LanguageModelDataPartLike) => part.mimeType.startsWith('image/');
/** Data parts that carry text the model should read (tool output as JSON or plain text). */
const isTextData = (part: LanguageModelDataPartLike) => /^(text\/|application\/json)/.test(part.mimeType);

/** The text of a tool's result: its text parts and textual data, in order. */
function toolResultText(result: ToolResultLike): string {
  const texts: string[] = [];
  for (const part of result.content) {
    const text = textOf(part);
    if (text !== undefined) texts.push(text);
    else if (isData(part) && isTextData(part)) texts.push(new TextDecoder().decode(part.data));
  }
  return texts.join('\n');
}

function assistantMessage(content: readonly unknown[]): ChatMessage {
  const text = content.map(textOf).filter((value) => value !== undefined).join('');
  const calls: ChatToolCall[] = content.filter(isToolCall).map((call) => ({ id: call.callId, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.input ?? {}) } }));
  return calls.length > 0 ? { role: 'assistant', content: text || null, tool_calls: calls } : { role: 'assistant', content: text };
}

/**
 * Tool results first (each as a `tool` message answering its call), then what the user wrote: plain text,
 * or content parts when it carries images.
 */
async function userMessages(role: 'user' | 'system', content: readonly unknown[], resolveImage: ImageResolver): Promise<ChatMessage[]> {
  const messages: ChatMessage[] = [];
  const parts: ChatContentPart[] = [];
  let hasImage = false;
  for (const part of content) {
    const text = textOf(part);
    if (text !== undefined) {
      if (text) parts.push({ type: 'text', text });
    } else if (isToolResult(part)) {
      messages.push({ role: 'tool', tool_call_id: part.callId, content: toolResultText(part) });
    } else if (isData(part) && isImage(part)) {
      hasImage = true;
      parts.push({ type: 'image_url', image_url: { url: await resolveImage(part) } });
    } else if (isData(part) && isTextData(part)) {
      parts.push({ type: 'text', text: new TextDecoder().decode(part.data) });
    }
  }
  if (parts.length === 0) return messages;
  const text = () => parts.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
  messages.push({ role, content: hasImage && role === 'user' ? parts : text() });
  return messages;
}

/** VS Code's request messages as compatible-mode chat messages. */
export async function toChatMessages(messages: readonly LanguageModelChatRequestMessage[], resolveImage: ImageResolver): Promise<ChatMessage[]> {
  const converted: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === MessageRole.Assistant) converted.push(assistantMessage(message.content));
    else converted.push(...(await userMessages(message.role === MessageRole.System ? 'system' : 'user', message.content, resolveImage)));
  }
  return converted;
}

/** A rough cost of an image in a vision model's context, and of each message's chat template. */
const IMAGE_TOKENS = 1_280;
const MESSAGE_TOKENS = 4;

/** Estimated tokens of a text or a request message (text, tool calls and results, images). */
export function countTokens(input: string | LanguageModelChatRequestMessage): number {
  if (typeof input === 'string') return estimateTokens(input);
  let tokens = MESSAGE_TOKENS;
  for (const part of input.content) {
    const text = textOf(part);
    if (text !== undefined) tokens += estimateTokens(text);
    else if (isToolCall(part)) tokens += estimateTokens(part.name + JSON.stringify(part.input ?? {}));
    else if (isToolResult(part)) tokens += estimateTokens(toolResultText(part));
    else if (isData(part)) tokens += isImage(part) ? IMAGE_TOKENS : Math.ceil(part.data.byteLength / 4);
  }
  return tokens;
}
