import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { DashScopeClient } from '../../src/dashscope';
import { isUnreachable, plainNetworkMessage } from '../../src/extension/connectionState';
import { downloadResult } from '../../src/extension/tasks/download';
import { resultUrls } from '../../src/extension/tasks/taskResults';
import { startSimulator, type Simulator } from '../simulator';
import { raw } from '../simulator/testClient';

const MODELS = '/compatible-mode/v1/models';

/** The error a plain request gets, or undefined when it is answered. */
async function failure(sim: Simulator, path = MODELS): Promise<Error | undefined> {
  return raw(sim, path).then(() => undefined, (error: Error) => error);
}

const control = (sim: Simulator, route: string, body: unknown) => request(`${sim.origin}/__sim/${route}`, { method: 'POST', body: JSON.stringify(body) });

describe('simulator: outages and slow downloads', () => {
  let sim: Simulator;
  let client: DashScopeClient;
  let root: string;
  before(async () => {
    // Real time: slow downloads and outages that end by themselves are measured in real milliseconds.
    sim = await startSimulator({ rateLimits: false, taskTimings: { pendingMs: 50, runningMs: 50 } });
    client = new DashScopeClient({ apiKey: sim.keyFor('cn'), baseUrl: sim.regionOrigin('cn'), retry: { maxAttempts: 1 } });
    root = mkdtempSync(path.join(os.tmpdir(), 'sim-outage-'));
  });
  after(async () => {
    await sim.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses connections on the same port while keeping its tasks, then takes them again', async () => {
    const task = await client.video.submit({ model: 'wan2.6-t2v', prompt: 'a harbour at dawn' });
    await sim.goOffline();
    const refused = await failure(sim);
    assert.match(String((refused as { code?: string })?.code ?? refused), /ECONNREFUSED/);
    const seenByClient = await client.tasks.get(task.taskId).catch((error: unknown) => error);
    assert.ok(isUnreachable(seenByClient), 'the client reports a network failure');
    assert.match(plainNetworkMessage(seenByClient)!, /could not be reached/);

    await sim.goOnline();
    assert.equal(await failure(sim), undefined, 'answered again on the same origin');
    const info = await client.tasks.wait(task.taskId, { minIntervalMs: 100, maxIntervalMs: 100 });
    assert.equal(info.status, 'SUCCEEDED', 'the task submitted before the outage is still known and ran meanwhile');
  });

  it('in reset mode accepts connections and drops them, which the client reports as a dropped connection', async () => {
    await sim.goOffline('reset');
    const error = await client.models.list().catch((caught: unknown) => caught);
    assert.ok(isUnreachable(error));
    assert.match(plainNetworkMessage(error)!, /dropped/);
    await sim.goOnline();
    assert.ok((await client.models.list()).length > 0);
  });

  it('drops a connection open when the outage starts (a reply streaming)', async () => {
    const stream = client.chat.stream({ model: 'qwen-plus', messages: [{ role: 'user', content: '[[sim:long=2000]] [[sim:pace=20]] a long story' }] });
    const events = stream[Symbol.asyncIterator]();
    assert.equal((await events.next()).done, false, 'the reply started');
    await sim.goOffline();
    await assert.rejects(async () => {
      for (let next = await events.next(); !next.done; next = await events.next());
    }, (error: unknown) => isUnreachable(error));
    await sim.goOnline();
  });

  it('POST /__sim/offline starts an outage for a given time that ends by itself; a bad body is refused', async () => {
    assert.equal((await control(sim, 'offline', { ms: 'long' })).statusCode, 400);
    const answer = await control(sim, 'offline', { ms: 400 });
    assert.equal(answer.statusCode, 200);
    await answer.body.dump();
    const started = Date.now();
    let refusedSeen = false;
    while (Date.now() - started < 5000) {
      const error = await failure(sim);
      if (error) refusedSeen = true;
      else if (refusedSeen) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(refusedSeen, 'refused during the outage');
    assert.equal(await failure(sim), undefined, 'answering again after it');
  });

  it('sends results at the download pace asked for, whole and in many pieces; a cut slow download leaves no file', async () => {
    const task = await client.video.submit({ model: 'wan2.6-t2v', prompt: 'a slow river' });
    const [url] = resultUrls(await client.tasks.wait(task.taskId, { minIntervalMs: 100, maxIntervalMs: 100 }));
    const whole = Buffer.concat((await raw(sim, url!)).chunks);
    const size = whole.length;
    assert.ok(size > 2000);

    const pace = Math.ceil(size / 0.6);
    sim.paceDownloads(pace);
    const started = Date.now();
    const slow = await raw(sim, url!);
    const took = Date.now() - started;
    assert.deepEqual(Buffer.concat(slow.chunks), whole, 'the same bytes');
    assert.ok(slow.chunks.length >= 5, `arrived in ${slow.chunks.length} pieces`);
    assert.ok(took >= 400, `took ${took} ms at ${pace} B/s`);

    // An outage in the middle of a slow download: the download fails, nothing half-written is left.
    const folder = path.join(root, 'results');
    const cut = downloadResult(url!, { folder, name: 'river' }, { apiBaseUrl: client.baseUrl });
    setTimeout(() => void sim.goOffline(), 200);
    await assert.rejects(cut);
    assert.deepEqual(readdirSync(folder), [], 'no partial file');
    await sim.goOnline();

    assert.equal((await control(sim, 'downloads', { bytesPerSecond: 0 })).statusCode, 400);
    assert.equal((await control(sim, 'downloads', { bytesPerSecond: null })).statusCode, 200);
    const file = await downloadResult(url!, { folder, name: 'river' }, { apiBaseUrl: client.baseUrl });
    assert.deepEqual(readFileSync(file), whole, 'downloaded again at full speed once back');
  });
});
