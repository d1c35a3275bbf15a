import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { SNIPPETS } from '../../src/snippets/catalog';
import { SNIPPET_LANGUAGES } from '../../src/snippets/model';
import { bashComment, SINGLE_QUOTED } from '../../src/snippets/quoting/bash';
import { jsComment, jsString, jsTemplateText } from '../../src/snippets/quoting/javascript';
import { pyComment, pyFStringText, pyString } from '../../src/snippets/quoting/python';
import { quote } from '../../src/snippets/quoting/text';
import { regionEndpoint, renderSnippet, requestSnippet } from '../../src/snippets/render';

/** Text that ends a line, closes a literal or expands somewhere. */
const HOSTILE = ['a"b', "a'b", 'a\\b', '$(touch x)', '`touch x`', '${x}', '#{x}', 'a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'a\u0085b', 'a\0b', 'a\u202eb', '\nEOF\n', '\nJSON\n'];
/** Raw characters that must never appear in generated code. */
const RAW_UNSAFE = /[\0\r\u0085\u2028\u2029\u202e]/;
const endpoint = regionEndpoint('cn');

describe('snippet quoting', () => {
  it('keeps any text in a comment on one line, in every language', () => {
    for (const text of HOSTILE) {
      for (const comment of [bashComment(text), jsComment(text), pyComment(text)]) {
        assert.doesNotMatch(comment, /[\n\r\u2028\u2029\u0085\0]/, JSON.stringify(comment));
      }
    }
  });

  it('writes JavaScript literals that evaluate to the text', () => {
    for (const text of HOSTILE) {
      assert.equal(new Function(`return ${jsString(text)};`)(), text);
      assert.equal(new Function(`return \`${jsTemplateText(text)}\`;`)(), text);
      assert.doesNotMatch(jsString(text), RAW_UNSAFE);
    }
  });

  it('writes Python and bash literals without raw line breaks or controls', () => {
    for (const text of HOSTILE) {
      assert.doesNotMatch(pyString(text), RAW_UNSAFE);
      assert.doesNotMatch(pyFStringText(text), /(^|[^{])\{(?!\{)/);
      if (!text.includes('\0')) assert.doesNotMatch(quote(SINGLE_QUOTED, text), /[\n\r\u2028\u2029\u0085]/);
    }
    assert.throws(() => quote(SINGLE_QUOTED, 'a\0b'), /NUL/);
  });

  it('"Copy as…" puts a hostile title in a one-line comment, in every language', () => {
    for (const text of HOSTILE) {
      for (const language of SNIPPET_LANGUAGES) {
        const code = requestSnippet({ title: `Chat reply (${text})`, root: 'compatible', method: 'POST', path: '/chat/completions', body: { model: 'qwen-plus', messages: [{ role: 'user', content: text }] }, flow: 'sse' }, language, endpoint);
        assert.equal(code.split('\n')[0]!.startsWith(language === 'python' || language === 'curl' ? '# DashScope: Chat reply (' : '// DashScope: Chat reply ('), true);
        assert.equal(code.split('\n')[1]!.startsWith(language === 'python' ? 'import ' : language === 'curl' ? '(' : 'async function'), true, `${language}: ${JSON.stringify(text)}`);
        assert.doesNotMatch(code, RAW_UNSAFE, `${language}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('slot values are quoted for where they sit, in every snippet and language', () => {
    for (const spec of SNIPPETS) {
      for (const language of SNIPPET_LANGUAGES) {
        const values = Object.fromEntries(Object.keys(spec.slots).map((name) => [name, 'x\n$(touch pwned)`touch pwned`"\'\u2028']));
        assert.doesNotMatch(renderSnippet(spec, language, endpoint, { values }).text, RAW_UNSAFE, `${spec.id} (${language})`);
      }
    }
  });
});

describe('curl snippets', () => {
  it('keep a base URL with shell syntax literal (a custom base URL is the user\'s text)', () => {
    const origin = 'https://gateway.example/$(touch pwned)/`id`/${HOME}';
    const { text } = renderSnippet(SNIPPETS[0]!, 'curl', { origin, openApi: origin });
    const line = text.split('\n').find((entry) => entry.startsWith('BASE_URL='))!;
    const printed = spawnSync('bash', ['-c', `${line}; printf %s "$BASE_URL"`], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.equal(printed.stdout, `${origin}/compatible-mode/v1`);
  });


  it('never put a body in an unquoted here-document (a tab stop there would be expanded by bash)', () => {
    for (const spec of SNIPPETS) {
      const { text } = renderSnippet(spec, 'curl', endpoint);
      for (const match of text.matchAll(/<<-?\s*(\S+)/g)) assert.match(match[1]!, /^'[A-Z]+'$/, `${spec.id}: ${match[0]}`);
    }
  });
});
