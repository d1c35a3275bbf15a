import type { ChatMessageView, ChatState } from '../../src/shared/protocol/chat';
import { openPage } from './pageDom';

/** A chat page's state showing `messages` in conversation c1 ("Stories"). */
export const chatState = (messages: ChatMessageView[], extra: Partial<ChatState> = {}): ChatState => ({
  conversation: { id: 'c1', title: 'Stories', updatedAt: 1, messages, settings: { model: 'qwen-plus', systemPrompt: '', thinking: false } } as ChatState['conversation'],
  conversations: [{ id: 'c1', title: 'Stories', updatedAt: 1 }],
  models: [{ id: 'qwen-plus', vision: false, thinking: 'never', contextWindow: 131_072, known: true }],
  hasKey: true,
  busy: false,
  draftAttachments: [],
  meter: { usedTokens: 10, limitTokens: 131_072, level: 'ok' },
  ...extra,
});

export const question: ChatMessageView = { id: 'u1', role: 'user', content: 'Tell me a story' };
export const reply = (status: ChatMessageView['status']): ChatMessageView => ({ id: 'r1', role: 'assistant', content: 'Once', model: 'qwen-plus', status });

/** The chat page in jsdom, showing `state`, with its prompt and a way to press keys. */
export function chatPage(state: ChatState) {
  const page = openPage('chat');
  page.notify('state', state);
  const prompt = page.document.querySelector('vscode-text-area.prompt') as HTMLElement & { value: string };
  const key = (target: EventTarget, name: string) => target.dispatchEvent(new page.window.KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
  return { ...page, prompt, key };
}
