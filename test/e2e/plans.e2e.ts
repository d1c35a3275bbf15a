import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { planKey, workspaceKey } from '../simulator/plans';
import type { VsCode } from './harness';
import { e2eSuite } from './suite';
import { askInChat } from './views';

/** Selects a plan and region through the palette's region picker (plans are grouped there). */
async function selectTarget(code: VsCode, label: string): Promise<void> {
  await code.runCommand('DashScope: Select Region');
  await code.pick(label);
  await code.waitForStatus(new RegExp(label.replace(' — ', ' · ')));
  await code.clearNotifications();
}

/** Sends one message from the chat panel and waits for the finished reply; returns the chat requests of `host` (a path prefix). */
async function chatOnce(code: VsCode, host: string): Promise<{ model?: string }[]> {
  await askInChat(code, 'Say hello');
  return code.sim.requests.filter((r) => r.path === `${host}/chat/completions`).map((r) => JSON.parse(r.body) as { model?: string });
}

describe('plans in real VS Code', () => {
  const { test } = e2eSuite();

  test('sets up a Coding Plan key in one pass (one question, no model list) and chats with it', async (code) => {
    await code.runCommand('DashScope: Set API Key');
    await code.page.locator('.quick-input-widget input[type="password"]').waitFor();
    await code.answerInput(planKey('coding', 'cn'));
    await code.pick('Coding Plan');
    const saved = await code.notification(/saved for Coding Plan/);
    assert.equal(await code.notificationSeverity(saved), 'info');
    assert.match(await saved.innerText(), /no model list/);
    assert.match(await code.waitForStatus(/Coding Plan · Beijing/), /^(?!.*No key)/);
    assert.ok(!code.sim.requests.some((r) => r.path.startsWith('/coding/') && r.path.includes('/models')), 'no model list was asked of the Coding Plan host');
    await code.clearNotifications();

    const chats = await chatOnce(code, '/coding/cn/v1');
    assert.equal(chats.at(-1)?.model, 'qwen3.5-plus', 'a model the Coding Plan serves');
  });

  test('sets up a Tokyo workspace host (its id, then its key) and chats through that host only', async (code) => {
    const earlier = code.sim.requests.length;
    await code.runCommand('DashScope: Select Region');
    await code.pick('Pay-as-you-go, workspace host — Tokyo');
    await code.answerInput('llm-e2e');
    await code.waitForStatus(/workspace host · Tokyo/);
    await code.clearNotifications();
    await code.runCommand('DashScope: Set API Key');
    await code.page.locator('.quick-input-widget input[type="password"]').waitFor();
    await code.answerInput(workspaceKey('jp', 'llm-e2e'));
    assert.equal(await code.notificationSeverity(await code.notification(/saved for Pay-as-you-go, workspace host · Tokyo/)), 'info');
    await code.clearNotifications();

    const chats = await chatOnce(code, '/workspace/jp/llm-e2e/compatible-mode/v1');
    assert.ok(chats.length > 0, 'the chat went to the workspace host');
    const elsewhere = code.sim.requests.slice(earlier).filter((r) => r.path.endsWith('/chat/completions') && !r.path.startsWith('/workspace/jp/llm-e2e/'));
    assert.deepEqual(elsewhere.map((r) => r.path), [], 'and nowhere else');
  });

  test('says a key used on the wrong plan belongs to another plan, and image generation is not offered under Coding Plan', async (code) => {
    await selectTarget(code, 'Coding Plan — Beijing');
    await code.runCommand('DashScope: Set API Key');
    await code.answerInput(planKey('token', 'cn'));
    const warning = await code.notification(/belongs to another plan/);
    assert.equal(await code.notificationSeverity(warning), 'warning');
    assert.match(await warning.innerText(), /Token Plan · Beijing \(cn\), not Coding Plan · Beijing \(cn\)/);
    await code.clearNotifications();

    await code.runCommand('DashScope: Open Image Generation');
    assert.match(await (await code.notification(/not part of Coding Plan/)).innerText(), /Select a pay-as-you-go region/);
    await code.clearNotifications();
  });
});
