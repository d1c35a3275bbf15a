import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How an outage looks to a client: `refuse` closes the listening socket (ECONNREFUSED, DashScope unreachable);
 * `reset` accepts each connection and drops it at once (the connection to DashScope dropped).
 */
export type OutageMode = 'refuse' | 'reset';

/**
 * Whether the simulator takes connections. An outage drops the open connections and refuses new ones on the
 * same port, while everything the simulator keeps (tasks, results, uploads, memory) stays as it was.
 */
export class Connections {
  private readonly sockets = new Set<Socket>();
  private outage: OutageMode | undefined;

  constructor(private readonly server: Server, private readonly port: () => number) {
    server.on('connection', (socket) => {
      if (this.outage === 'reset') return void socket.destroy();
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  get down(): boolean {
    return this.outage !== undefined;
  }

  async goOffline(mode: OutageMode = 'refuse'): Promise<void> {
    if (this.outage === mode) return;
    if (this.outage === 'refuse') await this.listen();
    this.outage = mode;
    const closed = mode === 'refuse' ? new Promise<void>((resolve) => this.server.close(() => resolve())) : Promise.resolve();
    this.dropAll();
    await closed;
  }

  /** Takes connections again on the same port (fails if another process took the port meanwhile). */
  async goOnline(): Promise<void> {
    const was = this.outage;
    this.outage = undefined;
    if (was === 'refuse') await this.listen();
  }

  dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private listen(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port(), '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }
}
