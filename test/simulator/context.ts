import type { RateLimiter } from './rateLimits';
import type { KnowledgeEndpoint } from './routes/knowledge';
import type { McpServer } from './routes/mcp';
import type { MemoryStore } from './routes/memory';
import type { ResultStore } from './routes/results';
import type { TaskKind, TaskStore } from './tasks';
import type { UploadStore } from './routes/uploads';

/** What every route module shares: the clock, the stores and the server's timers. */
export interface SimContext {
  /** Simulated epoch ms. */
  readonly now: () => number;
  /** `http://127.0.0.1:PORT` once listening. */
  readonly origin: () => string;
  readonly tasks: TaskStore;
  readonly results: ResultStore;
  readonly uploads: UploadStore;
  readonly memory: MemoryStore;
  readonly mcp: McpServer;
  readonly knowledge: KnowledgeEndpoint;
  readonly limiter: RateLimiter;
  readonly timings: (kind: TaskKind) => { pendingMs: number; runningMs: number };
  /** A real-time pause that close() cancels (no stray timers). */
  readonly sleep: (ms: number) => Promise<void>;
}
