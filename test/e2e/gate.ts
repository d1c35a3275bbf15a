import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { setNice } from './processes';

/**
 * The lock file named by DASHSCOPE_E2E_GATE (set by `npm run test:e2e`): while one e2e file runs its tests, the
 * next one starts its VS Code and then waits here, so that launches overlap tests but no two files drive their
 * windows at once (two files testing side by side on 2 cores lost quick picks to late focus changes).
 */
const GATE = process.env.DASHSCOPE_E2E_GATE;

/** Leaves the gate; calling it again does nothing. */
export type LeaveGate = () => void;

/** Lowest CPU priority: a run started while another file tests gets only the CPU that file leaves idle. */
const WAITING_NICE = 19;

/**
 * Lowers the CPU priority of a run's processes (`roots`: code-server's and Chromium's, and what they start later)
 * until it enters the gate, so that starting it does not slow down the file testing. Only under the gate.
 */
export function yieldWhileWaiting(roots: readonly number[]): void {
  if (GATE) setNice(roots, WAITING_NICE);
}

/**
 * Waits until no other e2e file is testing, then gives the run's processes (`roots`) their normal priority back
 * and holds the gate until the returned function is called or this process ends. Without DASHSCOPE_E2E_GATE (one
 * file run on its own) it returns at once.
 *
 * The lock is util-linux `flock` on the file, held by a child that lives as long as its stdin is open: the kernel
 * releases it when this process dies however it dies, so a crashed file can never leave the gate shut.
 */
export async function enterGate(roots: readonly number[]): Promise<LeaveGate> {
  if (!GATE) return () => undefined;
  const holder = spawn('flock', [GATE, 'sh', '-c', 'echo held; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`flock on the e2e gate ${GATE} exited with ${String(code)}`)));
  });
  holder.stdout.resume();
  setNice(roots, 0);
  // Not waited on by the event loop: the gate must never keep a finished file's process alive.
  holder.unref();
  for (const pipe of [holder.stdin, holder.stdout]) (pipe as Socket).unref();
  let left = false;
  return () => {
    if (left) return;
    left = true;
    holder.stdin.end();
  };
}
