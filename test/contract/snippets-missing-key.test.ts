import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SNIPPETS } from '../../src/snippets/catalog';
import { SNIPPET_LANGUAGES } from '../../src/snippets/model';
import { regionEndpoint, renderSnippet } from '../../src/snippets/render';
import { EXTENSIONS, pool, run, runner } from '../snippets/workbench';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dashscope-snippets-key-'));
/** Nowhere to send anything: a snippet that went on without its key would fail differently. */
const env = { PATH: process.env.PATH, HOME: process.env.HOME, DASHSCOPE_HTTP_BASE_URL: 'http://127.0.0.1:9/api/v1', DASHSCOPE_COMPATIBLE_BASE_URL: 'http://127.0.0.1:9/v1', BAILIAN_ENDPOINT: 'http://127.0.0.1:9' };

describe('snippets without credentials', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('print the same one-line message in every language and exit 1', async () => {
    const codingPlan = { ...regionEndpoint('cn'), apiKeyVariable: 'DASHSCOPE_CODING_PLAN_API_KEY' };
    const cases = [
      { id: 'chat', name: 'chat', endpoint: regionEndpoint('cn'), message: 'Set the DASHSCOPE_API_KEY environment variable.' },
      { id: 'knowledge', name: 'knowledge', endpoint: regionEndpoint('cn'), message: 'Set the ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET environment variables.' },
      // A pay-as-you-go key in the environment is not a Coding Plan key: the snippet asks for the plan's own.
      { id: 'chat', name: 'coding-plan-chat', endpoint: codingPlan, message: 'Set the DASHSCOPE_CODING_PLAN_API_KEY environment variable.', extra: { DASHSCOPE_API_KEY: 'sk-payg' } },
    ].flatMap((expected) => SNIPPET_LANGUAGES.map((language) => ({ ...expected, language })));
    const outcomes = await pool(4, cases.map(({ id, name, endpoint, language, message, extra }) => async () => {
      const file = path.join(dir, `${name}.${EXTENSIONS[language]}`);
      writeFileSync(file, renderSnippet(SNIPPETS.find((spec) => spec.id === id)!, language, endpoint).text);
      const [command, args] = runner(language, file);
      return { id: name, language, message, ...(await run(command, args, { cwd: dir, env: { ...env, ...extra } })) };
    }));
    for (const outcome of outcomes) {
      const name = `${outcome.id} (${outcome.language})`;
      assert.equal(outcome.stderr, `${outcome.message}\n`, name);
      assert.equal(outcome.code, 1, name);
      assert.equal(outcome.stdout, '', name);
    }
  });
});
