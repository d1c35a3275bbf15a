import { randomUUID } from 'node:crypto';
import { sendJson, type SimRequest } from '../http';

const TOOL = 'web-search_search-news';
const PROTOCOL_VERSIONS = new Set(['2024-11-05', '2025-03-26', '2025-06-18']);

interface RpcMessage {
  readonly jsonrpc?: unknown;
  readonly id?: unknown;
  readonly method?: unknown;
  readonly params?: { readonly name?: unknown; readonly arguments?: { readonly query?: unknown; readonly count?: unknown }; readonly protocolVersion?: unknown };
}

/**
 * The WebSearch MCP server (Bailian reference §10) over Streamable HTTP: initialize opens a session
 * (Mcp-Session-Id), then notifications/initialized, tools/list and tools/call within it. Answers as an
 * event stream when the client accepts one, as the protocol allows.
 */
export class McpServer {
  /**
   * Open sessions. Requests are served before notifications/initialized arrives: a client sends the notification and
   * its next request over separate connections (VS Code does), so they may arrive swapped.
   */
  private readonly sessions = new Set<string>();

  handle(req: SimRequest): void {
    const accept = String(req.headers.accept ?? '');
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      return this.rpcError(req, 406, null, -32000, 'Not Acceptable: the client must accept both application/json and text/event-stream.');
    }
    const message = req.json as RpcMessage | undefined;
    if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0' || typeof message.method !== 'string') {
      return this.rpcError(req, 400, null, -32600, 'Invalid Request: a JSON-RPC 2.0 message is expected.');
    }
    const id = message.id ?? null;
    if (message.method === 'initialize') {
      const version = String(message.params?.protocolVersion ?? '');
      const sessionId = randomUUID();
      this.sessions.add(sessionId);
      req.res.setHeader('mcp-session-id', sessionId);
      return this.result(req, id, {
        protocolVersion: PROTOCOL_VERSIONS.has(version) ? version : '2025-03-26',
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: 'WebSearch', version: '1.0.0' },
      });
    }
    const sessionId = String(req.headers['mcp-session-id'] ?? '');
    if (!this.sessions.has(sessionId)) return this.rpcError(req, sessionId ? 404 : 400, id, -32001, sessionId ? 'Session not found: initialize again.' : 'Bad Request: Mcp-Session-Id header is required.');
    if (message.method === 'notifications/initialized') {
      req.res.writeHead(202);
      req.res.end();
      return;
    }
    if (message.method === 'tools/list') {
      return this.result(req, id, { tools: [{ name: TOOL, description: 'Searches the web for recent news.', inputSchema: { type: 'object', properties: { query: { type: 'string' }, count: { type: 'integer' } }, required: ['query'] } }] });
    }
    if (message.method !== 'tools/call') return this.rpcError(req, 200, id, -32601, `Method not found: ${message.method}`);
    if (message.params?.name !== TOOL) return this.rpcError(req, 200, id, -32602, `Unknown tool: ${String(message.params?.name)}`);
    const query = message.params.arguments?.query;
    if (typeof query !== 'string' || !query.trim()) return this.rpcError(req, 200, id, -32602, 'Invalid arguments: query is required.');
    const count = Math.max(1, Math.min(Number(message.params.arguments?.count ?? 5) || 5, 10));
    const results = Array.from({ length: count }, (_, i) => ({ title: `${query} — result ${i + 1}`, url: `https://news.example.com/${i + 1}`, snippet: `Simulated news item ${i + 1} about ${query}.` }));
    this.result(req, id, { content: [{ type: 'text', text: JSON.stringify({ results }) }], isError: false });
  }

  private result(req: SimRequest, id: unknown, result: unknown): void {
    this.reply(req, 200, { jsonrpc: '2.0', id, result });
  }

  private rpcError(req: SimRequest, status: number, id: unknown, code: number, message: string): void {
    this.reply(req, status, { jsonrpc: '2.0', id, error: { code, message } });
  }

  /** JSON for initialize and errors, an event stream for other answers. */
  private reply(req: SimRequest, status: number, body: { readonly jsonrpc: string; readonly id: unknown; readonly result?: unknown; readonly error?: unknown }): void {
    const stream = status === 200 && (req.json as RpcMessage).method !== 'initialize' && 'result' in body;
    if (!stream) return sendJson(req, status, body);
    req.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': req.requestId });
    req.res.end(`event: message\ndata: ${JSON.stringify(body)}\n\n`);
  }
}
