import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LeaveGate } from '../e2e/gate';

/** Whether someone holds the lock file now (`flock -n` fails while it is held). */
const held = (file: string) => spawnSync('flock', ['-n', file, 'true']).status !== 0;

describe('the e2e gate: one file tests at a time', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-gate-'));
  const file = path.join(dir, 'testing.lock');
  const launching = path.join(dir, 'launching.lock');
  let enterGate: (roots: readonly number[]) => Promise<LeaveGate>;
  let launchTurn: () => Promise<{ end: LeaveGate; waiting: boolean }>;

  before(async () => {
    process.env.DASHSCOPE_E2E_GATE = dir;
    ({ enterGate, launchTurn } = await import('../e2e/gate'));
  });
  after(() => {
    delete process.env.DASHSCOPE_E2E_GATE;
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the gate until the file leaves it, then lets the next one in', async () => {
    const leaveFirst = await enterGate([]);
    assert.ok(held(file), 'held while the first file tests');
    let secondIn = false;
    const second = enterGate([]).then((leave) => {
      secondIn = true;
      return leave;
    });
    assert.ok(held(file));
    assert.equal(secondIn, false);
    leaveFirst();
    leaveFirst();
    const leaveSecond = await second;
    assert.ok(held(file), 'held by the second file now');
    leaveSecond();
    for (const deadline = Date.now() + 5000; held(file); ) {
      assert.ok(Date.now() < deadline, 'the gate opens again once the last file leaves');
      await new Promise((resolve) => setImmediate(resolve));
    }
  });

  it('gives one launch turn at a time, and says when another file is testing meanwhile', async () => {
    const first = await launchTurn();
    assert.equal(first.waiting, false, 'nobody is testing yet: the first launch goes at full speed');
    assert.ok(held(launching));
    const leaveTesting = await enterGate([]);
    first.end();
    const second = await launchTurn();
    assert.equal(second.waiting, true);
    second.end();
    leaveTesting();
  });

  it('opens when a file holding it dies without leaving', async () => {
    const script = `import('${path.join(__dirname, '..', 'e2e', 'gate.ts').replaceAll('\\', '/')}').then((gate) => (gate.enterGate ?? gate.default.enterGate)([])).then(() => { console.log('in'); setInterval(() => {}, 1000); });`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, DASHSCOPE_E2E_GATE: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve, reject) => {
      holder.stdout.once('data', resolve);
      holder.once('exit', (code) => reject(new Error(`the holder exited with ${String(code)} before entering`)));
    });
    assert.ok(held(file));
    holder.kill('SIGKILL');
    const leave = await enterGate([]);
    leave();
  });
});
