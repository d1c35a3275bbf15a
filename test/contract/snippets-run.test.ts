import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SNIPPETS } from '../../src/snippets/catalog';
import { SNIPPET_LANGUAGES, type SnippetSpec } from '../../src/snippets/model';
import { regionEndpoint, renderSnippet } from '../../src/snippets/render';
import { ensureDebianPackages } from '../e2e/codeServer';
import { expandSnippet } from '../snippets/expand';
import { checkAll, DEBIAN_SNIPPET_PACKAGES, EXTENSIONS, pool, run, runner, writeInputFiles } from '../snippets/workbench';
import { OPENAPI_ACCESS_KEY, startSimulator, type Simulator } from '../simulator';

/** Every input file a snippet uploads, by its default name. */
const inputFiles = (spec: SnippetSpec) => [...(spec.files ?? []).map((file) => file.slot), ...(spec.flow === 'upload' ? ['file'] : [])].map((name) => spec.slots[name]!.default);
const APP_ID = '3f6c2a0e9b8d4c1fa7e5d2b0c9a8f7e6';
const VIDEO = '/api/v1/services/aigc/video-generation/video-synthesis';

describe('API snippets run against the simulator', () => {
  let sim: Simulator;
  /** Tasks stay PENDING here, so the cancel snippet has something to cancel. */
  let slowSim: Simulator;
  let dir: string;
  before(async () => {
    ensureDebianPackages(DEBIAN_SNIPPET_PACKAGES);
    sim = await startSimulator({ rateLimits: false, taskTimings: { pendingMs: 200, runningMs: 300 } });
    slowSim = await startSimulator({ rateLimits: false, taskTimings: { pendingMs: 120_000, runningMs: 1000 } });
    dir = mkdtempSync(path.join(os.tmpdir(), 'dashscope-snippets-'));
  });
  after(async () => {
    await Promise.all([sim.close(), slowSim.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A video task submitted directly, for the snippets that take a task id. */
  const submitTask = async (target: Simulator) => {
    const response = await fetch(`${target.regionOrigin('cn')}${VIDEO}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.keyFor('cn')}`, 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
      body: JSON.stringify({ model: 'wan2.7-t2v', input: { prompt: 'a task for a snippet' } }),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { output: { task_id: string } }).output.task_id;
  };
  const environment = (target: Simulator): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DASHSCOPE_API_KEY: target.keyFor('cn'),
    DASHSCOPE_HTTP_BASE_URL: `${target.regionOrigin('cn')}/api/v1`,
    DASHSCOPE_COMPATIBLE_BASE_URL: `${target.regionOrigin('cn')}/compatible-mode/v1`,
    BAILIAN_ENDPOINT: target.origin,
    ALIBABA_CLOUD_ACCESS_KEY_ID: OPENAPI_ACCESS_KEY.id,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: OPENAPI_ACCESS_KEY.secret,
  });

  it('every snippet type-checks or compiles in every language, and succeeds in curl, TypeScript and Python', async () => {
    const started = Date.now();
    // Rendered for the official Beijing hosts: only the environment points them at the simulator.
    const endpoint = regionEndpoint('cn');
    const cases = SNIPPETS.flatMap((spec) => SNIPPET_LANGUAGES.map((language) => ({ spec, language })));
    const files = cases.map(({ spec, language }) => {
      const rendered = renderSnippet(spec, language, endpoint);
      assert.equal(expandSnippet(rendered.snippet), rendered.text, `${spec.id}.${EXTENSIONS[language]}: the snippet expands to the plain code`);
      assert.doesNotMatch(rendered.text, /sk-[A-Za-z0-9]/, 'no key inlined');
      const file = path.join(dir, `${spec.id}.${EXTENSIONS[language]}`);
      writeFileSync(file, rendered.text);
      return { language, file };
    });
    const failures = await checkAll(dir, files);
    assert.deepEqual(failures, [], 'static checks');
    const checkedAt = Date.now();

    // JavaScript is the TypeScript emitter's output without types: checked above, run through the TypeScript file.
    const runs = cases.filter(({ language }) => language !== 'javascript');
    const outcomes = await pool(6, runs.map(({ spec, language }) => async () => {
      const target = spec.id === 'task-cancel' ? slowSim : sim;
      const values: Record<string, string> = { appId: APP_ID };
      if (spec.id === 'task-poll' || spec.id === 'task-cancel') values.taskId = await submitTask(target);
      const runDir = path.join(dir, `${spec.id}-${language}`);
      writeInputFiles(runDir, inputFiles(spec));
      const file = path.join(runDir, `snippet.${EXTENSIONS[language]}`);
      writeFileSync(file, renderSnippet(spec, language, endpoint, { values }).text);
      const [command, args] = runner(language, file);
      return { spec, language, ...(await run(command, args, { cwd: runDir, env: environment(target), timeoutMs: 45_000 })) };
    }));
    for (const outcome of outcomes) {
      const name = `${outcome.spec.id} (${outcome.language})`;
      assert.equal(outcome.code, 0, `${name} failed:\n${outcome.stdout}\n${outcome.stderr}`);
      assert.notEqual(outcome.stdout.trim(), '', `${name} printed nothing`);
      assert.ok(!outcome.stdout.includes(sim.keyFor('cn')) && !outcome.stderr.includes(sim.keyFor('cn')), `${name} printed the key`);
      if (outcome.spec.flow === 'task' || outcome.spec.flow === 'poll') assert.match(outcome.stdout, /"task_status":\s*"SUCCEEDED"/, `${name} did not reach SUCCEEDED`);
      expectations[outcome.spec.id]?.(outcome.stdout, name);
    }
    const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3).map((o) => `${o.spec.id} (${o.language}) ${o.ms} ms`);
    console.log(`${cases.length} snippets (${SNIPPETS.length} × ${SNIPPET_LANGUAGES.length} languages) checked in ${checkedAt - started} ms; ${runs.length} run in ${Date.now() - checkedAt} ms; slowest: ${slowest.join(', ')}`);
  });
});

/** What a successful run prints, beyond exit code 0. */
const expectations: Partial<Record<string, (stdout: string, name: string) => void>> = {
  chat: (out, name) => assert.match(out, /"finish_reason":\s*"stop"/, name),
  'chat-stream': (out, name) => assert.match(out, /"total_tokens"/, name),
  vision: (out, name) => assert.match(out, /"content":/, name),
  image: (out, name) => assert.match(out, /"image":\s*"http/, name),
  'image-edit': (out, name) => assert.match(out, /"image":\s*"http/, name),
  'task-cancel': (out, name) => assert.match(out, /"request_id"/, name),
  'task-list': (out, name) => assert.match(out, /"total":\s*\d+/, name),
  tts: (out, name) => assert.match(out, /"url":\s*"http[^"]+"/, name),
  asr: (out, name) => assert.match(out, /"transcription_url"/, name),
  app: (out, name) => assert.match(out, /The application answered/, name),
  memory: (out, name) => assert.match(out, /"memory_nodes":\s*\[\s*\{/, name),
  knowledge: (out, name) => assert.match(out, /"Success":\s*true/, name),
  'web-search': (out, name) => assert.match(out, /results/, name),
  upload: (out, name) => assert.match(out, /^oss:\/\/dashscope-instant\//m, name),
};

