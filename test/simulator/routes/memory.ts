import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { invalidParameter, nativeError, sendJson, type SimRequest } from '../http';

interface MemoryNode {
  readonly memory_node_id: string;
  content: string;
  readonly created_at: string;
  updated_at: string;
}

const addBody = z.looseObject({
  user_id: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.enum(['user', 'assistant', 'system']), content: z.string() })).optional(),
  custom_content: z.string().optional(),
  memory_library_id: z.string().optional(),
});
const searchBody = z.looseObject({ user_id: z.string().min(1), query: z.string().min(1), top_k: z.number().int().min(1).max(100).optional(), memory_library_id: z.string().optional() });
const updateBody = z.looseObject({ user_id: z.string().min(1), custom_content: z.string().min(1) });

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Long-term memory (Bailian reference §8) under /api/v2/apps/memory: nodes per account and user, searched by shared words. */
export class MemoryStore {
  private readonly nodes = new Map<string, MemoryNode[]>();

  constructor(private readonly now: () => number) {}

  /** Memories belong to the account (the region's keys) and the user id. */
  private bucket(req: SimRequest, userId: string): MemoryNode[] {
    const key = `${req.region}\u0000${userId}`;
    let list = this.nodes.get(key);
    if (!list) this.nodes.set(key, (list = []));
    return list;
  }

  add(req: SimRequest): void {
    const parsed = addBody.safeParse(req.json);
    if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    const { user_id: userId, messages, custom_content: custom } = parsed.data;
    const contents = custom ? [custom] : (messages ?? []).filter((m) => m.role === 'user' && m.content.trim()).map((m) => m.content.trim());
    if (contents.length === 0) return invalidParameter(req, 'Either messages with user content or custom_content is required.');
    const at = new Date(this.now()).toISOString();
    const created = contents.map((content) => ({ memory_node_id: randomUUID(), content, created_at: at, updated_at: at }));
    this.bucket(req, userId).push(...created);
    sendJson(req, 200, { request_id: req.requestId, memory_ids: created.map((node) => node.memory_node_id) });
  }

  search(req: SimRequest): void {
    const parsed = searchBody.safeParse(req.json);
    if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    const query = words(parsed.data.query);
    const scored = this.bucket(req, parsed.data.user_id)
      .map((node) => ({ node, score: [...words(node.content)].filter((word) => query.has(word) || [...query].some((q) => word.startsWith(q) || q.startsWith(word))).length }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, parsed.data.top_k ?? 10);
    sendJson(req, 200, { request_id: req.requestId, memory_nodes: scored.map(({ node }) => ({ ...node })) });
  }

  list(req: SimRequest): void {
    const userId = req.query.get('user_id');
    if (!userId) return invalidParameter(req, 'Field required: user_id');
    const pageSize = Number(req.query.get('page_size') ?? 10);
    const pageNum = Number(req.query.get('page_num') ?? 1);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100 || !Number.isInteger(pageNum) || pageNum < 1) return invalidParameter(req, 'page_num must be >= 1 and page_size within [1, 100].');
    const all = this.bucket(req, userId);
    sendJson(req, 200, { request_id: req.requestId, total: all.length, page_num: pageNum, page_size: pageSize, memory_nodes: all.slice((pageNum - 1) * pageSize, pageNum * pageSize) });
  }

  update(req: SimRequest, nodeId: string): void {
    const parsed = updateBody.safeParse(req.json);
    if (!parsed.success) return invalidParameter(req, `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    const node = this.bucket(req, parsed.data.user_id).find((candidate) => candidate.memory_node_id === nodeId);
    if (!node) return nativeError(req, 404, 'NotFound', `Memory node ${nodeId} does not exist.`);
    node.content = parsed.data.custom_content;
    node.updated_at = new Date(this.now()).toISOString();
    sendJson(req, 200, { request_id: req.requestId });
  }

  remove(req: SimRequest, nodeId: string): void {
    const userId = req.query.get('user_id');
    if (!userId) return invalidParameter(req, 'Field required: user_id');
    const list = this.bucket(req, userId);
    const index = list.findIndex((node) => node.memory_node_id === nodeId);
    if (index < 0) return nativeError(req, 404, 'NotFound', `Memory node ${nodeId} does not exist.`);
    list.splice(index, 1);
    sendJson(req, 200, { request_id: req.requestId });
  }
}
