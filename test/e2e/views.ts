import type { Frame, Locator } from 'playwright-core';
import { eventually } from './eventually';
import type { VsCode } from './harness';

/** The row of a task in the Tasks view, found by its prompt (not a row of the notification centre that names it). */
export const taskRow = (code: VsCode, prompt: string) => code.page.locator('.part.sidebar .monaco-list-row', { hasText: prompt }).first();

/** Waits until a task's row reads as `pattern`; returns its text. */
export async function waitForRow(code: VsCode, prompt: string, pattern: RegExp, timeout = 40_000): Promise<string> {
  let text = '';
  return eventually(async () => {
    text = await taskRow(code, prompt).innerText({ timeout: 2000 }).catch(() => '');
    return pattern.test(text) && text;
  }, { timeout, interval: 300, message: () => `task "${prompt}" shows "${text}", never ${pattern}` });
}

/** The chat panel's page (a webview frame). */
/** The selector of the chat panel's page once it shows the host's state (its title is filled in). */
const CHAT_PANEL_PAGE = 'body:has(.conversation-title:not(:empty)):has(.conversation-bar:not([hidden])) .composer';

/**
 * The chat panel's page: the one with its own conversation bar. The side bar's Chat view (open once a task has
 * focused the Tasks view) hides its bar, its actions being in the view's title, once its state has arrived.
 */
export const chatFrame = (code: VsCode) => code.webviewFrame(CHAT_PANEL_PAGE, 30_000);

/** Waits until a chat page shows the host's state (the conversation's title is filled in, also where it is hidden). */
export const chatShown = (frame: Frame) => frame.locator('.conversation-title', { hasText: /\S/ }).waitFor({ state: 'attached' });

/** Starts a new conversation from the chat panel's icon bar and waits until the old messages are gone. */
export async function newConversation(frame: Frame): Promise<void> {
  await frame.locator('.conversation-bar vscode-button[aria-label="New Conversation"]').click();
  await frame.locator('.message').first().waitFor({ state: 'detached' });
}

/**
 * Sends a prompt from a chat page and waits until it is shown as a new last question (the same prompt asked
 * earlier in the conversation must not count), so a reply awaited next is the one to this question. Its text is read
 * with textContent: messages scrolled out of a short view are not rendered (content-visibility), and innerText is empty.
 */
export async function ask(frame: Frame, prompt: string): Promise<void> {
  await chatShown(frame);
  const questions = frame.locator('.messages > .message.user');
  const before = await questions.count();
  const input = frame.locator('vscode-text-area.prompt textarea');
  await input.fill(prompt);
  await input.press('Enter');
  const shown = prompt.replace(/\[\[[^\]]*\]\]\s*/g, '');
  await eventually(async () => (await questions.count()) > before && ((await questions.last().locator('.prompt-text').textContent()) ?? '').includes(shown), { message: `the question "${shown}" was not added` });
}

/** The reply after the last question, once it is added and finished ("no streaming message" alone passes before it is added). */
export async function finishedReply(frame: Frame, timeout = 30_000): Promise<Locator> {
  await frame.locator('.messages > .message.assistant:not(.streaming):last-child').waitFor({ timeout });
  return frame.locator('.message.assistant').last();
}

/** Opens the chat panel, asks `prompt` and waits for the finished reply: the chat step of a flow about something else. */
export async function askInChat(code: VsCode, prompt: string): Promise<{ frame: Frame; reply: Locator }> {
  await code.runCommand('DashScope: Open Chat');
  const frame = await chatFrame(code);
  await ask(frame, prompt);
  return { frame, reply: await finishedReply(frame) };
}
