import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { planKey } from '../simulator/plans';
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

    await askInChat(code, 'Say hello');
    const chats = code.sim.requests.filter((r) => r.path === '/coding/cn/v1/chat/completions');
    const model = (JSON.parse(chats.at(-1)?.body ?? '{}') as { model?: string }).model;
    assert.equal(model, 'qwen3.5-plus', 'a model the Coding Plan serves');
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
    assert.match(await (await code.notification(/not part of Coding Plan/)).innerText(), /serves chat only/);
    await code.clearNotifications();
  });
});
