/** The in-host smoke suite `npm run test:desktop` runs inside desktop VS Code: `run()` throws on the first failed check. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { presentTask } from '../../src/extension/tasks/taskPresentation';
import { TRACKED_STATUSES, type TrackedTask } from '../../src/extension/tasks/trackedTask';
import { MILESTONE_CONTEXT_KEYS } from '../../src/extension/walkthrough/milestones';
import { activationMs, brokenWalkthroughSteps, commandMismatches, menusWithUnknownCommands, unreachableMenuEntries, type WalkthroughManifest } from '../smoke/checks';

const EXTENSION_ID = 'dashscope-studio.dashscope-studio';
const ACTIVATION_BUDGET_MS = 50;

function findFiles(folder: string, name: RegExp): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    return statSync(full).isDirectory() ? findFiles(full, name) : name.test(entry) ? [full] : [];
  });
}

function contextValues(): string[] {
  const base: TrackedTask = { taskId: '0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f', region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: 'p', status: 'PENDING', createdAt: 0, resultUrls: [], localFiles: [] };
  const tasks = TRACKED_STATUSES.flatMap((status) => [{ ...base, status }, { ...base, status, localFiles: ['/r/v.mp4'], resultUrls: ['https://x/v.mp4'], request: { model: 'wan2.6-t2v' } }]);
  return [...tasks.map((task) => presentTask(task, 1).contextValue ?? ''), ...['running', 'succeeded', 'finished'].map((group) => `dashscopeTaskGroup.${group}`)];
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
  const manifest = extension.packageJSON as WalkthroughManifest;
  const nls = JSON.parse(readFileSync(path.join(extension.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;

  assert.deepEqual(commandMismatches(manifest, await vscode.commands.getCommands(true)), { unregistered: [], uncontributed: [] });
  assert.deepEqual(menusWithUnknownCommands(manifest), []);
  assert.deepEqual(unreachableMenuEntries(manifest, contextValues()), []);
  assert.deepEqual(brokenWalkthroughSteps(manifest, nls, ['dashscope.hasKey', ...MILESTONE_CONTEXT_KEYS]), []);

  const logs = findFiles(process.env.DASHSCOPE_DESKTOP_USER_DATA ?? '', /^DashScope\.log$/);
  const measured = logs.map((file) => activationMs(readFileSync(file, 'utf8'))).find((ms) => ms !== undefined);
  assert.ok(measured !== undefined, 'the DashScope log records the activation time');
  assert.ok(measured < ACTIVATION_BUDGET_MS, `activation took ${measured} ms (budget ${ACTIVATION_BUDGET_MS} ms)`);
  console.log(`desktop smoke: ${manifest.contributes.commands.length} commands, activation ${measured} ms`);
}
