import type { Locator, Page } from 'playwright-core';
import { eventually } from './eventually';
import { runCommand } from './quickInput';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The extension's status item shows once it is active: its commands are in the palette from then on.
  await statusItem(page).waitFor({ timeout: 60_000 });
}

/** Reloads the window ("Developer: Reload Window") and waits for the workbench again. */
export async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 30_000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await waitForWorkbench(page);
}

export function statusItem(page: Page): Locator {
  return page.locator('.statusbar-item', { hasText: 'DashScope' }).first();
}

export async function statusText(page: Page): Promise<string> {
  await statusItem(page).waitFor({ timeout: 20_000 });
  return (await statusItem(page).innerText()).trim();
}

/** Waits until the DashScope status bar item's text matches. */
export async function waitForStatus(page: Page, pattern: RegExp): Promise<string> {
  let text = '';
  return eventually(async () => {
    text = await statusText(page);
    return pattern.test(text) && text;
  }, { message: () => `status bar "${text}" never matched ${pattern}` });
}

/** Opens the DashScope container from the activity bar; returns the side bar. */
export async function openDashScopeView(page: Page): Promise<Locator> {
  const sidebar = page.locator('.part.sidebar');
  const title = sidebar.locator('.composite.title', { hasText: /DashScope/i });
  const icon = page.locator('.activitybar .action-item .action-label[aria-label^="DashScope"]');
  const open = page.locator('.activitybar .action-item.checked .action-label[aria-label^="DashScope"]');
  // Clicked only while not the open container: clicking the open one closes it (as when the restored side bar
  // opens it between a look and a click after a reload). Forced: the running-tasks badge lies over the icon.
  await eventually(async () => {
    if (await title.isVisible()) return true;
    if (!(await open.count())) await icon.click({ force: true });
    return false;
  }, { timeout: 30_000, interval: 500, message: 'the DashScope view container did not open' });
  // The Tasks pane's header is hidden while it is the container's only view, so it is only attached.
  await sidebar.locator('.pane-header[aria-label^="Tasks"]').waitFor({ state: 'attached' });
  return sidebar;
}

/** The welcome content of the DashScope Tasks view (shown while no key is set). */
export async function tasksWelcome(page: Page): Promise<Locator> {
  const welcome = (await openDashScopeView(page)).locator('.welcome-view-content');
  await welcome.waitFor();
  return welcome;
}

/**
 * The text of the active editor's rendered lines in line order (Monaco renders only the lines in view,
 * so this is the whole document only for short ones).
 */
export async function editorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  await lines.waitFor();
  return lines.evaluate((element) =>
    [...element.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/**
 * Searches every webview frame for a selector, all frames at once (in turn, each frame's round trip added up). The
 * default wait outlasts a page VS Code lost, which the extension builds again after 15 s (PAGE_START_TIMEOUT_MS).
 */
export async function webviewFrame(page: Page, selector: string, timeout = 30_000) {
  return eventually(async () => {
    const frames = page.frames();
    const counts = await Promise.all(frames.map((frame) => frame.locator(selector).count().catch(() => 0)));
    return frames.find((_, index) => counts[index]! > 0);
  }, { timeout, message: `no webview frame has ${selector}` });
}
