import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { Log } from '../../src/extension/log';
import { MediaPreviewProvider, type MediaOrigins } from '../../src/extension/preview/mediaPreview';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import type { TaskTracker } from '../../src/extension/tasks/taskTracker';
import { lyingMp4 } from '../simulator/hostileResults';

const test = vscode as unknown as typeof double;
const folder = mkdtempSync(path.join(os.tmpdir(), 'preview-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function lyingFile(): string {
  const file = path.join(folder, 'lying.mp4');
  writeFileSync(file, lyingMp4());
  return file;
}

describe('media preview (host, vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('opens a video whose boxes lie about their size and tells the user why its sound could not be checked', async () => {
    const services = { context: { extensionUri: test.Uri.file(folder) }, log: new Log(new SecretRedactor()) } as unknown as Services;
    const tracker = { store: { all: () => [] } } as unknown as TaskTracker;
    const origins: MediaOrigins = { describe: () => undefined, regenerate: async () => false };
    const provider = new MediaPreviewProvider(services, tracker, origins);
    const panel = new test.FakeWebviewPanel('dashscope.mediaPreview', 'lying.mp4', undefined);
    const uri = test.Uri.file(lyingFile());
    await provider.resolveCustomEditor(provider.openCustomDocument(uri as unknown as vscode.Uri), panel as unknown as vscode.WebviewPanel);
    panel.webview.receive({ type: 'ready' });
    for (let i = 0; i < 100 && panel.webview.posted.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    const [shown] = panel.webview.posted as { method: string; params: { kind: string; aacAudio: boolean } }[];
    assert.deepEqual([shown?.method, shown?.params.kind, shown?.params.aacAudio], ['show', 'video', false]);
    assert.match(test.ui.messages('error').join('\n'), /Cannot read the sound track of lying\.mp4: The movie header at byte 16 declares a size larger than the 32-byte file/);
    panel.dispose();
  });
});
