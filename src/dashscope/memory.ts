import { z } from 'zod';
import type { CallOptions, Transport } from './http';

const MEMORY_PATH = '/api/v2/apps/memory/memory_nodes';
/** The service's largest page. */
export const MAX_MEMORY_PAGE = 100;
/** A memory node's content is cut to this many characters. */
const MAX_CONTENT_CHARS = 10_000;

/** One remembered fact about a user (long-term memory, `memory_nodes`). */
export interface MemoryNode {
  readonly id: string;
  readonly content: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface MemoryPage {
  readonly total: number | undefined;
  readonly nodes: readonly MemoryNode[];
}

export interface MemoryQuery {
  readonly userId: string;
  readonly pageNum?: number;
  readonly pageSize?: number;
  readonly memoryLibraryId?: string;
}

const nodeSchema = z.looseObject({ memory_node_id: z.string().min(1).max(200), content: z.string(), created_at: z.string().max(100).nullish(), updated_at: z.string().max(100).nullish() });
const pageSchema = z.looseObject({ total: z.number().int().nonnegative().nullish(), memory_nodes: z.array(nodeSchema).nullish() });
const ack = z.looseObject({ request_id: z.string().optional() });

const nodeOf = (node: z.output<typeof nodeSchema>): MemoryNode => ({
  id: node.memory_node_id,
  content: node.content.slice(0, MAX_CONTENT_CHARS),
  ...(node.created_at ? { createdAt: node.created_at } : {}),
  ...(node.updated_at ? { updatedAt: node.updated_at } : {}),
});

/** Long-term memory under `/api/v2/apps/memory`: a user's memory nodes, read and deleted with the API key. */
export class MemoryApi {
  constructor(private readonly transport: Transport) {}

  async list(query: MemoryQuery, options?: CallOptions): Promise<MemoryPage> {
    const pageSize = Math.min(MAX_MEMORY_PAGE, Math.max(1, query.pageSize ?? MAX_MEMORY_PAGE));
    const page = await this.transport.json({
      method: 'GET',
      path: MEMORY_PATH,
      query: { user_id: query.userId, page_num: Math.max(1, query.pageNum ?? 1), page_size: pageSize, memory_library_id: query.memoryLibraryId },
    }, pageSchema, options);
    return { total: page.total ?? undefined, nodes: (page.memory_nodes ?? []).slice(0, pageSize).map(nodeOf) };
  }

  async remove(nodeId: string, userId: string, options?: CallOptions): Promise<void> {
    await this.transport.json({ method: 'DELETE', path: `${MEMORY_PATH}/${encodeURIComponent(nodeId)}`, query: { user_id: userId } }, ack, options);
  }
}
