import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator';
import { raw } from '../simulator/testClient';

const MODELS = '/compatible-mode/v1/models';
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
});
