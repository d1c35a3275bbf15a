import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { DashScopeError } from '../../src/dashscope';
import { providerError } from '../../src/extension/lm/dashscopeChatProvider';
import { countTokens, toChatMessages } from '../../src/extension/lm/lmMessages';
import { languageModelsOf } from '../../src/extension/lm/lmModels';
import { providerRequest } from '../../src/extension/lm/lmRequest';
import { ToolMode, type LanguageModelChatRequestMessage } from '../../src/extension/lm/vscodeLmApi';

const test = vscode as unknown as typeof double;
const user = (...content: unknown[]): LanguageModelChatRequestMessage => ({ role: test.LanguageModelChatMessageRole.User, content, name: undefined });
const assistant = (...content: unknown[]): LanguageModelChatRequestMessage => ({ role: test.LanguageModelChatMessageRole.Assistant, content, name: undefined });
const text = (value: string) => new test.LanguageModelTextPart(value);
const noImages = async () => assert.fail('no image expected');
const model = (id: string) => languageModelsOf([id])[0]!;

describe('language model provider: VS Code messages → DashScope chat messages (vscode double)', () => {
  it('sends text turns as plain messages, a system turn as system, parts of one turn joined', async () => {
    const messages = await toChatMessages([
      { role: 3, content: [text('Be brief.')], name: undefined },
      user(text('Hello'), text(' there')),
      assistant(text('Hi!')),
    ], noImages);
    assert.deepEqual(messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello\n there' },
      { role: 'assistant', content: 'Hi!' },
    ]);
  });

  it('sends tool calls as the assistant\'s tool_calls (arguments as JSON) and results as tool messages before the user\'s text', async () => {
    const messages = await toChatMessages([
      user(text('Read a.ts')),
      assistant(new test.LanguageModelToolCallPart('call_1', 'readFile', { path: 'a.ts' })),
      user(
        new test.LanguageModelToolResultPart('call_1', [text('export const a = 1;'), test.LanguageModelDataPart.text('{"lines":1}', 'application/json')]),
        text('Now edit it.'),
      ),
    ], noImages);
    assert.deepEqual(messages.slice(1), [
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'readFile', arguments: '{"path":"a.ts"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'export const a = 1;\n{"lines":1}' },
      { role: 'user', content: 'Now edit it.' },
    ]);
  });

  it('sends images as image_url parts with the URL the resolver gives, and ignores data it cannot send', async () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const seen: string[] = [];
    const messages = await toChatMessages([
      user(text('What is this?'), test.LanguageModelDataPart.image(png, 'image/png'), new test.LanguageModelDataPart(new Uint8Array([1]), 'cache_control')),
    ], async (image) => {
      seen.push(image.mimeType);
      return `data:${image.mimeType};base64,${Buffer.from(image.data).toString('base64')}`;
    });
    assert.deepEqual(seen, ['image/png']);
    assert.deepEqual(messages, [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } }] }]);
  });

  it('estimates tokens of text (CJK one each) and of messages with tool parts and images', () => {
    assert.equal(countTokens('abcdefgh'), 2);
    assert.equal(countTokens('你好'), 2);
    const tokens = countTokens(user(text('abcd'), test.LanguageModelDataPart.image(new Uint8Array(10), 'image/png')));
    assert.equal(tokens, 4 + 1 + 1_280);
  });
});

describe('language model provider: request rules', () => {
  const tools = [{ name: 'readFile', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }, { name: 'now', description: 'The time' }];

  it('turns thinking off for models where it is optional, and sends tools with an object schema when they declare none', () => {
    const request = providerRequest(model('qwen-plus'), [], { tools, toolMode: ToolMode.Auto });
    assert.equal(request.enable_thinking, false);
    assert.equal(request.tool_choice, undefined);
    assert.deepEqual((request.tools as { function: { parameters: unknown } }[]).map((tool) => tool.function.parameters), [tools[0]!.inputSchema, { type: 'object', properties: {} }]);
  });

  it('forces the one tool when VS Code requires a call, but never while the model thinks', () => {
    const one = [tools[0]!];
    assert.deepEqual(providerRequest(model('qwen3-coder-plus'), [], { tools: one, toolMode: ToolMode.Required }).tool_choice, { type: 'function', function: { name: 'readFile' } });
    const thinking = providerRequest(model('qwq-plus'), [], { tools: one, toolMode: ToolMode.Required });
    assert.equal(thinking.tool_choice, undefined);
    assert.equal(thinking.enable_thinking, undefined);
    assert.equal(providerRequest(model('qwen-max'), [], { toolMode: ToolMode.Auto }).tools, undefined);
  });

  it('lists chat models only, with vision and tool-calling capabilities and context windows', () => {
    const models = languageModelsOf(['qwen-plus', 'qwen-vl-max', 'wan2.7-image', 'text-embedding-v4', 'qwen3-max-2025-09-23']);
    assert.deepEqual(models.map((entry) => [entry.id, entry.family, entry.capabilities.imageInput, entry.capabilities.toolCalling]), [
      ['qwen-plus', 'qwen-plus', false, true],
      ['qwen-vl-max', 'qwen-vl-max', true, false],
      ['qwen3-max-2025-09-23', 'qwen3-max', false, true],
    ]);
    assert.equal(models[0]!.maxInputTokens, 131_072);
  });

  it('reports a service failure with its message, code and request id', () => {
    const error = providerError(new DashScopeError({ message: 'Model not found', code: 'model_not_found', endpoint: 'POST /x', status: 404, requestId: 'req-1' }));
    assert.match(error.message, /Model not found \(model_not_found, request req-1\)/);
  });
});
