import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection } from '../../src/extension/connection';
import { DEFAULT_SETTINGS, type StudioSettings } from '../../src/extension/settings';
import { snippetEndpoint } from '../../src/extension/snippets/snippetEndpoint';
import { SNIPPETS } from '../../src/snippets/catalog';
import { SNIPPET_LANGUAGES } from '../../src/snippets/model';
import { renderSnippet } from '../../src/snippets/render';

const connectionWith = (settings: Partial<StudioSettings>) => ({ settings: { ...DEFAULT_SETTINGS, ...settings }, simulator: undefined }) as unknown as Connection;
const chat = SNIPPETS.find((spec) => spec.id === 'chat')!;

describe('snippets for the plan\'s endpoint', () => {
  it('points chat code at the Coding Plan host\'s /v1 and the Token Plan host\'s compatible mode', () => {
    const coding = renderSnippet(chat, 'curl', snippetEndpoint(connectionWith({ plan: 'coding', region: 'intl' }))).text;
    assert.match(coding, /BASE_URL='https:\/\/coding-intl\.dashscope\.aliyuncs\.com\/v1'/);
    assert.doesNotMatch(coding, /compatible-mode/);
    const token = renderSnippet(chat, 'curl', snippetEndpoint(connectionWith({ plan: 'token' }))).text;
    assert.match(token, /BASE_URL='https:\/\/token-plan\.cn-beijing\.maas\.aliyuncs\.com\/compatible-mode\/v1'/);
    const workspace = renderSnippet(chat, 'curl', snippetEndpoint(connectionWith({ plan: 'workspace', workspaceId: 'ws1' }))).text;
    assert.match(workspace, /https:\/\/ws1\.cn-beijing\.maas\.aliyuncs\.com\/compatible-mode\/v1/);
  });

  it('reads a subscription plan\'s key from its own variable in every language, and says which one to set', () => {
    for (const [plan, variable] of [['coding', 'DASHSCOPE_CODING_PLAN_API_KEY'], ['token', 'DASHSCOPE_TOKEN_PLAN_API_KEY']] as const) {
      const endpoint = snippetEndpoint(connectionWith({ plan }));
      assert.equal(endpoint.apiKeyVariable, variable);
      for (const language of SNIPPET_LANGUAGES) {
        const text = renderSnippet(chat, language, endpoint).text;
        assert.ok(text.includes(variable) && text.includes(`Set the ${variable} environment variable.`), `${plan} ${language}`);
        assert.ok(!text.includes('DASHSCOPE_API_KEY'), `${plan} ${language}: a pay-as-you-go key is never sent to the plan's host`);
      }
    }
    assert.equal(snippetEndpoint(connectionWith({ plan: 'workspace', workspaceId: 'ws1' })).apiKeyVariable, undefined, 'a workspace key is a pay-as-you-go key');
  });

  it('keeps a task\'s code on its pay-as-you-go region whatever plan is selected', () => {
    const endpoint = snippetEndpoint(connectionWith({ plan: 'coding' }), 'intl');
    assert.deepEqual(endpoint, { origin: 'https://dashscope-intl.aliyuncs.com', openApi: 'https://bailian.ap-southeast-1.aliyuncs.com' });
  });
});
