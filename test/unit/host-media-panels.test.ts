import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { Log } from '../../src/extension/log';
import { registerMedia } from '../../src/extension/media/mediaPanels';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import type { TaskTracker } from '../../src/extension/tasks/taskTracker';
import { UsageLedger } from '../../src/extension/usage/usageLedger';
import { UsageRecorder } from '../../src/extension/usage/usageRecorder';
import { defaultImageForm } from '../../src/shared/protocol/mediaRules';
import { makePng } from '../simulator/media';
import { Milestones } from '../../src/extension/walkthrough/milestones';

const test = vscode as unknown as typeof double;

/** Waits for what the host does after a page message (handlers run asynchronously). */
async function eventually<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The image panel over a fake connection and task tracker that record every file read for a request. */
async function imagePanel(settings: Record<string, unknown> = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'dashscope-media-'));
  const results = path.join(root, 'results');
  const uploaded: unknown[] = [];
  const submitted: unknown[] = [];
  const changes = new test.EventEmitter<void>();
  const client = { uploads: { toMediaUrl: async (file: unknown) => (uploaded.push(file), 'data:image/png;base64,AA==') } };
  const context = test.createExtensionContext();
  const connectionSettings = { plan: 'payg', region: 'cn', imageModel: 'qwen-image-edit-plus', videoModel: 'wan2.6-t2v', ...settings };
  const services = {
    context,
    log: new Log(new SecretRedactor()),
    milestones: new Milestones(context.globalState as unknown as vscode.Memento, new Log(new SecretRedactor())),
    usage: new UsageRecorder(new UsageLedger(path.join(root, 'usage'), { onProblem: () => undefined })),
    connection: {
      settings: connectionSettings,
      hasKey: true,
      onDidChange: changes.event,
      client: async () => client,
      requireClient: async () => client,
    },
  } as unknown as Services;
  const tracker = {
    store: { onDidChange: changes.event, get: () => undefined },
    resultsFolder: () => results,
    submitImage: async (request: unknown) => (submitted.push(request), { taskId: 'task-1' }),
  } as unknown as TaskTracker;
  const media = registerMedia(services, tracker);
  await vscode.commands.executeCommand('dashscope.image.open');
  const panel = test.window.webviewPanels.at(-1)!;
  panel.webview.receive({ type: 'ready' });
  const states = () => panel.webview.posted.flatMap((message) => {
    const { method, params } = message as { method?: string; params?: Record<string, unknown> };
    return method === 'state' && params ? [params as { form: { model: string; inputs: Record<string, { id: string; name: string }[]> }; models: { id: string }[]; error?: { message: string }; inputPreviews: Record<string, string> }] : [];
  });
  return {
    root, panel, uploaded, submitted, context, media, connectionSettings,
    state: () => states().at(-1)!,
    roots: () => (panel.webview.options.localResourceRoots ?? []).map((uri) => uri.fsPath),
    send: (method: string, params: unknown) => panel.webview.receive({ type: 'command', method, params }),
    dispose: () => media.disposables.forEach((disposable) => disposable.dispose()),
  };
}

describe('media panels in the vscode double: pages ask, the host decides which files are read', () => {
  let page: Awaited<ReturnType<typeof imagePanel>>;
  beforeEach(async () => {
    page = await imagePanel();
  });
  afterEach(() => {
    page.dispose();
    test.resetVscode();
  });

  it('reads nothing and adds no resource root for a file the page names but the user never picked', async () => {
    const secrets = path.join(page.root, 'secrets');
    mkdirSync(secrets);
    writeFileSync(path.join(secrets, 'id_rsa.png'), 'not for the page');
    const forged = { id: 'forged', path: path.join(secrets, 'id_rsa.png'), name: 'id_rsa.png', sizeBytes: 16, mimeType: 'image/png' };
    const form = { ...defaultImageForm('qwen-image-edit-plus'), prompt: 'make it blue', inputs: { images: [forged] } };
    page.send('submit', { form, force: false });
    const refused = await eventually(() => page.state().error, 'the form error');
    assert.equal(refused.message, 'Add a file here.', 'the unpicked file is not an input');
    assert.deepEqual([page.uploaded, page.submitted], [[], []], 'nothing read, uploaded or sent');
    assert.deepEqual(page.state().form.inputs, { images: [] });
    assert.ok(page.roots().every((root) => !root.startsWith(page.root) || root.startsWith(path.join(page.root, 'results'))), `roots: ${page.roots().join(', ')}`);
    assert.ok(!page.roots().some((root) => secrets.startsWith(root)), 'the folder of the named file is not readable by the page');
  });

  it('reads only the file the user picked, by the id the host gave it, and shows it from a private copy', async () => {
    const pictures = path.join(page.root, 'Pictures');
    mkdirSync(pictures);
    const picked = path.join(pictures, 'cat.png');
    writeFileSync(picked, makePng(3, 8, 8));
    test.ui.respond((prompt) => (prompt.kind === 'openDialog' ? [vscode.Uri.file(picked)] : undefined));
    page.send('addInputs', { slot: 'images', source: 'disk' });
    const [input] = await eventually(() => page.state().form.inputs.images, 'the picked file');
    assert.equal(input!.name, 'cat.png');
    assert.ok(!JSON.stringify(page.state().form).includes(pictures), 'the page never learns where the file is');
    const thumbnail = page.state().inputPreviews[input!.id]!;
    assert.match(thumbnail, /^https:\/\/webview\.test\/.*\.png$/);
    assert.ok(!thumbnail.includes('Pictures'), 'the thumbnail is a private copy');
    assert.ok(!page.roots().some((root) => pictures.startsWith(root)), `the picked file's folder is not a root: ${page.roots().join(', ')}`);
    assert.ok(page.roots().some((root) => root.startsWith(page.context.globalStorageUri.fsPath)));

    // The page's copy of the input, with a path of its choosing added: the host reads the file it recorded.
    const form = { ...defaultImageForm('qwen-image-edit-plus'), prompt: 'make it blue', inputs: { images: [{ ...input!, path: '/etc/passwd' }] } };
    page.send('submit', { form, force: false });
    await eventually(() => page.submitted.length === 1, 'the request');
    assert.deepEqual(page.uploaded.map((file) => (file as { data: string }).data), [picked]);
  });

  it('forgets a picked file, and deletes its private copy, once no form or earlier request refers to it', async () => {
    const picked = path.join(page.root, 'dog.png');
    writeFileSync(picked, makePng(5, 8, 8));
    test.ui.respond((prompt) => (prompt.kind === 'openDialog' ? [vscode.Uri.file(picked)] : undefined));
    page.send('addInputs', { slot: 'images', source: 'disk' });
    const [input] = await eventually(() => page.state().form.inputs.images, 'the picked file');
    const copy = path.join(page.context.globalStorageUri.fsPath, 'picked', `${input!.id}.png`);
    assert.ok(existsSync(copy));
    page.send('removeInput', { slot: 'images', index: 0 });
    await eventually(() => !existsSync(copy), 'the copy to be deleted');
    const form = { ...defaultImageForm('qwen-image-edit-plus'), prompt: 'again', inputs: { images: [input!] } };
    page.send('submit', { form, force: false });
    assert.equal((await eventually(() => page.state().error, 'the form error')).message, 'Add a file here.', 'a forgotten id names nothing');
    assert.deepEqual(page.uploaded, []);
  });
});

describe('media panels under a plan: only what the plan serves is offered or sent', () => {
  afterEach(() => test.resetVscode());

  it('offers a Token Plan key its image models only, and refuses another model before anything is sent', async () => {
    const page = await imagePanel({ plan: 'token' });
    try {
      page.send('update', { form: defaultImageForm('qwen-image-2.0') });
      assert.deepEqual((await eventually(() => page.state(), 'the state')).models.map((model) => model.id), ['qwen-image-2.0', 'qwen-image-2.0-pro', 'qwen-image-3.0-pro']);
      assert.notEqual(page.state().form.model, 'qwen-image-edit-plus', 'the default model is one the plan serves');
      page.send('submit', { form: { ...defaultImageForm('wan2.7-image'), prompt: 'a fox' }, force: false });
      const refused = await eventually(() => page.state().error, 'the form error');
      assert.match(refused.message, /^Token Plan · Beijing \(cn\) does not serve wan2\.7-image\. Pick one of: qwen-image-2\.0, qwen-image-2\.0-pro, qwen-image-3\.0-pro\.$/);
      assert.deepEqual(page.submitted, []);
    } finally {
      page.dispose();
    }
  });

  it('refuses a submit from a panel left open while the plan changed to one without images, naming the way out', async () => {
    const page = await imagePanel();
    try {
      page.connectionSettings.plan = 'coding';
      page.send('submit', { form: { ...defaultImageForm('qwen-image-2.0'), prompt: 'a fox' }, force: false });
      const refused = await eventually(() => page.state().error, 'the form error');
      assert.match(refused.message, /^Image generation is not part of Coding Plan · Beijing \(cn\)\. Select a pay-as-you-go region/);
      assert.deepEqual(page.submitted, []);
    } finally {
      page.dispose();
    }
  });

  it('closes a video panel restored after a reload under a plan without video, with the warning that names the way out', async () => {
    const page = await imagePanel({ plan: 'token' });
    try {
      const serializer = test.window.registrations.find((entry) => entry.kind === 'webviewPanelSerializer' && entry.id === 'dashscope.video')!.provider as vscode.WebviewPanelSerializer;
      const restored = test.window.createWebviewPanel('dashscope.video', 'DashScope Video', undefined);
      await serializer.deserializeWebviewPanel(restored as unknown as vscode.WebviewPanel, undefined);
      assert.ok(restored.disposed, 'the restored panel is closed rather than left to fail on submit');
      const warning = await eventually(() => test.ui.messages('warning')[0], 'the warning');
      assert.match(warning, /^Video generation is not part of Token Plan · Beijing \(cn\)\. Select a pay-as-you-go region/);
    } finally {
      page.dispose();
    }
  });
});
