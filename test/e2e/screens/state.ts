import type { Frame } from 'playwright-core';
import { setApiKey } from '../flows';
import type { VsCode } from '../harness';
import { ask, chatFrame, chatShown } from '../views';

/**
 * What the screens show, brought about through the product's own flows. Each helper first looks whether
 * the window already shows it, so screens can be visited in any order and share one run's state.
 */

export const CHAT_PROMPT = 'Show me some code for a greeting';
export const IMAGE_PROMPT = 'a red kite over the sea at dawn';
export const VIDEO_PROMPT = 'a paper boat drifting down a rainy street';

export async function ensureKey(code: VsCode): Promise<void> {
  if (/No key/.test(await code.waitForStatus(/DashScope|Simulator/))) await setApiKey(code, code.sim.keyFor('cn'));
  await code.waitForStatus(/^(?!.*No key)/);
}

export async function ensureNoKey(code: VsCode): Promise<void> {
  if (/No key/.test(await code.waitForStatus(/DashScope|Simulator/))) return;
  await code.runCommand('DashScope: Clear API Key');
  await code.waitForStatus(/No key/);
  await code.clearNotifications();
}

const finishedReply = (frame: Frame) => frame.locator('.messages > .message.assistant:not(.streaming):last-child .code-block').first();

/** Opens every reasoning block of the page (a `details` the page may rebuild while it settles). */
export async function openReasoning(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => {
    const blocks = [...document.querySelectorAll('details.reasoning')] as HTMLDetailsElement[];
    for (const block of blocks) block.open = true;
    return blocks.length > 0 && blocks.every((block) => block.open && /\S/.test(block.textContent ?? ''));
  }, undefined, { timeout: 30_000, polling: 100 });
}

/** Asks the code question in a chat page unless it already shows a finished reply with code, and opens its reasoning. */
export async function ensureReply(frame: Frame): Promise<void> {
  await chatShown(frame);
  if ((await finishedReply(frame).count()) === 0) {
    await ask(frame, CHAT_PROMPT);
    await finishedReply(frame).waitFor({ timeout: 30_000 });
  }
  await openReasoning(frame);
}

/** The chat panel with a finished reply (reasoning and a code block: the suite's default model thinks). */
export async function chatPanel(code: VsCode): Promise<Frame> {
  await ensureKey(code);
  await code.runCommand('DashScope: Open Chat');
  const frame = await chatFrame(code);
  await ensureReply(frame);
  return frame;
}

/** The DashScope side bar with one pane expanded and the others collapsed, so it has the room. */
export async function soloPane(code: VsCode, title: 'Tasks' | 'Chat' | 'Usage') {
  const sidebar = await code.openDashScopeView();
  for (const name of ['Tasks', 'Chat', 'Usage']) {
    const header = sidebar.locator(`.pane-header[aria-label^="${name}"]`);
    if ((await header.count()) === 0 || !(await header.isVisible())) continue;
    const expanded = (await header.getAttribute('aria-expanded')) === 'true';
    if (expanded !== (name === title)) await header.click();
  }
  return sidebar.locator(`.pane:has(> .pane-header[aria-label^="${title}"])`);
}

/** The chat view of the side bar (its page has the conversation actions in the view's title, not its own bar). */
export async function sidebarChat(code: VsCode): Promise<Frame> {
  await ensureKey(code);
  await soloPane(code, 'Chat');
  const frame = await code.webviewFrame('.conversation-bar[hidden]', 30_000);
  await ensureReply(frame);
  return frame;
}

/** The image or video panel's page, once it shows the host's state (the model list is filled). */
export async function mediaPanel(code: VsCode, kind: 'image' | 'video'): Promise<Frame> {
  await ensureKey(code);
  await code.runCommand(kind === 'image' ? 'DashScope: Open Image Generation' : 'DashScope: Open Video Generation');
  const frame = await code.webviewFrame(`main[data-panel="${kind}"]`, 30_000);
  await frame.locator('[data-field="model"] vscode-option').first().waitFor({ state: 'attached' });
  return frame;
}

const RESULT = {
  image: { shown: 'img', prompt: IMAGE_PROMPT, submit: 'Generate', timeout: 30_000 },
  video: { shown: 'video', prompt: VIDEO_PROMPT, submit: 'Submit Task', timeout: 60_000 },
} as const;

/** The image or video panel with a finished result (a video's task is then in the Tasks view too). */
export async function mediaResult(code: VsCode, kind: 'image' | 'video'): Promise<Frame> {
  const { shown, prompt, submit, timeout } = RESULT[kind];
  const frame = await mediaPanel(code, kind);
  const done = frame.locator(`.entry.succeeded ${shown}`).first();
  if ((await done.count()) === 0) {
    await frame.locator('[data-field="prompt"] textarea').fill(prompt);
    await frame.locator('.submit-row vscode-button', { hasText: submit }).click();
    await done.waitFor({ timeout });
  }
  return frame;
}
