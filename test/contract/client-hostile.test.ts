import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { ClientErrorCode, DashScopeError } from '../../src/dashscope';
import { defaultSleep } from '../../src/dashscope/http';
import { harness, type Harness } from './client-helpers';

const isError = (check: (error: DashScopeError) => boolean) => (error: unknown) => error instanceof DashScopeError && check(error);

/** The client against a simulator that sends what no honest server sends. */
describe('client against a hostile server', () => {
  let h: Harness;
  const simLog: string[] = [];
  before(async () => {
    h = await harness({ log: (line) => simLog.push(line) });
  });
  after(() => h.close());

  const sentBytes = () => Number(/huge-body: sent (\d+) bytes/.exec(simLog.findLast((line) => line.startsWith('huge-body')) ?? '')?.[1]);
  const untilSent = async () => {
    for (let i = 0; i < 200 && Number.isNaN(sentBytes()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return sentBytes();
  };

  it('refuses a 200 MB JSON body after its cap, without reading it all', async () => {
    h.sim.injectFault({ fault: 'huge-body=200', path: '/compatible-mode/v1/models' });
    const before = process.memoryUsage().rss;
    await assert.rejects(h.client.models.list(), isError((e) => e.code === ClientErrorCode.BadResponse && !e.retryable && /larger than 8 MB/.test(e.message)));
    const sent = await untilSent();
    assert.ok(sent < 64 * 2 ** 20, `the simulator wrote ${sent} bytes before the client closed the connection`);
    assert.ok(process.memoryUsage().rss - before < 150 * 2 ** 20, 'the body was not held in memory');
  });

  it('refuses a body whose declared length is over the cap before reading any of it', async () => {
    simLog.length = 0;
    h.sim.injectFault({ fault: 'huge-body=200,declared', path: '/api/v1/tasks/' });
    await assert.rejects(h.client.tasks.get('any'), isError((e) => e.code === ClientErrorCode.BadResponse && /larger than 2 MB/.test(e.message)));
    const sent = await untilSent();
    assert.ok(sent < 64 * 2 ** 20, `the simulator wrote ${sent} bytes`);
  });

  it('refuses a 16 MB stream event with a clear error, without stalling the event loop', async () => {
    h.sim.injectFault({ fault: 'long-event=16', path: '/chat/completions' });
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const stream = h.client.chat.stream({ model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }] });
    await assert.rejects(stream.final(), isError((e) => e.code === ClientErrorCode.BadResponse && /event longer than 4 MB/.test(e.message) && e.endpoint === 'POST /compatible-mode/v1/chat/completions'));
    delay.disable();
    assert.ok(delay.max / 1e6 < 1000, `the longest stall was ${(delay.max / 1e6).toFixed(0)} ms`);
  });

  it('clamps a Retry-After of 30 days: at most 10 minutes reported, at most a minute waited before a retry', async () => {
    const once = h.clientFor('cn', { retry: { maxAttempts: 1 } });
    h.sim.injectFault({ fault: '429:retry-after=2592000', path: '/api/v1/tasks/' });
    await assert.rejects(once.tasks.get('any'), isError((e) => e.status === 429 && e.retryAfterSeconds === 600));
    h.sim.injectFault({ fault: '429:retry-after=2592000', path: '/api/v1/tasks/' });
    const start = h.sim.now();
    await h.client.tasks.get('any');
    assert.ok(h.sim.now() - start <= 60_000, `waited ${h.sim.now() - start} ms`);
  });

  it('sleeps without a TimeoutOverflowWarning however long it is asked to', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const sleeping = defaultSleep(30 * 24 * 3600_000, controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort(new Error('stop'));
      await assert.rejects(sleeping, /stop/);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, []);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('keeps only the known scalar usage fields of a task, so usage nested 100 000 deep can be stored and shown', async () => {
    const { taskId } = await h.client.video.submit({ model: 'wan2.6-t2v', prompt: 'a boat [[sim:hostile-result=deep-usage]]' });
    const task = await h.client.tasks.wait(taskId);
    assert.deepEqual(task.usage, { duration: 5 });
    assert.doesNotThrow(() => JSON.stringify(task));
  });
});
