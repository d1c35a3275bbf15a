import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concurrencyLimit } from '../../src/extension/concurrencyLimit';

describe('concurrencyLimit', () => {
  it('never runs more than the limit at once, runs waiting jobs in order, and passes results and errors through', async () => {
    const limited = concurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const job = (index: number) => limited(async () => {
      started.push(index);
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (index === 3) throw new Error('job 3 failed');
      return index * 10;
    });
    const outcomes = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(job));
    assert.equal(peak, 2);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message)), [0, 10, 20, 'job 3 failed', 40, 50]);
  });

  it('frees its slot when a job throws synchronously', async () => {
    const limited = concurrencyLimit(1);
    await assert.rejects(limited(() => { throw new Error('at once'); }), /at once/);
    assert.equal(await limited(async () => 'next'), 'next');
  });
});
