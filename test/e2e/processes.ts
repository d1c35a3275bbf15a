import { readdirSync, readFileSync } from 'node:fs';

/** Live (non-zombie) processes as pid → { ppid, pgid }, read from /proc. */
function processTable(): Map<number, { ppid: number; pgid: number }> {
  const table = new Map<number, { ppid: number; pgid: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may contain spaces): state ppid pgrp …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') table.set(Number(entry), { ppid: Number(ppid), pgid: Number(pgid) });
    } catch {
      // exited while listing
    }
  }
  return table;
}

/** A process and all its live descendants. */
export function processTree(root: number, table = processTable()): number[] {
  const tree = [root].filter((pid) => table.has(pid));
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, { ppid }] of table) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/**
 * Processes still alive out of `pids` or in process group `pgid` (code-server's group: it is started
 * detached, so its children stay in the group even when they are re-parented).
 */
export function survivors(pids: readonly number[], pgid?: number): number[] {
  const table = processTable();
  return [...table].filter(([pid, info]) => pids.includes(pid) || (pgid !== undefined && info.pgid === pgid)).map(([pid]) => pid);
}

/** Process groups of code-servers not stopped yet. */
const groupsToKillOnExit = new Set<number>();
let exitHookInstalled = false;

/**
 * code-server runs in a process group of its own (so it can be stopped as a whole), which also means it
 * would outlive this process: if this process exits before stopping it, the group is killed on the way out.
 */
export function killOnExit(pgid: number): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const group of groupsToKillOnExit) {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  groupsToKillOnExit.add(pgid);
}

/** A group stopped on purpose: nothing left to kill on exit. */
export function stoppedGroup(pgid: number): void {
  groupsToKillOnExit.delete(pgid);
}

let exitOnSignalInstalled = false;

/** An interrupted test process (Ctrl+C, a killed runner) exits, so the exit hooks stop code-server and Chromium. */
export function exitOnSignal(): void {
  if (exitOnSignalInstalled) return;
  exitOnSignalInstalled = true;
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}
