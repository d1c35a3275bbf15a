import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ChatStreamEvent, ImageResult } from '../../src/dashscope';
import type { MediaSender } from '../../src/extension/media/mediaKinds';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';
import { UsageLedger } from '../../src/extension/usage/usageLedger';
import { UsageRecorder } from '../../src/extension/usage/usageRecorder';

const NOW = Date.UTC(2026, 11, 3, 12);

function recorder() {
  const ledger = new UsageLedger(path.join(mkdtempSync(path.join(os.tmpdir(), 'usage-recorder-')), 'usage'), { onProblem: (message) => assert.fail(message) });
  const entries = async () => {
    await ledger.flush();
    return (await ledger.read(NOW - 1000, NOW + 1000)).entries;
  };
  return { recorder: new UsageRecorder(ledger, () => NOW), entries };
}

async function* replyEvents(fail: boolean): AsyncGenerator<ChatStreamEvent> {
  yield { type: 'content', text: 'Hi' };
  yield { type: 'usage', usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } };
  yield { type: 'usage', usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, prompt_tokens_details: { cached_tokens: 4 } } };
  if (fail) throw new Error('connection reset');
}

describe('usage recorder: features record calls without changing them', () => {
  it('passes a reply stream through unchanged and records its last (cumulative) usage', async () => {
    const { recorder: usage, entries } = recorder();
    const seen: string[] = [];
    for await (const event of usage.tap(replyEvents(false), 'qwen-plus', 'chat')) seen.push(event.type);
    assert.deepEqual(seen, ['content', 'usage', 'usage']);
    assert.deepEqual((await entries()).map((entry) => entry.usage), [{ inputTokens: 5, outputTokens: 2, cachedTokens: 4 }]);
  });

  it('records what a failed or stopped reply used before it ended, and rethrows the failure', async () => {
    const { recorder: usage, entries } = recorder();
    await assert.rejects(async () => {
      for await (const _event of usage.tap(replyEvents(true), 'qwen-plus', 'chat'));
    }, /connection reset/);
    const stopped = usage.tap(replyEvents(false), 'qwen-max', 'chat');
    for await (const event of stopped) if (event.type === 'usage') break;
    assert.deepEqual((await entries()).map((entry) => [entry.model, entry.usage.outputTokens]), [['qwen-plus', 2], ['qwen-max', 1]]);
  });

  it('records a synchronous image result with its request id, and not an asynchronous submission', async () => {
    const { recorder: usage, entries } = recorder();
    const result: ImageResult = { images: [{ url: 'https://x/a.png' }], failures: [], usage: { image_count: 1, width: 1024, height: 1024 }, requestId: 'req-9' } as ImageResult;
    let asyncTask = false;
    const sender: MediaSender = {
      submitImage: async () => (asyncTask ? ({ taskId: 't-1' } as TrackedTask) : result),
      submitVideo: async () => ({ taskId: 't-2' }) as TrackedTask,
      saveImages: async () => ['/saved/a.png'],
    };
    const recording = usage.imageSender(sender, 'qwen-image-plus');
    assert.equal(await recording.submitImage({ model: 'qwen-image-plus' } as never), result);
    assert.deepEqual(await recording.saveImages(result), ['/saved/a.png']);
    asyncTask = true;
    await recording.submitImage({ model: 'qwen-image-plus' } as never);
    assert.deepEqual((await entries()).map((entry) => [entry.id, entry.kind, entry.usage]), [['req-9', 'image', { images: 1 }]]);
  });
});
