import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { IMAGE_PATHS, imageModel, videoPath } from '../../src/dashscope/models';
import { SNIPPETS, snippetText } from '../../src/snippets/catalog';
import { COMPLETION_FILES, completionFileText } from '../../src/snippets/completions';
import { isSlot, SNIPPET_LANGUAGES } from '../../src/snippets/model';
import { regionEndpoint, renderSnippet, requestSnippet } from '../../src/snippets/render';
import { expandSnippet } from '../snippets/expand';

const root = path.join(__dirname, '..', '..');
const endpoint = regionEndpoint('intl');

describe('snippet catalog', () => {
  it('has committed completion files that match the catalog (run `npm run snippets` after changing it)', () => {
    for (const { language, file } of COMPLETION_FILES) assert.equal(readFileSync(path.join(root, file), 'utf8'), completionFileText(language), file);
  });

  it('contributes a completion file per language in package.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.deepEqual(manifest.contributes.snippets, COMPLETION_FILES.map(({ editorLanguage, file }) => ({ language: editorLanguage, path: `./${file}` })));
  });

  it('names and describes every snippet, with unique ids', () => {
    assert.equal(new Set(SNIPPETS.map((spec) => spec.id)).size, SNIPPETS.length);
    for (const spec of SNIPPETS) {
      const { title, description } = snippetText(spec.id);
      assert.notEqual(title, spec.id, `${spec.id} has a title`);
      assert.ok(description.length > 10, `${spec.id} has a description`);
    }
  });

  it('offers only model ids the client routes to the snippet\'s path', () => {
    for (const spec of SNIPPETS) {
      const path = `/api/v1${spec.requests[0]!.path}`;
      for (const id of spec.slots.model?.choices ?? []) {
        if (path.includes('video-synthesis')) assert.equal(videoPath(id), path, `${spec.id}: ${id}`);
        if (path.includes('image-generation') || spec.area === 'image') assert.equal(IMAGE_PATHS[imageModel(id).family], path, `${spec.id}: ${id}`);
      }
    }
  });

  it('declares every slot it uses, with defaults safe in any language\'s string literal', () => {
    const used = (value: unknown): string[] => (isSlot(value) ? [value.slot] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(used) : []);
    for (const spec of SNIPPETS) {
      for (const request of spec.requests) {
        for (const name of [...used(request.body), ...used(request.query), ...[...request.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)]) assert.ok(spec.slots[name], `${spec.id}: slot ${name}`);
      }
      for (const [name, slot] of Object.entries(spec.slots)) {
        for (const value of [slot.default, ...(slot.choices ?? [])]) assert.match(value, /^[\w .,:/?!*'-]+$/, `${spec.id}.${name}: "${value}"`);
      }
    }
  });

  it('renders snippet syntax that expands to the plain code, in every language', () => {
    for (const spec of SNIPPETS) {
      for (const language of SNIPPET_LANGUAGES) {
        const rendered = renderSnippet(spec, language, endpoint);
        assert.equal(expandSnippet(rendered.snippet), rendered.text, `${spec.id} (${language})`);
        assert.ok(rendered.text.includes('DASHSCOPE_API_KEY') || rendered.text.includes('ALIBABA_CLOUD_ACCESS_KEY_SECRET'), `${spec.id} (${language}) reads credentials from the environment`);
      }
    }
  });

  it('keeps shell variables as text and numbers tab stops with the prompt and a model choice list', () => {
    const chat = renderSnippet(SNIPPETS.find((spec) => spec.id === 'chat')!, 'curl', endpoint);
    assert.match(chat.snippet, /Bearer \\\$DASHSCOPE_API_KEY/);
    assert.match(chat.snippet, /\$\{1\|qwen-plus,qwen-max,[^|]+\|\}/);
    assert.match(chat.snippet, /\$\{2:Say hello in three languages\.\}/);
    assert.match(chat.text, /DASHSCOPE_COMPATIBLE_BASE_URL:-\}"; \[ -n "\$BASE_URL" \] \|\| BASE_URL='https:\/\/dashscope-intl\.aliyuncs\.com\/compatible-mode\/v1'/);
    assert.equal(expandSnippet(chat.snippet, { 1: 'qwen-max' }).includes('"model": "qwen-max"'), true);
  });

  it('puts the user\'s default model first and mirrors a slot used twice', () => {
    const i2v = SNIPPETS.find((spec) => spec.id === 'video-i2v')!;
    const rendered = renderSnippet(i2v, 'typescript', endpoint, { preferredModel: 'wan2.6-i2v' });
    assert.match(rendered.snippet, /\$\{1\|wan2\.6-i2v,/);
    assert.match(rendered.snippet, /"model": "\$1"|model: "\$1"/, 'the body mirrors the model used for the upload policy');
    assert.equal(renderSnippet(i2v, 'typescript', endpoint, { preferredModel: 'not-a-video-model' }).text, renderSnippet(i2v, 'typescript', endpoint).text);
  });
});

describe('requestSnippet (Copy as…)', () => {
  const video = { title: 'Video', root: 'native', method: 'POST', path: '/services/aigc/video-generation/video-synthesis', flow: 'task', body: { model: 'wan2.6-i2v', input: { prompt: 'it\'s "quoted" $HOME `x`', img_url: 'oss://dir/a.png' } } } as const;

  it('reproduces an asynchronous submit with its headers, then polls it', () => {
    const curl = requestSnippet(video, 'curl', endpoint);
    assert.match(curl, /-H "X-DashScope-Async: enable"/);
    assert.match(curl, /-H "X-DashScope-OssResourceResolve: enable"/);
    assert.match(curl, /<<'JSON'\n\{\n {2}"model": "wan2\.6-i2v"/);
    assert.match(curl, /while true; do/);
    const ts = requestSnippet(video, 'typescript', endpoint);
    assert.match(ts, /"X-DashScope-Async": "enable"/);
    assert.match(ts, /prompt: "it's \\"quoted\\" \$HOME `x`"/);
    assert.match(ts, /process\.env\.DASHSCOPE_HTTP_BASE_URL \?\? "https:\/\/dashscope-intl\.aliyuncs\.com\/api\/v1"/);
  });

  it('streams a chat request and never writes a key', () => {
    const text = requestSnippet({ title: 'Chat', root: 'compatible', method: 'POST', path: '/chat/completions', flow: 'sse', body: { model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }], stream: true } }, 'curl', endpoint);
    assert.match(text, /curl -sS --fail-with-body -N -X POST "\$BASE_URL\/chat\/completions"/);
    assert.doesNotMatch(text, /sk-/);
    assert.doesNotMatch(text, /X-DashScope-Async/);
  });
});
