import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe } from 'node:test';
import { measure, problems } from './screens/contrast';
import { decodePng, luminanceSpread } from './screens/png';
import { SCREENS } from './screens/screens';
import { setTheme, THEMES } from './screens/themes';
import { e2eSuite } from './suite';

/** Where the screenshots go: the OS temp folder unless DASHSCOPE_SCREENS_DIR says (docs/screens refreshes the committed ones). */
const OUT = path.resolve(path.join(__dirname, '..', '..'), process.env.DASHSCOPE_SCREENS_DIR ?? path.join(tmpdir(), 'dashscope-screens'));
/** Below this spread of luminance an area is one flat colour: nothing was drawn. */
const MIN_SPREAD = 4;

describe(`every screen in ${THEMES.map((theme) => theme.name).join(', ')} (screenshots in ${OUT})`, () => {
  // qwq-plus always thinks: each chat reply comes with its reasoning.
  const { test } = e2eSuite({ settings: { 'dashscope.chat.defaultModel': 'qwq-plus' } });
  mkdirSync(OUT, { recursive: true });

  for (const screen of SCREENS) {
    test(`${screen.name} is drawn, and its text, icons and focus indicators are legible in every theme`, async (code) => {
      const shown = await screen.show(code);
      const frame = 'parentFrame' in shown.target ? shown.target : undefined;
      // A toast (a task is ready…) would cover part of the screen.
      await code.clearNotifications();
      const failures: string[] = [];
      for (const theme of THEMES) {
        await setTheme(code, theme, frame);
        await screen.reshow?.(code);
        await code.page.screenshot({ path: path.join(OUT, `${screen.name}-${theme.name}.png`) });
        const spread = luminanceSpread(decodePng(await shown.area.screenshot()));
        if (spread < MIN_SPREAD) failures.push(`${theme.name}: the screen is blank (luminance spread ${spread.toFixed(1)})`);
        failures.push(...problems(await measure(shown.target, shown.checks)).map((problem) => `${theme.name}: ${problem}`));
      }
      assert.deepEqual(failures, []);
    });
  }
});
