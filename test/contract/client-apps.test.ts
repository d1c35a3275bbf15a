import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DashScopeError, type AppResult, type AppStreamEvent } from '../../src/dashscope';
import { harness, type Harness } from './client-helpers';

const APP = '0123456789abcdef0123456789abcdef';

async function collect(events: AsyncIterable<AppStreamEvent>): Promise<{ texts: string[]; sessions: string[]; result: AppResult }> {
  const texts: string[] = [];
  const sessions: string[] = [];
  let result: AppResult | undefined;
  for await (const event of events) {
    if (event.type === 'text') texts.push(event.text);
    else if (event.type === 'session') sessions.push(event.sessionId);
    else result = event.result;
  }
  return { texts, sessions, result: result! };
}

describe('Bailian applications against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  const bodies = () => h.sim.requests.filter((request) => request.path.includes(`/apps/${APP}/completion`)).map((request) => JSON.parse(request.body) as { input: Record<string, unknown>; parameters: Record<string, unknown> });

  it('streams an answer incrementally with its session, reference, thoughts and per-model usage', async () => {
    const { texts, sessions, result } = await collect(h.client.apps.stream({ appId: APP, prompt: 'What is a session?', hasThoughts: true }));
    assert.ok(texts.length > 1, 'the answer arrives in pieces');
    assert.equal(texts.join(''), 'The application answered: What is a session?');
    assert.equal(result.text, texts.join(''));
    assert.equal(sessions.length, 1);
    assert.equal(result.sessionId, sessions[0]);
    assert.equal(result.finishReason, 'stop');
    assert.deepEqual(result.references.map((reference) => [reference.title, reference.docName]), [['Simulator handbook', 'handbook.pdf']]);
    assert.match(result.references[0]!.text, /What is a session\?/);
    assert.equal(result.thoughts[0]?.action, 'knowledge retrieval');
    assert.equal(result.usage[0]?.model, 'qwen-plus');
    assert.ok(result.usage[0]!.outputTokens > 0);
    assert.deepEqual(bodies().at(-1)?.parameters, { incremental_output: true, has_thoughts: true });
  });

  it('continues one session over two turns, sending the session id and custom variables', async () => {
    const first = await collect(h.client.apps.stream({ appId: APP, prompt: 'first turn' }));
    const second = await collect(h.client.apps.stream({ appId: APP, prompt: 'second turn', sessionId: first.result.sessionId, bizParams: { city: 'Hangzhou' } }));
    assert.equal(second.result.sessionId, first.result.sessionId);
    assert.equal(second.result.text, 'The application answered (turn 2): second turn [variables: city="Hangzhou"]');
    const sent = bodies().at(-1)!;
    assert.equal(sent.input.session_id, first.result.sessionId);
    assert.deepEqual(sent.input.biz_params, { city: 'Hangzhou' });
  });

  it('answers without streaming', async () => {
    const result = await h.client.apps.complete({ appId: APP, prompt: 'plain' });
    assert.equal(result.text, 'The application answered: plain');
    assert.ok(result.sessionId);
    assert.equal(result.references.length, 1);
    assert.equal(bodies().at(-1)?.parameters.incremental_output, undefined);
  });

  it('reports the application\'s error as a DashScopeError with its code and request id', async () => {
    const failed = await collect(h.client.apps.stream({ appId: APP, prompt: 'hi [[sim:app-not-published]]' })).then(() => undefined, (error: unknown) => error);
    assert.ok(failed instanceof DashScopeError);
    assert.equal(failed.code, 'FlowNotPublished');
    assert.equal(failed.status, 400);
    assert.equal(failed.retryable, false);
    assert.ok(failed.requestId);
  });

  it('refuses an id that is not an application id before sending anything', async () => {
    const before = h.sim.requests.length;
    await assert.rejects(h.client.apps.complete({ appId: '../models', prompt: 'x' }), (error: unknown) => error instanceof DashScopeError && error.code === 'InvalidAppId');
    assert.equal(h.sim.requests.length, before);
  });
});
