import { spawn, spawnSync } from 'node:child_process';
import type { Socket } from 'node:net';
import path from 'node:path';
import { setNice } from './processes';

/**
 * The folder of the e2e gate's lock files, named by DASHSCOPE_E2E_GATE (set by `npm run test:e2e`). While one e2e
 * file runs its tests (it holds `testing.lock`), the next ones start their VS Code, one at a time (`launching.lock`)
 * and at low CPU priority, then wait: launches overlap tests, but no two files drive their windows at once (two
 * files testing side by side on 2 cores lost quick picks to late focus changes).
 */
const GATE = process.env.DASHSCOPE_E2E_GATE;
const TESTING = GATE && path.join(GATE, 'testing.lock');
const LAUNCHING = GATE && path.join(GATE, 'launching.lock');

/** Lowest CPU priority: a run started while another file tests gets only the CPU that file leaves idle. */
const WAITING_NICE = 19;

/** Leaves the gate; calling it again does nothing. */
export type LeaveGate = () => void;

/**
 * Holds an exclusive lock on `file` until the returned function is called or this process ends. The lock is
 * util-linux `flock`, held by a child that lives as long as its stdin is open: the kernel releases it when this
 * process dies however it dies, so a crashed file can never leave the gate shut.
 */
async function hold(file: string): Promise<LeaveGate> {
  const holder = spawn('flock', [file, 'sh', '-c', 'echo held; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`flock on ${file} exited with ${String(code)}`)));
  });
  holder.stdout.resume();
  // Not waited on by the event loop: a lock must never keep a finished file's process alive.
  holder.unref();
  for (const pipe of [holder.stdin, holder.stdout]) (pipe as Socket).unref();
  let left = false;
  return () => {
    if (left) return;
    left = true;
    holder.stdin.end();
  };
}

/** Whether another file holds `file` now (`flock -n` fails while it does). */
const heldElsewhere = (file: string) => spawnSync('flock', ['-n', file, 'true']).status !== 0;

/**
 * Waits for this file's turn to start its VS Code (one launch at a time, so that the next file is ready soonest);
 * returns the function that ends the turn, and whether another file is testing (the launch should then yield).
 */
export async function launchTurn(): Promise<{ end: LeaveGate; waiting: boolean }> {
  if (!LAUNCHING || !TESTING) return { end: () => undefined, waiting: false };
  const end = await hold(LAUNCHING);
  return { end, waiting: heldElsewhere(TESTING) };
}

/**
 * Lowers the CPU priority of a run's processes (`roots`: code-server's and Chromium's, and what they start later)
 * until it enters the gate, so that starting it does not slow down the file testing.
 */
export function yieldWhileWaiting(roots: readonly number[]): void {
  setNice(roots, WAITING_NICE);
}

/**
 * Waits until no other e2e file is testing, then gives the run's processes (`roots`) their normal priority back
 * and holds the gate until the returned function is called or this process ends. Without DASHSCOPE_E2E_GATE (one
 * file run on its own) it returns at once.
 */
export async function enterGate(roots: readonly number[]): Promise<LeaveGate> {
  if (!TESTING) return () => undefined;
  const leave = await hold(TESTING);
  setNice(roots, 0);
  return leave;
}
