import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import type { Services } from '../../src/extension/services';
import { registerTaskCommands } from '../../src/extension/tasks/taskCommands';
import type { TaskTracker } from '../../src/extension/tasks/taskTracker';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';

const test = vscode as unknown as typeof double;

const task = (localFiles: string[]): TrackedTask => ({ taskId: 't1', region: 'cn', kind: 'transcription', model: 'fun-asr', prompt: 'standup.wav', status: 'SUCCEEDED', createdAt: 0, resultUrls: [], localFiles });

describe('Open Result in the Tasks view', () => {
  beforeEach(() => test.resetVscode());

  const open = async (files: string[]) => {
    const tracker = { store: { get: () => undefined } } as unknown as TaskTracker;
    const disposables = registerTaskCommands({ log: { error: () => undefined } } as unknown as Services, tracker);
    await vscode.commands.executeCommand('dashscope.tasks.openResult', { task: task(files) });
    disposables.forEach((disposable) => disposable.dispose());
    return test.commands.executed.find((call) => call.command === 'vscode.openWith')!.args;
  };

  it('opens a transcript in the text editor and media in the preview', async () => {
    const [transcript, transcriptEditor] = await open(['/results/transcription-1.srt', '/results/transcription-1.json']);
    assert.equal((transcript as vscode.Uri).fsPath, '/results/transcription-1.srt');
    assert.equal(transcriptEditor, 'default');
    test.commands.executed = [];
    const [, videoEditor] = await open(['/results/video-1.mp4']);
    assert.equal(videoEditor, 'dashscope.mediaPreview');
  });
});
