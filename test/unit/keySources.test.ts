import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { discoverKeys, type DiscoveryEnvironment } from '../../src/extension/keys/keySources';

const home = '/home/dev';
function environment(env: NodeJS.ProcessEnv, files: Record<string, string>): DiscoveryEnvironment {
  return {
    env,
    homeDir: home,
    readFile: async (file) => {
      if (file in files) return files[file]!;
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    },
  };
}
const at = (...parts: string[]) => path.join(home, ...parts);

describe('discoverKeys', () => {
  it('finds nothing on a clean machine', async () => {
    assert.deepEqual(await discoverKeys(environment({}, {})), { keys: [], problems: [] });
  });

  it('offers every source in the documented order', async () => {
    const found = await discoverKeys(environment(
      { DASHSCOPE_API_KEY: 'sk-sim-cn-env', DASHSCOPE_API_KEY_FILE_PATH: '/secrets/key' },
      {
        '/secrets/key': 'sk-sim-cn-file\n',
        [at('.dashscope', 'api_key')]: '  sk-sim-cn-sdk  ',
        [at('.bailian', 'config.json')]: JSON.stringify({ api_key: 'sk-sim-cn-bailian', region: 'cn' }),
        [at('.alibabacloud', 'credentials')]: '[other]\ndashscope_api_key = sk-sim-cn-other\n[default]\ntype = access_key\ndashscope_api_key = "sk-sim-cn-ini"\n',
      },
    ));
    assert.deepEqual(found.problems, []);
    assert.deepEqual(found.keys.map((k) => [k.source, k.key]), [
      ['env', 'sk-sim-cn-env'],
      ['envFile', 'sk-sim-cn-file'],
      ['dashscopeFile', 'sk-sim-cn-sdk'],
      ['bailianConfig', 'sk-sim-cn-bailian'],
      ['alibabacloudCredentials', 'sk-sim-cn-ini'],
    ]);
    for (const key of found.keys) assert.ok(!key.description.includes(key.key), 'descriptions never contain the key');
  });

  it('lists a key found in several places once', async () => {
    const found = await discoverKeys(environment({ DASHSCOPE_API_KEY: 'sk-sim-cn-same' }, { [at('.dashscope', 'api_key')]: 'sk-sim-cn-same' }));
    assert.equal(found.keys.length, 1);
  });

  it('reports malformed files and keeps going', async () => {
    const found = await discoverKeys(environment({}, {
      [at('.bailian', 'config.json')]: '{ "api_key": ',
      [at('.dashscope', 'api_key')]: 'two words\nand lines',
      [at('.alibabacloud', 'credentials')]: '[default]\ndashscope_api_key = sk-sim-cn-ok\n',
    }));
    assert.deepEqual(found.keys.map((k) => k.source), ['alibabacloudCredentials']);
    assert.deepEqual(found.problems.map((p) => p.source), ['dashscopeFile', 'bailianConfig']);
    assert.match(found.problems[1]!.message, /JSON/);
    for (const problem of found.problems) assert.ok(!problem.message.includes('two words'));
  });

  it('reports an unreadable file without failing', async () => {
    const found = await discoverKeys({
      env: {}, homeDir: home,
      readFile: async () => { throw Object.assign(new Error('denied'), { code: 'EACCES' }); },
    });
    assert.equal(found.problems.length, 3);
    assert.match(found.problems[0]!.message, /EACCES/);
  });

  it('names a malformed credentials line by its number, never by its text (it may be a secret)', async () => {
    const found = await discoverKeys(environment({}, {
      [at('.alibabacloud', 'credentials')]: '[default]\n# comment\nsk-sim-cn-pasted-alone-on-a-line\n',
    }));
    assert.equal(found.problems.length, 1);
    assert.match(found.problems[0]!.message, /line 3/);
    assert.doesNotMatch(found.problems[0]!.message, /pasted/);
  });
});
