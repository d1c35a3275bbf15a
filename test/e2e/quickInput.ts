import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { eventually } from './eventually';

/**
 * Rows of the open quick pick. Only visible ones: rows of a list VS Code has hidden (a closed or
 * replaced quick pick) stay in the page and would otherwise match first.
 */
export function quickPickRows(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ visible: true });
}

const input = (page: Page) => page.locator('.quick-input-widget input');

/** How `runCommand` treats a focused webview. */
export interface RunCommandOptions {
  /**
   * Leave the focus in a focused webview, so that it returns there once the command is done (what a check of the
   * page's own focus indicators needs). By default the workbench takes the focus first: VS Code in the browser gives
   * a webview its focus back a moment after the palette closes, which closes a quick pick the command opened then.
   */
  readonly keepWebviewFocus?: boolean;
}

/**
 * Runs a command by its palette title, e.g. "DashScope: Set API Key". Right after the window opens the
 * extension's commands may not be registered yet, so the palette is reopened until the command shows. An open
 * palette does not list commands registered after it opened: the first tries are short (1 s, then 2 s, 4 s, 5 s),
 * so a command that shows up a moment later is run then, not after the whole of a long try.
 */
export async function runCommand(page: Page, title: string, options: RunCommandOptions = {}): Promise<void> {
  let attempt = 0;
  await eventually(async () => {
    const attemptTimeout = Math.min(5_000, 1_000 * 2 ** attempt);
    // Escape closes a palette left open by the previous attempt (it would also hide notification toasts).
    if (attempt++ > 0) await page.keyboard.press('Escape');
    // A focused webview may also keep F1 to itself: a retry always starts from the workbench.
    if (!options.keepWebviewFocus || attempt > 1) {
      await page.evaluate(() => {
        if (document.activeElement?.tagName === 'IFRAME') (document.activeElement as HTMLElement).blur();
      });
    }
    await page.keyboard.press('F1');
    // Each step is bounded by the attempt's timeout: a palette closed under it (the previous command moving the
    // focus, the extension's commands not registered yet) fails this attempt soon, and the next one reopens it.
    await input(page).fill(`>${title}`, { timeout: attemptTimeout });
    const row = quickPickRows(page).filter({ hasText: title }).first();
    await row.click({ timeout: attemptTimeout });
    return true;
  }, { timeout: 60_000, interval: 0, message: (last) => `the palette never ran "${title}": ${last instanceof Error ? last.message : String(last)}` });
}

/** Types into the open input box and accepts it. */
export async function answerInput(page: Page, text: string): Promise<void> {
  await input(page).waitFor();
  await input(page).fill(text);
  await page.keyboard.press('Enter');
}

/** Answers the open file dialog (code-server's simple file dialog, a quick input) with the absolute path of a file. */
export async function answerOpenDialog(page: Page, file: string): Promise<void> {
  // Typed once the start folder is listed, accepted once the file is: before, Enter accepts or opens a folder.
  await quickPickRows(page).first().waitFor({ timeout: 15_000 });
  await input(page).fill(file);
  await quickPickRows(page).filter({ hasText: path.basename(file) }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  try {
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
  } catch (error) {
    const message = await page.locator('.quick-input-widget .quick-input-message').filter({ visible: true }).first().innerText({ timeout: 1000 }).catch(() => '');
    throw new Error(`the file dialog did not accept ${file}${message.trim() ? `: ${message.trim()}` : ''}`, { cause: error });
  }
}

/** Picks the item of the open quick pick whose label contains `label`. */
export async function pick(page: Page, label: string | RegExp): Promise<void> {
  const row = quickPickRows(page).filter({ hasText: label }).first();
  // The list is virtual: a row scrolled out of a long pick (e.g. plans with two-line rows) is not in the page until filtered to.
  try {
    await quickPickRows(page).first().waitFor({ timeout: 15_000 });
    if (typeof label === 'string' && (await row.count()) === 0) await input(page).fill(label);
    await row.waitFor({ timeout: 15_000 });
  } catch (error) {
    throw new Error(`no quick pick row "${String(label)}": ${await quickInputState(page)}`, { cause: error });
  }
  await row.click();
}

/** What the quick input shows, for a failure message: a test run on another machine leaves only its output. */
async function quickInputState(page: Page): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  if (!(await widget.isVisible().catch(() => false))) {
    const toasts = await page.locator('.notification-toast').allInnerTexts().catch(() => []);
    return `no quick input is open${toasts.length ? `; notifications: ${toasts.map((text) => text.replace(/\s+/g, ' ')).join(' | ')}` : ''}`;
  }
  const text = async (selector: string) => (await widget.locator(selector).first().innerText({ timeout: 500 }).catch(() => '')).trim();
  const rows = await quickPickRows(page).allInnerTexts().catch(() => []);
  return [`title "${await text('.quick-input-title')}"`, `input "${await input(page).inputValue({ timeout: 500 }).catch(() => '')}"`,
    `message "${await text('.quick-input-message')}"`, `rows [${rows.map((row) => row.replace(/\s+/g, ' ')).join(' | ')}]`].join(', ');
}

export async function quickPickLabels(page: Page): Promise<string[]> {
  await quickPickRows(page).first().waitFor();
  return quickPickRows(page).allInnerTexts();
}

/** Opens a workspace file by its path relative to the workspace folder (Quick Open). */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await input(page).fill(relativePath);
  await pick(page, path.basename(relativePath));
  await page.locator('.tab.active', { hasText: path.basename(relativePath) }).waitFor();
}
