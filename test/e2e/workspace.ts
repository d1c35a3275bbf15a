import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makePng } from '../simulator/media';

/** A small workspace: a few files to open and edit. */
export function writeWorkspace(folder: string): void {
  writeFileSync(path.join(folder, 'hello.ts'), 'export const greeting = "hello";\n');
  writeFileSync(path.join(folder, 'README.md'), '# Sample workspace\n\nFiles for the DashScope Studio end-to-end tests.\n');
  mkdirSync(path.join(folder, 'prompts'), { recursive: true });
  writeFileSync(path.join(folder, 'prompts', 'boat.txt'), 'a paper boat on a river\n');
  mkdirSync(path.join(folder, 'notes'), { recursive: true });
  writeFileSync(path.join(folder, 'notes', 'release.md'), '# Release notes\n\nThe release codename is Blue Heron.\n');
  writeFileSync(path.join(folder, 'pixel.png'), makePng(5, 8, 8));
}

export async function saveScreenshotTo(page: Page, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, 'screenshot.png') }).catch(() => undefined);
}
