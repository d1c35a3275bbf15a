import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Simulator } from '../simulator';
import { DUMP_BROWSER_STORAGE } from './browserStorage';
import { saveScreenshotTo } from './workspace';

export const RESULTS = path.join(__dirname, '..', '..', 'test-results');

/** Every file under a user-data folder (logs, settings, state databases). */
export function userDataFiles(userData: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && statSync(full).size < 50 * 2 ** 20) files.push(full);
    }
  };
  walk(userData);
  return files;
}

/** The extension's log files (the "DashScope" LogOutputChannel). */
export function extensionLogs(userData: string): string[] {
  return userDataFiles(userData).filter((file) => /DashScope\.log$/.test(file));
}

/**
 * Everything the workbench page keeps in the browser: localStorage (where code-server keeps
 * SecretStorage, sealed) and every IndexedDB store (workbench state, extensions' global and workspace state).
 */
export async function browserStorageText(page: Page): Promise<string> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  return page.evaluate<string>(DUMP_BROWSER_STORAGE);
}

/**
 * Checks that no key appears anywhere but in the Authorization header the simulator received: not in other
 * headers or bodies, not in any file of the user-data folder (logs, settings, global and workspace state,
 * extension storage such as the task list), not in what the page shows. code-server keeps SecretStorage in
 * the browser's storage, which is the one place keys belong.
 */
export async function assertNoKeyLeaks(page: Page, sim: Simulator, userData: string, keys: readonly string[]): Promise<void> {
  for (const request of sim.requests) {
    const { authorization: _authorization, ...headers } = request.headers;
    for (const key of keys) assert.ok(!JSON.stringify(headers).includes(key) && !request.body.includes(key), `${request.path} carries a key outside Authorization`);
  }
  assert.ok(extensionLogs(userData).length > 0, 'the DashScope log exists');
  for (const file of userDataFiles(userData)) {
    const text = readFileSync(file, 'latin1');
    for (const key of keys) assert.ok(!text.includes(key), `${file} contains a key`);
  }
  const visible = await page.locator('body').innerText();
  for (const key of keys) assert.ok(!visible.includes(key), 'the page shows a key');
}

/** Saves a screenshot as a test artifact: test-results/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
}

/** Saves a screenshot, the notifications on screen and the extension's logs under test-results/<name>/. */
export async function saveArtifacts(page: Page, userData: string, name: string): Promise<void> {
  const dir = path.join(RESULTS, name.replace(/[^\w.-]+/g, '_'));
  await saveScreenshotTo(page, dir);
  const toasts = await page.locator('.notification-toast').allInnerTexts().catch(() => []);
  writeFileSync(path.join(dir, 'notifications.txt'), toasts.join('\n---\n'));
  for (const log of extensionLogs(userData)) cpSync(log, path.join(dir, path.basename(log)));
}
