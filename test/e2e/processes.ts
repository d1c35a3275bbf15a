import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** Live (non-zombie) processes as pid → { ppid, pgid, session }, read from /proc. */
function processTable(): Map<number, { ppid: number; pgid: number; session: number }> {
  const table = new Map<number, { ppid: number; pgid: number; session: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may contain spaces): state ppid pgrp …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid, pgid, session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') table.set(Number(entry), { ppid: Number(ppid), pgid: Number(pgid), session: Number(session) });
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
 * Sets the CPU priority (nice) of processes and all their descendants: each process's own, and that of each
 * session's autogroup, which is what the kernel weighs between sessions when autogroups are on (code-server and
 * Chromium run in sessions of their own). Only this process's own session is left alone. Best effort: where the
 * system does not allow it (raising priority again needs root), the processes keep what they had.
 */
export function setNice(roots: readonly number[], nice: number): void {
  const table = processTable();
  const ownSession = table.get(process.pid)?.session;
  const sessions = new Set<number>();
  for (const pid of roots.flatMap((root) => processTree(root, table))) {
    try {
      os.setPriority(pid, nice);
    } catch {
      // exited, or not allowed
    }
    const session = table.get(pid)?.session;
    if (session !== undefined && session !== ownSession && !sessions.has(session)) {
      sessions.add(session);
      try {
        writeFileSync(`/proc/${pid}/autogroup`, String(nice));
      } catch {
        // no autogroups, or not allowed
      }
    }
  }
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
