import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { imageCall, videoCall } from '../../src/extension/snippets/taskRequest';
import { SNIPPETS } from '../../src/snippets/catalog';
import { isSlot, SNIPPET_LANGUAGES, type SnippetLanguage, type SnippetSpec } from '../../src/snippets/model';
import { regionEndpoint, renderSnippet, requestSnippet, type RequestCall } from '../../src/snippets/render';
import { ensureDebianPackages } from '../e2e/codeServer';
import { startSimulator, type Simulator } from '../simulator';
import { startCaptureProxy, type CapturedRequest, type CaptureProxy } from '../snippets/captureProxy';
import { CANARY, HOSTILE_FILE_NAME, hostileLongText, hostileText } from '../snippets/hostile';
import { DEBIAN_SNIPPET_PACKAGES, EXTENSIONS, pool, run, runner, type Outcome } from '../snippets/workbench';

/** Where a hostile value goes in a run, and how it must arrive. */
type Placement = { slot: string; value: string; kind: 'body' | 'query' | 'path' | 'file' };

const LONG = hostileLongText();
const slotsIn = (value: unknown): string[] => (isSlot(value) ? [value.slot] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(slotsIn) : []);

/** Every slot that takes free text gets hostile text: 300 KB in bodies; URLs and file names get what they can carry. */
function placements(spec: SnippetSpec, language: SnippetLanguage): Placement[] {
  const files = new Set([...(spec.files ?? []).map((file) => file.slot), ...(spec.flow === 'upload' ? ['file'] : [])]);
  return Object.entries(spec.slots).filter(([, slot]) => !slot.choices).map(([name]): Placement => {
    if (files.has(name)) return { slot: name, value: HOSTILE_FILE_NAME, kind: 'file' };
    if (spec.requests.some((request) => slotsIn(request.body).includes(name))) return { slot: name, value: LONG, kind: 'body' };
    // A URL carries a few KB at most (servers answer 431 beyond); bash cannot hold NUL in a variable or argument.
    const kind = spec.requests.some((request) => slotsIn(request.query).includes(name)) ? 'query' : 'path';
    return { slot: name, value: hostileText({ nul: language !== 'curl' }), kind };
  });
}

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(strings) : [];
const bodyStrings = (request: CapturedRequest) => {
  try {
    return strings(JSON.parse(request.body.toString('utf8')));
  } catch {
    return [];
  }
};
const arrived = (requests: readonly CapturedRequest[], { kind, value }: Placement) => requests.some((request) => {
  const url = new URL(request.path, 'http://x');
  switch (kind) {
    case 'body': return bodyStrings(request).includes(value);
    case 'query': return [...url.searchParams.values()].includes(value);
    case 'path': return url.pathname.split('/').map(decodeURIComponent).includes(value);
    case 'file': return bodyStrings(request).some((text) => text.startsWith('oss://') && text.endsWith(`/${value}`));
  }
});

/** The calls "Copy as…" makes code for: a chat reply, a synchronous and an asynchronous image, a video task. */
const copyCalls = (title: string): RequestCall[] => [
  { title, root: 'compatible', method: 'POST', path: '/chat/completions', flow: 'sse', body: { model: 'qwen-plus', messages: [{ role: 'system', content: LONG }, { role: 'user', content: LONG }], stream: true, stream_options: { include_usage: true } } },
  imageCall({ model: 'qwen-image-plus', prompt: LONG, negativePrompt: LONG }, title),
  imageCall({ model: 'wan2.6-t2i', prompt: LONG }, title),
  videoCall({ model: 'wan2.6-t2v', prompt: LONG, negativePrompt: LONG, duration: 5 }, title),
];

describe('hostile text through every snippet and every "Copy as…" path, run against the simulator', () => {
  let sim: Simulator;
  let proxy: CaptureProxy;
  let dir: string;
  before(async () => {
    ensureDebianPackages(DEBIAN_SNIPPET_PACKAGES);
    sim = await startSimulator({ rateLimits: false, taskTimings: { pendingMs: 0, runningMs: 0 } });
    proxy = await startCaptureProxy(sim.origin);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dashscope-hostile-'));
  });
  after(async () => {
    await Promise.all([proxy.close(), sim.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each hostile value byte for byte and runs nothing else, in curl, TypeScript, JavaScript and Python', async () => {
    const started = Date.now();
    const uploaded = (stdout: string, name: string) => {
      const key = stdout.trim().replace(/^oss:\/\//, '');
      return key.endsWith(`/${name}`) && sim.requests.some((request) => request.method === 'POST' && request.path.startsWith('/oss') && request.body.includes(key));
    };
    const endpoint = regionEndpoint('cn');
    const title = `Chat reply (${hostileText({ nul: true })})`;
    const cases = [
      ...SNIPPETS.flatMap((spec) => SNIPPET_LANGUAGES.map((language) => ({ name: `${spec.id} (${language})`, language, uploadOnly: spec.flow === 'upload', placements: placements(spec, language), code: (values: Record<string, string>) => renderSnippet(spec, language, endpoint, { values }).text })))
        .filter((entry) => entry.placements.length > 0),
      ...copyCalls(title).flatMap((call, index) => SNIPPET_LANGUAGES.map((language) => ({
        name: `Copy as ${language}: ${call.path} #${index}`, language, uploadOnly: false, placements: [{ slot: 'body', value: LONG, kind: 'body' as const }], code: () => requestSnippet(call, language, endpoint),
      }))),
    ];
    const outcomes = await pool(6, cases.map((entry, index) => async (): Promise<Outcome & { dir: string }> => {
      const runDir = path.join(dir, String(index));
      mkdirSync(runDir);
      const values = Object.fromEntries(entry.placements.map(({ slot, value }) => [slot, value]));
      for (const placement of entry.placements.filter(({ kind }) => kind === 'file')) writeFileSync(path.join(runDir, placement.value), `stand-in for ${placement.slot}\n`);
      const file = path.join(runDir, `snippet.${EXTENSIONS[entry.language]}`);
      writeFileSync(file, entry.code(values));
      const [command, args] = runner(entry.language, file);
      const origin = proxy.originFor(index);
      const env = {
        PATH: process.env.PATH, HOME: process.env.HOME, DASHSCOPE_API_KEY: sim.keyFor('cn'),
        DASHSCOPE_HTTP_BASE_URL: `${origin}/cn/api/v1`, DASHSCOPE_COMPATIBLE_BASE_URL: `${origin}/cn/compatible-mode/v1`, BAILIAN_ENDPOINT: origin,
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'hostile-test', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'hostile-test',
      };
      return { ...(await run(command, args, { cwd: runDir, env, timeoutMs: 60_000 })), dir: runDir };
    }));
    cases.forEach((entry, index) => {
      const outcome = outcomes[index]!;
      const detail = `${entry.name}: exit ${outcome.code}\n${outcome.stderr.slice(0, 2000)}`;
      assert.ok(!existsSync(path.join(outcome.dir, CANARY)), `${entry.name} ran a payload`);
      assert.doesNotMatch(outcome.stderr, /syntax error|command not found|unexpected EOF|SyntaxError/i, detail);
      for (const placement of entry.placements) {
        // The upload snippet sends no JSON: what it prints must be the key the storage received.
        const ok = entry.uploadOnly ? uploaded(outcome.stdout, placement.value) : arrived(proxy.capturedBy(index), placement);
        assert.ok(ok, `${entry.name}: ${placement.slot} (${placement.kind}) did not arrive byte for byte\n${detail}`);
      }
    });
    const slowest = outcomes.map((outcome, index) => ({ name: cases[index]!.name, ms: outcome.ms })).sort((a, b) => b.ms - a.ms).slice(0, 3).map(({ name, ms }) => `${name} ${ms} ms`);
    console.log(`${cases.length} hostile runs in ${Date.now() - started} ms; slowest: ${slowest.join(', ')}`);
  });
});
