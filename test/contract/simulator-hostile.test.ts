import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator';
import { compatEvents, raw } from '../simulator/testClient';

const MODELS = '/compatible-mode/v1/models';
const CHAT = '/compatible-mode/v1/chat/completions';
const fault = (name: string) => ({ 'x-sim-fault': name });

/** The simulator's hostile faults: what each sends, so client tests can rely on it. */
describe('simulator: hostile faults', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ clock: 'manual', rateLimits: false, taskTimings: { pendingMs: 0, runningMs: 0 } });
  });
  after(() => sim.close());

  it('huge-body=MB streams a 200 JSON body of that size, with its length only when declared', async () => {
    const body = await raw(sim, MODELS, { headers: fault('huge-body=3') });
    assert.equal(body.status, 200);
    assert.equal(body.headers['content-length'], undefined);
    assert.equal(body.text.length, 3 * 2 ** 20);
    assert.equal((JSON.parse(body.text) as { pad: string }).pad.length, 3 * 2 ** 20 - '{"pad":""}'.length);
    const declared = await raw(sim, MODELS, { headers: fault('huge-body=1,declared') });
    assert.equal(declared.headers['content-length'], String(2 ** 20));
  });

  it('long-event=MB sends a chat stream whose second event is one line of that many MB', async () => {
    const response = await raw(sim, CHAT, { body: { model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }], stream: true }, headers: fault('long-event=2') });
    const lines = response.text.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 2);
    const [, long] = compatEvents(response.text) as { choices: { delta: { content: string } }[] }[];
    assert.equal(long!.choices[0]!.delta.content, 'x'.repeat(2 * 2 ** 20));
  });
});
