import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionRoute, fimPrompt } from '../../src/shared/models/completion';
import { cleanCompletion, globToRegExp, mayComplete, parseCompletionSettings, type DocumentFacts } from '../../src/extension/lm/completionContext';
import { fimRequest, partialRequest } from '../../src/extension/lm/completionRequests';
import { InlineCompletionEngine } from '../../src/extension/lm/inlineCompletionEngine';
import { cancellation as token } from './fakeCancellation';

const settings = (overrides: Record<string, unknown> = {}) => parseCompletionSettings((key) => ({ enabled: true, languages: { '*': true, markdown: false }, exclude: ['**/generated/**', '*.min.js'], model: '', debounceMs: 300, ...overrides } as Record<string, unknown>)[key]);
const file = (path: string, languageId = 'typescript', head = ''): DocumentFacts => ({ path, languageId, isUntitled: !path.includes('/'), head: () => head });

describe('inline completions: what may be sent', () => {
  it('sends code files, never .env-like or key files, untitled secrets, excluded globs, or turned-off languages', () => {
    const on = settings();
    assert.equal(mayComplete(file('/w/src/a.ts'), on), true);
    for (const path of ['/w/.env', '/w/.env.local', '/w/certs/server.pem', '/home/u/.ssh/id_ed25519', '/w/.npmrc', '/w/config/secrets.yaml', '/w/aws/credentials']) {
      assert.equal(mayComplete(file(path, 'plaintext'), settings({ languages: { '*': true } })), false, path);
    }
    assert.equal(mayComplete(file('Untitled-1', 'plaintext', 'OPENAI_API_KEY=sk-123\n'), settings({ languages: { '*': true } })), false);
    assert.equal(mayComplete(file('Untitled-2', 'dotenv'), on), false);
    assert.equal(mayComplete(file('Untitled-3', 'python', 'import os\n'), on), true);
    assert.equal(mayComplete(file('/w/src/generated/api.ts'), on), false);
    assert.equal(mayComplete(file('/w/dist/app.min.js', 'javascript'), on), false);
    assert.equal(mayComplete(file('/w/README.md', 'markdown'), on), false);
    assert.equal(mayComplete(file('/w/src/a.ts'), settings({ enabled: false })), false);
  });

  it('reads invalid settings as their defaults (off, every language, no globs, 300 ms)', () => {
    const parsed = parseCompletionSettings((key) => ({ enabled: 'yes', languages: 3, exclude: 'x', model: 'a b', debounceMs: -5 })[key]);
    assert.deepEqual(parsed, { enabled: false, languages: { '*': true }, exclude: [], model: '', debounceMs: 300 });
  });

  it('matches globs with **, *, ? and braces on whole path segments', () => {
    assert.ok(globToRegExp('**/*.{pem,key}').test('/a/b/c.key'));
    assert.ok(!globToRegExp('**/*.{pem,key}').test('/a/b/c.keys'));
    assert.ok(globToRegExp('src/**/x?.ts').test('/w/src/a/b/x1.ts'));
    assert.ok(!globToRegExp('*.ts').test('/w/a.tsx'));
    assert.ok(globToRegExp('a+b(c).ts').test('/w/a+b(c).ts'));
  });
});

describe('inline completions: requests and results', () => {
  const input = { prefix: 'function add(a, b) {\n  return ', suffix: '\n}\n', languageId: 'typescript', fileName: 'a.ts' };

  it('fills in the middle in China (Beijing) and uses partial mode elsewhere or with chat models, per the recorded facts', () => {
    assert.deepEqual(completionRoute('cn', ''), { mode: 'fim', model: 'qwen-coder-turbo' });
    assert.deepEqual(completionRoute('intl', ''), { mode: 'partial', model: 'qwen3-coder-flash' });
    assert.deepEqual(completionRoute('cn', 'qwen3-coder-plus'), { mode: 'partial', model: 'qwen3-coder-plus' });
    assert.equal(completionRoute('intl', 'qwen2.5-coder-32b-instruct'), undefined);
    assert.equal(completionRoute('cn', 'qwq-plus'), undefined);
  });

  it('sends the Qwen FIM template, or the prefix as a partial assistant message with thinking off', () => {
    assert.equal(fimRequest('qwen-coder-turbo', input).prompt, '<|fim_prefix|>function add(a, b) {\n  return <|fim_suffix|>\n}\n<|fim_middle|>');
    assert.equal(fimPrompt('a', ''), '<|fim_prefix|>a<|fim_suffix|><|fim_middle|>');
    const partial = partialRequest('qwen-plus', input);
    assert.deepEqual(partial.messages.at(-1), { role: 'assistant', content: input.prefix, partial: true });
    assert.equal(partial.enable_thinking, false);
    assert.equal(partialRequest('qwen3-coder-flash', input).enable_thinking, undefined);
  });

  it('cuts long completions and the repeat of the text after the cursor', () => {
    assert.equal(cleanCompletion('a + b;\n}', '\n}\n'.slice(1)), 'a + b;');
    assert.equal(cleanCompletion(Array.from({ length: 40 }, (_, i) => `line${i}`).join('\n'), '').split('\n').length, 16);
    assert.equal(cleanCompletion('   \n', ''), '');
  });
});

describe('inline completions: one request per pause', () => {
  it('drops requests whose keystroke was followed by another within the debounce, and aborts one in flight', async () => {
    const signals: AbortSignal[] = [];
    const engine = new InlineCompletionEngine({
      debounceMs: () => 20,
      route: async () => ({ mode: 'fim', model: 'qwen-coder-turbo' }),
      fetch: (_route, _input, signal) => {
        signals.push(signal);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve('done'), 30);
          signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('aborted'))));
        });
      },
      onError: (error) => assert.fail(String(error)),
    });
    const input = { prefix: 'x', suffix: '', languageId: 'typescript', fileName: 'a.ts' };
    const burst: Promise<string | undefined>[] = [];
    let previous: ReturnType<typeof token> | undefined;
    for (let key = 0; key < 10; key++) {
      previous?.cancel();
      previous = token();
      burst.push(engine.complete(input, previous));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    assert.deepEqual((await Promise.all(burst)).filter(Boolean), ['done']);
    assert.equal(signals.length, 1);

    const inFlight = token();
    const pending = engine.complete(input, inFlight);
    while (signals.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight.cancel();
    assert.equal(await pending, undefined);
    assert.equal(signals[1]!.aborted, true);
  });
});
