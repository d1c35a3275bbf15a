import type { Frame } from 'playwright-core';
import type { VsCode } from './harness';

/** The row of a task in the Tasks view, found by its prompt (not a row of the notification centre that names it). */
export const taskRow = (code: VsCode, prompt: string) => code.page.locator('.part.sidebar .monaco-list-row', { hasText: prompt }).first();

/** Waits until a task's row reads as `pattern`; returns its text. */
export async function waitForRow(code: VsCode, prompt: string, pattern: RegExp, timeout = 40_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await taskRow(code, prompt).innerText({ timeout: 2000 }).catch(() => '');
    if (pattern.test(text)) return text;
    await code.page.waitForTimeout(300);
  }
  throw new Error(`task "${prompt}" shows "${text}", never ${pattern}`);
}

/** The chat panel's page (a webview frame). */
export const chatFrame = (code: VsCode) => code.webviewFrame('.composer', 30_000);

/** Waits until a chat page shows the host's state (the conversation's title is filled in, also where it is hidden). */
export const chatShown = (frame: Frame) => frame.locator('.conversation-title', { hasText: /\S/ }).waitFor({ state: 'attached' });

/** Starts a new conversation from the chat panel's icon bar and waits until the old messages are gone. */
export async function newConversation(frame: Frame): Promise<void> {
  await frame.locator('.conversation-bar vscode-button[aria-label="New Conversation"]').click();
  await frame.locator('.message').first().waitFor({ state: 'detached' });
}

/** Sends a prompt from a chat page and waits until it is shown. */
export async function ask(frame: Frame, prompt: string): Promise<void> {
  await chatShown(frame);
  const input = frame.locator('vscode-text-area.prompt textarea');
  await input.fill(prompt);
  await input.press('Enter');
  await frame.locator('.message.user .prompt-text', { hasText: prompt.replace(/\[\[[^\]]*\]\]\s*/g, '') }).last().waitFor();
}
