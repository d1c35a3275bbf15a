import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { bestSnippet, snippetLanguageFor } from '../../src/extension/lm/snippetAnswer';
import { describeTask, imageInput, StudioActions, taskInput, videoInput } from '../../src/extension/lm/studioActions';
import { studioTool } from '../../src/extension/lm/studioChat';
import type { Services } from '../../src/extension/services';
import type { TaskTracker } from '../../src/extension/tasks/taskTracker';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';

const test = vscode as unknown as typeof double;
const token = new test.CancellationTokenSource().token as vscode.CancellationToken;
const task: TrackedTask = { taskId: 'task-1', region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: 'a cat', status: 'PENDING', createdAt: 1, resultUrls: [], localFiles: [] };
const resultText = (result: unknown) => ((result as { content: { value: string }[] }).content[0]!.value);

function actionsWith(tracker: Partial<TaskTracker>): StudioActions {
  const services = { connection: { settings: { imageModel: 'qwen-image-plus', videoModel: 'wan2.6-t2v' } } } as unknown as Services;
  return new StudioActions(services, tracker as TaskTracker);
}

describe('DashScope tools and @dashscope (vscode double)', () => {
  it('asks the user to confirm a billed video, then submits it with the default model and tells the model the task', async () => {
    const submitted: unknown[] = [];
    const actions = actionsWith({ submitVideo: async (request) => (submitted.push(request), task) });
    const tool = studioTool(videoInput, (input) => actions.submitVideo(input), (input) => ({ title: 'Submit?', message: input.prompt }));
    const prepared = await tool.prepareInvocation!({ input: { prompt: 'a cat' } } as vscode.LanguageModelToolInvocationPrepareOptions<unknown>, token);
    assert.deepEqual((prepared as vscode.PreparedToolInvocation).confirmationMessages, { title: 'Submit?', message: 'a cat' });
    const result = await tool.invoke({ input: { prompt: 'a cat', duration: 5 } } as vscode.LanguageModelToolInvocationOptions<unknown>, token);
    assert.deepEqual(submitted, [{ model: 'wan2.6-t2v', prompt: 'a cat', duration: 5 }]);
    assert.match(resultText(result), /Tasks view.*task-1 · video · wan2\.6-t2v · PENDING/);
  });

  it('answers the model with what was wrong in its input, or what the service said, instead of throwing', async () => {
    const actions = actionsWith({ submitImage: async () => assert.fail('not sent'), trackById: async () => { throw new Error('DashScope does not know task x'); }, store: { get: () => undefined } as unknown as TaskTracker['store'] });
    const image = studioTool(imageInput, (input) => actions.generateImage(input));
    assert.match(resultText(await image.invoke({ input: { prompt: '', model: 'x; rm -rf' } } as vscode.LanguageModelToolInvocationOptions<unknown>, token)), /Invalid input: prompt: .*; model: /);
    const check = studioTool(taskInput, (input) => actions.checkTask(input));
    assert.match(resultText(await check.invoke({ input: { taskId: 'x' } } as vscode.LanguageModelToolInvocationOptions<unknown>, token)), /DashScope refused it: DashScope does not know task x/);
  });

  it('saves the images of a synchronous model at once and returns their files', async () => {
    const actions = actionsWith({
      submitImage: async () => ({ images: [{ url: 'https://r/1.png' }], requestId: 'req' }) as never,
      saveImages: async () => ['/w/results/image-1.png'],
    });
    assert.equal(await actions.generateImage({ prompt: 'a cat' }), 'Image saved: /w/results/image-1.png');
  });

  it('describes a finished task with its files or failure', () => {
    assert.equal(describeTask({ ...task, status: 'SUCCEEDED', localFiles: ['/w/v.mp4'] }), 'task-1 · video · wan2.6-t2v · SUCCEEDED · /w/v.mp4');
    assert.equal(describeTask({ ...task, status: 'FAILED', code: 'DataInspectionFailed', message: 'rejected' }), 'task-1 · video · wan2.6-t2v · FAILED · DataInspectionFailed rejected');
  });
});

describe('@dashscope /snippet', () => {
  it('picks the catalog snippet that shares the most words with the request, in the editor\'s language', () => {
    assert.equal(bestSnippet('stream a chat reply')?.id, 'chat-stream');
    assert.equal(bestSnippet('cancel a task')?.id, 'task-cancel');
    assert.equal(bestSnippet('zzz qqq'), undefined);
    assert.equal(snippetLanguageFor('python'), 'python');
    assert.equal(snippetLanguageFor('shellscript'), 'curl');
    assert.equal(snippetLanguageFor(undefined), 'typescript');
  });
});
