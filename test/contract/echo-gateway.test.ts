import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DashScopeError } from '../../src/dashscope';
import { raw } from '../simulator/testClient';
import { harness, type Harness } from './client-helpers';

const hello = { model: 'qwen-plus', messages: [{ role: 'user' as const, content: 'hello' }] };

/** Every 8-character piece of the key: none may survive anywhere in an error. */
const pieces = (key: string) => Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8).toLowerCase());

function everyString(error: DashScopeError): string {
  return [error.message, error.code, error.requestId ?? '', error.endpoint, String(error), error.stack ?? '', JSON.stringify(error)].join('\n').toLowerCase();
}

describe('an Authorization-echoing gateway (simulator fault echo-auth)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('echoes the header into code, request id, message and x-request-id, in both body shapes', async () => {
    const key = h.sim.keyFor('cn');
    const compat = await raw(h.sim, '/compatible-mode/v1/models', { method: 'GET', headers: { 'x-sim-fault': 'echo-auth' } });
    assert.equal(compat.status, 401);
    assert.equal(compat.headers['x-request-id'], `Bearer ${key}`);
    const body = compat.json<{ error: { code: string; message: string }; request_id: string }>();
    assert.deepEqual([body.error.code, body.request_id], [`Bearer ${key}`, `Bearer ${key}`]);
    assert.ok(body.error.message.includes(key));
    const native = await raw(h.sim, '/api/v1/tasks/t-1', { method: 'GET', headers: { 'x-sim-fault': 'echo-auth' } });
    assert.deepEqual([native.json().code, native.json().request_id], [`Bearer ${key}`, `Bearer ${key}`]);
  });

  it('leaves nothing of the key in any DashScopeError field, whatever the call', async () => {
    const key = h.sim.keyFor('cn');
    const calls: [string, () => Promise<unknown>][] = [
      ['models.list', () => h.client.models.list()],
      ['chat.create', () => h.client.chat.create(hello)],
      ['chat.stream', () => h.client.chat.stream(hello).final()],
      ['tasks.get', () => h.client.tasks.get('0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f')],
      ['tasks.cancel', () => h.client.tasks.cancel('0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f')],
    ];
    for (const [name, call] of calls) {
      const before = h.sim.requests.length;
      h.sim.injectFault({ fault: 'echo-auth', times: 1 });
      const error = await call().then(() => undefined, (failure: unknown) => failure);
      assert.ok(error instanceof DashScopeError, `${name} fails with a DashScopeError`);
      assert.equal(h.sim.requests.length, before + 1, `${name} reached the echoing gateway once`);
      assert.equal(error.status, 401);
      const text = everyString(error);
      for (const piece of pieces(key)) assert.ok(!text.includes(piece), `${name}: "${piece}" of the key survives in ${text}`);
    }
  });
});
