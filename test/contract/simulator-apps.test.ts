import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { OPENAPI_ACCESS_KEY, startSimulator, type Simulator } from '../simulator';
import { acs3Signature } from '../simulator/routes/knowledge';
import { nativeEvents, raw } from '../simulator/testClient';

const APP = '/api/v1/apps/0123456789abcdef0123456789abcdef/completion';
const MEMORY = '/api/v2/apps/memory';
const MCP = '/api/v1/mcps/WebSearch/mcp';
const ACCEPT = { accept: 'application/json, text/event-stream' };

describe('simulator: applications, memory, MCP web search and signed knowledge retrieval', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ rateLimits: false });
  });
  after(() => sim.close());

  describe('application call', () => {
    it('answers with text, a session and per-model usage', async () => {
      const response = await raw(sim, APP, { body: { input: { prompt: 'hello app' }, parameters: {} } });
      assert.equal(response.status, 200);
      const body = response.json<{ output: { text: string; finish_reason: string; session_id: string }; usage: { models: { model_id: string }[] }; request_id: string }>();
      assert.match(body.output.text, /hello app/);
      assert.equal(body.output.finish_reason, 'stop');
      assert.ok(body.output.session_id);
      assert.equal(body.usage.models[0]?.model_id, 'qwen-plus');
      assert.equal(body.request_id, response.headers['x-request-id']);
    });

    it('streams incremental text with SSE and refuses incremental output without it', async () => {
      const stream = await raw(sim, APP, { body: { input: { prompt: 'stream please' }, parameters: { incremental_output: true } }, headers: { 'x-dashscope-sse': 'enable' } });
      const events = nativeEvents(stream.text);
      const output = (event: (typeof events)[number]) => event.data.output as { text: string; finish_reason: string };
      assert.equal(events.map((event) => output(event).text).join(''), 'The application answered: stream please');
      assert.equal(output(events.at(-1)!).finish_reason, 'stop');
      const refused = await raw(sim, APP, { body: { input: { prompt: 'x' }, parameters: { incremental_output: true } } });
      assert.equal(refused.status, 400);
      assert.equal(refused.json().code, 'InvalidParameter');
    });

    it('refuses an unknown application id and a missing prompt', async () => {
      const unknown = await raw(sim, '/api/v1/apps/YOUR_APP_ID/completion', { body: { input: { prompt: 'x' } } });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json().code, 'InvalidAppId');
      const empty = await raw(sim, APP, { body: { input: {} } });
      assert.equal(empty.status, 400);
    });
  });

  describe('memory', () => {
    it('adds, searches, lists, updates and deletes a user\'s memory nodes', async () => {
      const user = `user-${randomUUID()}`;
      const added = await raw(sim, `${MEMORY}/add`, { body: { user_id: user, messages: [{ role: 'user', content: 'I prefer Python for scripting.' }, { role: 'assistant', content: 'Noted.' }] } });
      assert.equal(added.status, 200);
      const [id] = added.json<{ memory_ids: string[] }>().memory_ids;
      assert.ok(id);
      const search = (query: string) => raw(sim, `${MEMORY}/memory_nodes/search`, { body: { user_id: user, query, top_k: 5 } }).then((r) => r.json<{ memory_nodes: { memory_node_id: string; content: string }[] }>().memory_nodes);
      assert.deepEqual((await search('python preferences')).map((node) => node.content), ['I prefer Python for scripting.']);
      assert.deepEqual(await search('gardening'), []);
      const otherUser = await raw(sim, `${MEMORY}/memory_nodes/search`, { body: { user_id: 'someone-else', query: 'python' } });
      assert.deepEqual(otherUser.json<{ memory_nodes: unknown[] }>().memory_nodes, []);
      const updated = await raw(sim, `${MEMORY}/memory_nodes/${id}`, { method: 'PUT', body: { user_id: user, custom_content: 'Prefers Go now.' } });
      assert.equal(updated.status, 200);
      const listed = await raw(sim, `${MEMORY}/memory_nodes?user_id=${user}&page_size=10&page_num=1`);
      assert.equal(listed.json<{ memory_nodes: { content: string }[] }>().memory_nodes[0]?.content, 'Prefers Go now.');
      assert.equal((await raw(sim, `${MEMORY}/memory_nodes/${id}?user_id=${user}`, { method: 'DELETE' })).status, 200);
      assert.equal((await raw(sim, `${MEMORY}/memory_nodes/${id}?user_id=${user}`, { method: 'DELETE' })).status, 404);
    });

    it('needs a user id and content', async () => {
      assert.equal((await raw(sim, `${MEMORY}/add`, { body: { messages: [{ role: 'user', content: 'x' }] } })).status, 400);
      assert.equal((await raw(sim, `${MEMORY}/add`, { body: { user_id: 'u', messages: [] } })).status, 400);
    });
  });

  describe('MCP web search', () => {
    const rpc = (body: unknown, headers: Record<string, string> = {}) => raw(sim, MCP, { body, headers: { ...ACCEPT, ...headers } });
    const dataOf = (text: string) => JSON.parse(text.split('\n').filter((line) => line.startsWith('data:')).at(-1)!.slice(5)) as { result?: { content: { text: string }[] }; error?: { code: number } };

    it('initializes a session, then searches within it', async () => {
      const init = await rpc({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {} } });
      assert.equal(init.status, 200);
      assert.equal(init.json<{ result: { serverInfo: { name: string } } }>().result.serverInfo.name, 'WebSearch');
      const session = String(init.headers['mcp-session-id']);
      assert.match(session, /^[0-9a-f-]{36}$/);
      // Served before notifications/initialized: clients (VS Code) send it and the next request over separate connections.
      const early = await rpc({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': session });
      assert.equal(early.status, 200, 'a request that overtakes notifications/initialized is served');
      assert.equal((await rpc({ jsonrpc: '2.0', method: 'notifications/initialized' }, { 'mcp-session-id': session })).status, 202);
      const call = await rpc({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'web-search_search-news', arguments: { query: 'qwen', count: 2 } } }, { 'mcp-session-id': session });
      assert.match(String(call.headers['content-type']), /text\/event-stream/);
      const results = JSON.parse(dataOf(call.text).result!.content[0]!.text) as { results: { title: string }[] };
      assert.equal(results.results.length, 2);
      const unknownTool = await rpc({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'nope', arguments: {} } }, { 'mcp-session-id': session });
      assert.equal(unknownTool.json<{ error: { code: number } }>().error.code, -32602);
    });

    it('refuses clients that do not accept event streams, and calls outside a session', async () => {
      assert.equal((await raw(sim, MCP, { body: { jsonrpc: '2.0', id: 1, method: 'initialize' } })).status, 406);
      assert.equal((await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).status, 400);
      assert.equal((await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { 'mcp-session-id': randomUUID() })).status, 404);
      assert.equal((await raw(sim, MCP, { key: null, body: { jsonrpc: '2.0', id: 1, method: 'initialize' }, headers: ACCEPT })).status, 401);
    });
  });

  describe('knowledge retrieval (ACS3-HMAC-SHA256)', () => {
    const retrieve = async (options: { secret?: string; tamper?: 'body' | 'query'; nonce?: string; date?: string; drop?: string; query?: string } = {}) => {
      const query = options.query ?? 'IndexId=idx-1&Query=rotate%20a%20key&RerankTopN=2';
      const url = new URL(`${sim.origin}/ws-1/index/retrieve?${query}`);
      const headers: Record<string, string> = {
        host: url.host,
        'x-acs-action': 'Retrieve',
        'x-acs-content-sha256': createHash('sha256').update('').digest('hex'),
        'x-acs-date': options.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'x-acs-signature-nonce': options.nonce ?? randomUUID(),
        'x-acs-version': '2023-12-29',
      };
      const signed = Object.keys(headers).filter((name) => name !== options.drop).sort();
      const signature = acs3Signature('POST', url.pathname, url.searchParams, headers, signed, headers['x-acs-content-sha256']!, options.secret ?? OPENAPI_ACCESS_KEY.secret);
      const { host: _host, ...sent } = headers;
      if (options.tamper === 'query') url.searchParams.set('Query', 'revoke a key');
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...sent, authorization: `ACS3-HMAC-SHA256 Credential=${OPENAPI_ACCESS_KEY.id},SignedHeaders=${signed.join(';')},Signature=${signature}` },
        body: options.tamper === 'body' ? '{"Query":"revoke a key"}' : '',
      });
      return { status: response.status, body: (await response.json()) as { Success?: boolean; Code?: string; Data?: { Nodes: { Text: string; Metadata: { workspace_id: string } }[] } } };
    };

    it('answers a correctly signed Retrieve with scored nodes', async () => {
      const { status, body } = await retrieve();
      assert.equal(status, 200);
      assert.equal(body.Success, true);
      assert.equal(body.Data?.Nodes.length, 2);
      assert.match(body.Data!.Nodes[0]!.Text, /rotate a key/);
      assert.equal(body.Data!.Nodes[0]!.Metadata.workspace_id, 'ws-1');
    });

    it('refuses a Retrieve without its parameters, as the service does', async () => {
      const { status, body } = await retrieve({ query: 'Query=rotate%20a%20key' });
      assert.equal(status, 400);
      assert.equal(body.Code, 'InvalidParameter');
    });

    it('checks the signature, the body hash, the signed headers, the clock and the nonce', async () => {
      assert.equal((await retrieve({ secret: 'wrong-secret' })).body.Code, 'SignatureDoesNotMatch');
      assert.equal((await retrieve({ tamper: 'body' })).body.Code, 'InvalidParameter.ContentSHA256');
      assert.equal((await retrieve({ tamper: 'query' })).body.Code, 'SignatureDoesNotMatch');
      assert.equal((await retrieve({ drop: 'x-acs-signature-nonce' })).body.Code, 'IncompleteSignature');
      assert.equal((await retrieve({ date: '2020-01-01T00:00:00Z' })).body.Code, 'InvalidTimeStamp.Expired');
      const nonce = randomUUID();
      assert.equal((await retrieve({ nonce })).status, 200);
      assert.equal((await retrieve({ nonce })).body.Code, 'SignatureNonceUsed');
      const unsigned = await fetch(`${sim.origin}/ws-1/index/retrieve?IndexId=idx-1&Query=q`, { method: 'POST' });
      assert.equal(((await unsigned.json()) as { Code: string }).Code, 'MissingAuthorization');
    });
  });
});
