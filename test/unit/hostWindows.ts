import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import type { WindowPresence } from '../../src/extension/windowPresence';

/** Waits until `condition` holds (checked every 10 ms), failing with `what` after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  for (const deadline = Date.now() + ms; !condition() && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), what);
}

/** Host "windows" (a feature and its presence) a test opens: closed after each test, and the vscode double reset. */
export function closeWindowsAfterEach(): (feature: { dispose(): void }, windows: WindowPresence) => void {
  const open: [{ dispose(): void }, WindowPresence][] = [];
  afterEach(async () => {
    for (const [feature, windows] of open.splice(0)) {
      feature.dispose();
      await windows.release();
    }
    (vscode as unknown as typeof double).resetVscode();
  });
  return (feature, windows) => void open.push([feature, windows]);
}
