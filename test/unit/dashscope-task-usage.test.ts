import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taskInfoFrom } from '../../src/dashscope/tasks';

const task = (usage: Record<string, unknown>) => taskInfoFrom({ output: { task_id: 't', task_status: 'SUCCEEDED' }, usage });

describe('task usage', () => {
  it('keeps the known scalar fields and drops nested values, unknown fields, long text and non-finite numbers', () => {
    const nested = JSON.parse(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`) as unknown;
    assert.deepEqual(task({
      duration: 5, SR: 720, ratio: '16:9', size: 'x'.repeat(101), video_count: Number.NaN, image_count: { deep: nested },
      width: [1], nested, __proto__: 1, toString: 'x', surprise: 'field',
    }).usage, { duration: 5, SR: 720, ratio: '16:9' });
  });
});
