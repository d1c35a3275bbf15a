import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { ClientErrorCode, DashScopeError } from '../../src/dashscope';
import { replyErrorOf } from '../../src/extension/chat/replyErrors';
import { ConnectionHealth, plainNetworkMessage } from '../../src/extension/connectionState';
import { ConnectionHealthStatus } from '../../src/extension/connectionStatus';
import { presentTask } from '../../src/extension/tasks/taskPresentation';
import { throttleDelay } from '../../src/extension/tasks/taskPolling';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';
import { FakeClock } from './fakeClock';

const test = vscode as unknown as typeof double;
const network = (message: string) => new DashScopeError({ message, code: ClientErrorCode.Network, endpoint: 'GET /tasks/x' });
const throttled = () => new DashScopeError({ message: 'Requests rate limit exceeded', code: 'Throttling.RateQuota', status: 429, endpoint: 'GET /tasks/x' });

describe('connection state (host, vscode double)', () => {
  afterEach(() => test.resetVscode());

  it('says what happened in plain words; the library\'s words are not shown', () => {
    assert.equal(plainNetworkMessage(network('other side closed')), 'The connection to DashScope dropped.');
    assert.match(plainNetworkMessage(network('connect ECONNREFUSED 127.0.0.1:8787'))!, /could not be reached/);
    assert.equal(plainNetworkMessage(throttled()), undefined);
    for (const raw of ['other side closed', 'connect ECONNREFUSED 127.0.0.1:8787']) assert.doesNotMatch(replyErrorOf(network(raw)).message, /other side|ECONNREFUSED/);
  });

  it('is unreachable from the first failed connection, retries with a growing delay, and ends on the first answer', async () => {
    const clock = new FakeClock();
    let probes = 0;
    let down = true;
    const health = new ConnectionHealth(async () => {
      probes++;
      if (down) throw network('connect ECONNREFUSED 127.0.0.1:8787');
    }, clock);
    const seen: boolean[] = [];
    health.onDidChange((state) => seen.push(state.reachable));
    const start = clock.now();
    health.failed(network('connect ECONNREFUSED 127.0.0.1:8787'));
    assert.deepEqual(health.state, { reachable: false, since: start, reason: 'DashScope could not be reached: check the network connection and proxy settings.', nextRetryAt: start + 5000 });
    await clock.advance(5000);
    assert.equal(probes, 1);
    assert.equal(!health.state.reachable && health.state.nextRetryAt, clock.now() + 10_000, 'the next try waits longer');
    assert.equal(!health.state.reachable && health.state.since, start, 'still unreachable since the first failure');
    down = false;
    await clock.advance(10_000);
    assert.equal(health.state.reachable, true);
    assert.equal(clock.pendingTimers, 0, 'no probe while reachable');
    health.failed(throttled());
    assert.equal(health.state.reachable, true, 'a 429 is an answer');
    assert.deepEqual(seen.at(-1), true);
    health.dispose();
  });

  it('shows the outage in the status bar, counting down, and hides it when DashScope answers again', () => {
    const clock = new FakeClock();
    const health = new ConnectionHealth(async () => undefined, clock);
    const status = new ConnectionHealthStatus(health);
    const item = test.window.statusBarItems.find((candidate) => candidate.id === 'dashscope.health')!;
    assert.equal(item.visible, false);
    health.failed(network('other side closed'));
    assert.equal(item.visible, true);
    assert.match(item.text, /DashScope unreachable since .* · next try in \d+ s/);
    assert.match(String(item.tooltip), /The connection to DashScope dropped\./);
    health.succeeded();
    assert.equal(item.visible, false);
    status.dispose();
    health.dispose();
  });

  it('a running task says its checks fail while DashScope is unreachable; a finished one does not', () => {
    const task = (status: TrackedTask['status']): TrackedTask => ({ taskId: 't', region: 'cn', kind: 'video', model: 'wan2.6-t2v', prompt: 'p', status, createdAt: 0, resultUrls: [], localFiles: [] });
    const outage = 'DashScope unreachable since 10:42:05 · next try in 20 s';
    const running = presentTask(task('RUNNING'), 60_000, outage);
    assert.match(running.description, /running 1m 0s · DashScope unreachable since 10:42:05/);
    assert.equal(running.icon, 'debug-disconnect');
    assert.doesNotMatch(presentTask(task('SUCCEEDED'), 60_000, outage).description, /unreachable/);
    assert.doesNotMatch(presentTask(task('RUNNING'), 60_000).description, /unreachable/);
  });

  it('polling backs off further while a 429 storm lasts, even when Retry-After is short', () => {
    const waits = Array.from({ length: 9 }, (_, i) => throttleDelay(1, i + 1) / 1000);
    assert.deepEqual(waits, [2, 4, 8, 16, 32, 64, 120, 120, 120]);
    assert.equal(throttleDelay(300, 1), 120_000, 'a huge Retry-After is clamped');
    assert.equal(throttleDelay(10, 1), 10_000, 'a longer Retry-After is honoured');
    // Checks in a ten-minute storm with Retry-After: 1 — before, one round per 1 s (capped at 5 per second): 600 rounds.
    let elapsed = 0;
    let rounds = 0;
    while (elapsed < 600_000) elapsed += throttleDelay(1, ++rounds);
    assert.ok(rounds <= 12, `${rounds} rounds in ten minutes`);
  });
});
