import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { watchFolder } from './folderWatcher';
import { listFolder, writeFileAtomic } from './jsonFile';

export interface PresenceOptions {
  /** How often this window says it is alive. */
  readonly heartbeatMs?: number;
  /** A window silent for this long is gone (it crashed: a window that closes removes its file at once). */
  readonly staleMs?: number;
  readonly now?: () => number;
}

/**
 * Which VS Code windows (extension hosts) sharing this global storage are alive: each keeps a file whose
 * time it refreshes. Work a window owns (polling a task, streaming a reply) is taken over by another
 * window once its owner is gone.
 */
export class WindowPresence {
  readonly id = randomUUID();
  private live = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly now: () => number;
  private heartbeat: NodeJS.Timeout | undefined;
  private watcher: { dispose(): void } | undefined;
  private scanning: Promise<void> = Promise.resolve();

  constructor(private readonly folder: string, options: PresenceOptions = {}) {
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.staleMs = options.staleMs ?? 3 * this.heartbeatMs;
    this.now = options.now ?? Date.now;
  }

  private get file(): string {
    return path.join(this.folder, this.id);
  }

  async start(): Promise<void> {
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    this.watcher = watchFolder(this.folder, () => void this.scan());
  }

  isLive(windowId: string | undefined): boolean {
    return windowId === this.id || (windowId !== undefined && this.live.has(windowId));
  }

  /** Called when a window appears or goes. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Leaves at once, so other windows take over this window's work without waiting for it to go stale. */
  async release(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.watcher?.dispose();
    this.listeners.clear();
    await fs.rm(this.file, { force: true });
  }

  private async beat(): Promise<void> {
    await writeFileAtomic(this.file, String(this.now())).catch(() => undefined);
    await this.scan();
  }

  /** Reads who is alive; scans run one at a time. */
  scan(): Promise<void> {
    this.scanning = this.scanning.then(async () => {
      const now = this.now();
      const live = new Set<string>();
      for (const name of await listFolder(this.folder).catch(() => [])) {
        const at = Number(await fs.readFile(path.join(this.folder, name), 'utf8').catch(() => '0'));
        if (now - at < this.staleMs) live.add(name);
        else if (now - at > 100 * this.staleMs) await fs.rm(path.join(this.folder, name), { force: true });
      }
      const changed = live.size !== this.live.size || [...live].some((id) => !this.live.has(id));
      this.live = live;
      if (changed) for (const listener of this.listeners) listener();
    });
    return this.scanning;
  }
}
