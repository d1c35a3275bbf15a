import type { Frame } from 'playwright-core';
import { eventually } from '../eventually';
import type { VsCode } from '../harness';

export interface Theme {
  /** File name suffix of its screenshots. */
  readonly name: string;
  /** Its name in the Color Theme picker. */
  readonly label: string;
  /** The class the workbench gets, and the theme kind each webview's body is given. */
  readonly workbenchClass: string;
  readonly webviewKind: string;
}

/** VS Code's default themes of each kind (every VS Code since 1.66 has all four). */
export const THEMES: readonly Theme[] = [
  { name: 'light', label: 'Light Modern', workbenchClass: 'vs', webviewKind: 'vscode-light' },
  { name: 'dark', label: 'Dark Modern', workbenchClass: 'vs-dark', webviewKind: 'vscode-dark' },
  { name: 'hc-dark', label: 'Dark High Contrast', workbenchClass: 'hc-black', webviewKind: 'vscode-high-contrast' },
  { name: 'hc-light', label: 'Light High Contrast', workbenchClass: 'hc-light', webviewKind: 'vscode-high-contrast-light' },
];

/**
 * Switches the colour theme as a user does (Preferences: Color Theme, which writes `workbench.colorTheme`)
 * and waits until the workbench and the given webview show it. The picker closes any other quick input.
 */
export async function setTheme(code: VsCode, theme: Theme, frame?: Frame): Promise<void> {
  // Right after the window opens the picker can list no theme but "Browse Additional Color Themes…" (the built-in
  // theme extensions are still being read) and never updates: it is opened again until it lists the theme.
  let attempt = 0;
  await eventually(async () => {
    if (attempt++ > 0) await code.page.keyboard.press('Escape');
    // The focus returns to the page shown, whose focus indicators are checked next.
    await code.runCommand('Preferences: Color Theme', { keepWebviewFocus: true });
    await code.page.locator('.quick-input-widget input').fill(theme.label);
    await code.quickPickRows().filter({ hasText: theme.label }).first().waitFor({ timeout: 5_000 });
    return true;
  }, { timeout: 60_000, interval: 0, message: `the Color Theme picker never listed ${theme.label}` });
  await code.pick(theme.label);
  await code.page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ state: 'attached', timeout: 20_000 });
  await frame?.locator(`body[data-vscode-theme-kind="${theme.webviewKind}"]`).waitFor({ state: 'attached', timeout: 20_000 });
}
