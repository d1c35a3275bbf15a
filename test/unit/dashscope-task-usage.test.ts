import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registerSecret } from '../../src/dashscope/errors';
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

describe('a failed task as a gateway may echo it', () => {
  it('keeps no key in the code or message it reports (both are shown and saved)', () => {
    const key = 'sk-task-echo-0123456789abcdef';
    registerSecret(key);
    const info = taskInfoFrom({ output: { task_id: 't', task_status: 'FAILED', code: `Bad ${key}`, message: `Authorization: Bearer ${key.toUpperCase()} refused` } });
    assert.doesNotMatch(`${info.code} ${info.message}`, /0123456789abcdef/i);
    assert.match(info.message ?? '', /refused/);
  });
});
