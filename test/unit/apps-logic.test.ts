import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVariables, stateFor } from '../../src/extension/apps/appConversation';
import { appIdOf, appIdProblem, appModelId } from '../../src/extension/apps/appRegistry';
import { replyReferences, thoughtsMarkdown } from '../../src/extension/apps/appReplies';
import { isModelId } from '../../src/shared/modelId';

const APP = '0123456789abcdef0123456789abcdef';

describe('Bailian applications: ids, variables and what a reply shows', () => {
  it('names an application in the model setting with an id the model id rules accept, and nothing else as one', () => {
    assert.ok(isModelId(appModelId(APP)));
    assert.equal(appIdOf(appModelId(APP)), APP);
    assert.equal(appIdOf('qwen-plus'), undefined);
    assert.equal(appIdOf('app:../../etc'), undefined);
    assert.equal(appIdProblem(` ${APP} `), undefined);
    assert.ok(appIdProblem('0123456789ABCDEF0123456789ABCDEF0'));
  });

  it('accepts a JSON object of variables, clears them with empty text, and explains anything else', () => {
    assert.deepEqual(parseVariables('{"city": "Hangzhou", "user_prompt_params": {"tone": "formal"}}'), { variables: { city: 'Hangzhou', user_prompt_params: { tone: 'formal' } } });
    assert.deepEqual(parseVariables('  '), { variables: undefined });
    assert.deepEqual(parseVariables('{}'), { variables: undefined });
    for (const bad of ['[1]', '"text"', '42', 'null', '{"city":', `{"a": "${'x'.repeat(20_000)}"}`]) assert.ok('problem' in parseVariables(bad), bad);
  });

  it('starts a fresh session when a conversation switches to another application', () => {
    const kept = { appId: APP, sessionId: 's1', variables: { a: 1 } };
    assert.equal(stateFor(APP, kept), kept);
    assert.deepEqual(stateFor('f'.repeat(32), kept), { appId: 'f'.repeat(32) });
  });

  it('shows references and thoughts on one line each, cut to a readable length', () => {
    const [guide, untitled] = replyReferences([{ title: 'Guide', docName: 'guide.pdf', text: `line one\n\nline two ${'x'.repeat(500)}` }, { title: '', docName: '', text: '' }]);
    assert.deepEqual([guide!.title, guide!.source], ['Guide', 'guide.pdf']);
    assert.equal(guide!.text.startsWith('line one line two x'), true);
    assert.ok(guide!.text.length < 310);
    assert.deepEqual(untitled, { title: 'Untitled document', text: '' });
    assert.equal(thoughtsMarkdown([{ action: 'search', actionType: 'api', thought: 'Looking', observation: 'Found' }]), '- **search** (api): Looking\n  → Found');
  });
});
