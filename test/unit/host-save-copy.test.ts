import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { saveCopyAs } from '../../src/extension/saveCopy';

const test = vscode as unknown as typeof double;

describe('Save As for a generated file (host, vscode double)', () => {
  afterEach(() => test.resetVscode());

  function fixture() {
    const root = mkdtempSync(path.join(os.tmpdir(), 'dashscope-save-'));
    const source = path.join(root, 'results', 'video-1.mp4');
    const workspace = path.join(root, 'workspace');
    for (const dir of [path.dirname(source), workspace]) mkdirSync(dir, { recursive: true });
    writeFileSync(source, 'movie');
    return { root, source, workspace };
  }

  it('offers the file\'s name inside the workspace folder (not beside it), and copies it where the user chose', async () => {
    const { source, workspace } = fixture();
    test.workspace.openFolder(workspace);
    const offered: string[] = [];
    test.ui.respond((prompt) => {
      const defaultUri = (prompt as { options?: { defaultUri?: vscode.Uri } }).options?.defaultUri;
      if (defaultUri) offered.push(defaultUri.fsPath);
      return defaultUri;
    });
    const saved = await saveCopyAs(vscode.Uri.file(source));
    assert.deepEqual(offered, [path.join(workspace, 'video-1.mp4')]);
    assert.equal(saved?.fsPath, path.join(workspace, 'video-1.mp4'));
    assert.equal(readFileSync(path.join(workspace, 'video-1.mp4'), 'utf8'), 'movie');
  });

  it('offers the file itself without a workspace, and copies nothing when the user cancels', async () => {
    const { source, root } = fixture();
    let offered: string | undefined;
    test.ui.respond((prompt) => {
      offered = (prompt as { options?: { defaultUri?: vscode.Uri } }).options?.defaultUri?.fsPath;
      return undefined;
    });
    assert.equal(await saveCopyAs(vscode.Uri.file(source)), undefined);
    assert.equal(offered, source);
    assert.equal(existsSync(path.join(root, 'video-1.mp4')), false);
  });
});
