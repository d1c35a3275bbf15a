import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { activate } from '../../src/extension/extension';
import { Commands, ContextKeys, Views, ViewTypes } from '../../src/extension/ids';
import { presentTask } from '../../src/extension/tasks/taskPresentation';
import { TaskStore } from '../../src/extension/tasks/taskStore';
import { TRACKED_STATUSES, type TrackedTask } from '../../src/extension/tasks/trackedTask';
import { MILESTONE_CONTEXT_KEYS } from '../../src/extension/walkthrough/milestones';
import { brokenWalkthroughSteps, commandMismatches, menusWithUnknownCommands, serializersWithoutActivation, undeclaredViews, unreachableMenuEntries, type WalkthroughManifest } from '../smoke/checks';

const test = vscode as unknown as typeof double;
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as WalkthroughManifest & { activationEvents: string[] };
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;

/** One task of every status, with and without local files, result links and a request to resubmit. */
function everyTaskShape(): TrackedTask[] {
  const base: TrackedTask = { taskId: '0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f', region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: 'p', status: 'PENDING', createdAt: 0, resultUrls: [], localFiles: [] };
  return TRACKED_STATUSES.flatMap((status) => [
    { ...base, status },
    { ...base, status, localFiles: ['/r/v.mp4'], resultUrls: ['https://x/v.mp4'], request: { model: 'wan2.6-t2v' } },
  ]);
}

describe('activation in the vscode double: what package.json promises is what the extension registers', () => {
  const context = test.createExtensionContext();

  before(async () => {
    await activate(context as unknown as vscode.ExtensionContext);
  });
  after(() => test.resetVscode());

  it('registers exactly the contributed commands', async () => {
    assert.deepEqual(commandMismatches(manifest, await test.commands.getCommands()), { unregistered: [], uncontributed: [] });
    assert.deepEqual(menusWithUnknownCommands(manifest), []);
  });

  it('registers every command, view and view type src/extension/ids.ts names, and sets its key context key', async () => {
    const registered = new Set([...await test.commands.getCommands(), ...test.window.registrations.map((registration) => registration.id)]);
    assert.deepEqual([...Object.values(Commands), ...Object.values(Views), ...Object.values(ViewTypes)].filter((id) => !registered.has(id)), []);
    assert.ok(test.commands.contextKeys.has(ContextKeys.hasKey));
  });

  it('registers providers only for declared views, and every panel serializer has its activation event', () => {
    const ids = test.window.registrations.map((registration) => registration.id);
    assert.deepEqual(undeclaredViews(manifest, test.window.registrations.filter((r) => r.kind !== 'webviewPanelSerializer').map((r) => r.id)), []);
    assert.deepEqual(serializersWithoutActivation(manifest.activationEvents, test.window.registrations.filter((r) => r.kind === 'webviewPanelSerializer').map((r) => r.id)), []);
    assert.ok(ids.includes('dashscope.tasks'));
  });

  it('has no menu entry whose viewItem pattern matches no context value the Tasks tree produces', () => {
    const values = [...everyTaskShape().map((task) => presentTask(task, 1).contextValue), ...['running', 'succeeded', 'finished'].map((group) => `dashscopeTaskGroup.${group}`)];
    assert.deepEqual(unreachableMenuEntries(manifest, values), []);
  });

  it('has a Get Started walkthrough whose every link and completion event can work', () => {
    assert.equal(manifest.contributes.walkthroughs?.[0]?.steps.length, 5);
    assert.deepEqual(brokenWalkthroughSteps(manifest, nls, ['dashscope.hasKey', ...MILESTONE_CONTEXT_KEYS]), []);
  });

  it('logs its activation time, and leaves nothing registered once its subscriptions are disposed', async () => {
    assert.match(test.window.outputChannels.find((channel) => channel.name === 'DashScope')!.lines.join('\n'), /Activated in \d+ ms/);
    test.disposeContext(context);
    assert.deepEqual(await test.commands.getCommands(), []);
    assert.deepEqual(test.window.registrations.map((registration) => registration.id), []);
  });
});

describe('activation in the vscode double: the Tasks view right after a reload', () => {
  after(() => test.resetVscode());

  it('is registered before the task store finishes loading, showing "Loading tasks…" until it has', async (t) => {
    let finishLoad!: () => void;
    const load = TaskStore.prototype.load;
    t.mock.method(TaskStore.prototype, 'load', function (this: TaskStore) {
      return new Promise<void>((resolve) => (finishLoad = resolve)).then(() => load.call(this));
    });
    const context = test.createExtensionContext();
    const activated = activate(context as unknown as vscode.ExtensionContext);
    const registration = test.window.registrations.find((r) => r.id === 'dashscope.tasks');
    const tree = registration?.provider as vscode.TreeDataProvider<unknown> | undefined;
    const labels = async () => Promise.all(((await tree?.getChildren()) ?? []).map(async (node) => (await tree!.getTreeItem(node)).label));
    const whileLoading = await labels();
    while (!finishLoad) await new Promise((resolve) => setImmediate(resolve));
    finishLoad();
    await activated;
    assert.ok(registration, 'the Tasks view exists before activation awaits anything');
    assert.deepEqual(whileLoading, ['Loading tasks…']);
    assert.deepEqual(await labels(), []);
    test.disposeContext(context);
  });
});
