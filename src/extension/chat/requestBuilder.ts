import type { ChatContentPart, ChatMessage, ChatRequest } from '../../dashscope';
import type { ChatSettings, ModelChoice } from '../../shared/protocol/chat';
import type { StoredAttachment, StoredConversation } from './conversationStore';
import type { ConversationImages } from './imageUrls';

/** The text a model sees for a selection or a text file: where it comes from, then the contents fenced. */
export function attachmentText(attachment: StoredAttachment): string {
  const text = attachment.text ?? '';
  const longestFence = Math.max(2, ...[...text.matchAll(/`{3,}/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestFence + 1);
  return `${attachment.source ?? attachment.name}:\n${fence}${attachment.language ?? ''}\n${text}\n${fence}`;
}

/** Request parameters from a conversation's settings and what the model supports. */
export function requestOptions(settings: ChatSettings, model: ModelChoice): Omit<ChatRequest, 'model' | 'messages'> {
  const thinks = model.thinking === 'always' || (model.thinking === 'optional' && settings.thinking);
  return {
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.topP !== undefined ? { top_p: settings.topP } : {}),
    ...(settings.maxTokens !== undefined ? { max_tokens: settings.maxTokens } : {}),
    // Open-source Qwen3 thinks unless told not to, so "off" is sent explicitly.
    ...(model.thinking === 'optional' ? { enable_thinking: settings.thinking } : {}),
    ...(thinks && settings.thinkingBudget !== undefined ? { thinking_budget: settings.thinkingBudget } : {}),
  };
}

/**
 * The request for the next reply: the system prompt, then every message with content (replies that
 * failed before any text are left out), attachments as text or image parts, each image from its URL in `images`.
 */
export function buildChatRequest(conversation: StoredConversation, model: ModelChoice, images: ConversationImages): ChatRequest {
  const messages: ChatMessage[] = [];
  if (conversation.settings.systemPrompt.trim()) messages.push({ role: 'system', content: conversation.settings.systemPrompt });
  for (const message of conversation.messages) {
    if (message.role === 'assistant') {
      if (message.content) messages.push({ role: 'assistant', content: message.content });
      continue;
    }
    const attachments = (message.attachments ?? []).map((view) => conversation.attachments[view.id]).filter((item) => item !== undefined);
    const texts = attachments.filter((item) => item.kind !== 'image').map(attachmentText);
    // An image whose file is gone is named in its place, so the model does not answer as if it saw it.
    const gone = attachments.filter((item) => images.gone.has(item.id)).map((item) => `(The image ${item.name} is no longer available.)`);
    const text = [...texts, ...gone, message.content].filter(Boolean).join('\n\n');
    const urls = attachments.filter((item) => item.kind === 'image').map((item) => images.urls.get(item.id)).filter((url) => url !== undefined);
    if (urls.length === 0) {
      messages.push({ role: 'user', content: text });
      continue;
    }
    const parts: ChatContentPart[] = urls.map((url) => ({ type: 'image_url', image_url: { url } }));
    if (text) parts.push({ type: 'text', text });
    messages.push({ role: 'user', content: parts });
  }
  return { model: conversation.settings.model, messages, ...requestOptions(conversation.settings, model) };
}
