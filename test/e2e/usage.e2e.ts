import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { VsCode } from './harness';
import { setApiKey } from './flows';
import { e2eSuite } from './suite';
import { eventually } from './eventually';
import { askInChat } from './views';

/** The Usage pane of the DashScope container, expanded. */
async function usagePane(code: VsCode) {
  const sidebar = await code.openDashScopeView();
  const header = sidebar.locator('.pane-header[aria-label^="Usage"]');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return sidebar.locator('.pane:has(> .pane-header[aria-label^="Usage"])');
}

/** Waits for a row of the Usage view matching `pattern`, expanding Today when it is collapsed. */
async function waitForUsageRow(code: VsCode, pattern: RegExp, timeout = 30_000): Promise<string> {
  const pane = await usagePane(code);
  let rows: string[] = [];
  return eventually(async () => {
    const today = pane.locator('.monaco-list-row', { hasText: 'Today' }).first();
    if ((await today.getAttribute('aria-expanded', { timeout: 2000 }).catch(() => null)) === 'false') await today.click();
    rows = await pane.locator('.monaco-list-row').allInnerTexts();
    return rows.find((text) => pattern.test(text.replace(/\s+/g, ' ')));
  }, { timeout, interval: 300, message: () => `the Usage view shows ${JSON.stringify(rows)}, never ${pattern}` });
}

describe('Usage view in real VS Code', () => {
  const { test } = e2eSuite();

  test('a chat reply shows up in the Usage view with its tokens, "no price" and the billing note', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    const { reply } = await askInChat(code, 'How much does this cost?');
    await reply.locator('.metrics', { hasText: /out tokens/ }).waitFor();

    const row = await waitForUsageRow(code, /qwen-plus.*Chat · 1 call · \d+ in · \d+ out tokens · no price/);
    assert.doesNotMatch(row, /cost\?/, 'the prompt is not shown');
    const pane = await usagePane(code);
    await pane.locator('.monaco-list-row', { hasText: 'Exact figures: open Billing in the console' }).waitFor();
    await pane.getByText('DashScope has no API that reports an API key\'s usage').waitFor();
    await pane.locator('.monaco-list-row', { hasText: /Estimates use the catalog's prices of \d{4}-\d{2}-\d{2}/ }).waitFor();
    await code.saveScreenshot('usage-view');
  });
});
