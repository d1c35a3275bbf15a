import type { Frame, Locator, Page } from 'playwright-core';
import { WalkthroughSteps } from '../../../src/extension/ids';
import { eventually } from '../eventually';
import type { VsCode } from '../harness';
import type { Check } from './contrast';
import { chatPanel, ensureKey, ensureNoKey, mediaResult, soloPane, sidebarChat, VIDEO_PROMPT } from './state';

/** A screen on display: where to measure its checks, and the area that must not be blank. */
export interface Shown {
  readonly target: Page | Frame;
  readonly area: Locator;
  readonly checks: readonly Check[];
}

export interface Screen {
  /** File name stem of its screenshots. */
  readonly name: string;
  /** Brings the screen up from whatever the window shows. */
  show(code: VsCode): Promise<Shown>;
  /** Shows again what a theme switch may have closed (a hover); by default nothing is needed. */
  reshow?(code: VsCode): Promise<void>;
}

const text = (name: string, selector: string): Check => ({ name, selector, kind: 'text' });
const icon = (name: string, selector: string): Check => ({ name, selector, kind: 'icon' });
const focus = (name: string, selector: string): Check => ({ name, selector, kind: 'focus' });

/** The workbench's side bar pieces every DashScope view is drawn with. */
const welcomeChecks = [text('welcome text', '.part.sidebar .welcome-view-content p'), text('welcome buttons', '.part.sidebar .welcome-view-content .monaco-button')];
const treeChecks = [text('row labels', '.part.sidebar .pane.expanded .monaco-list-row .label-name'), icon('row icons', '.part.sidebar .pane.expanded .monaco-list-row .custom-view-tree-node-item-icon, .part.sidebar .pane.expanded .monaco-list-row .codicon')];

const chatChecks = [
  text('prompt', '.message.user .prompt-text'),
  text('reply text', '.message.assistant .markdown p'),
  text('reasoning', 'details.reasoning[open]'),
  text('reasoning summary', 'details.reasoning summary'),
  text('code', '.code-block pre code'),
  text('inline code', '.markdown :not(pre) > code'),
  text('code keywords', '.code-block .hljs-keyword'),
  text('code strings', '.code-block .hljs-string'),
  text('code language', '.code-language'),
  text('model name', '.message-meta'),
  text('metrics', '.metrics'),
  icon('message action icons', '.message:last-child .message-actions vscode-button svg'),
  focus('prompt focus', 'vscode-text-area.prompt'),
];

const mediaChecks = [
  text('title', 'h1'),
  text('field labels', '.field-label'),
  text('model description', '.model-description'),
  text('result prompt', '.entry-prompt'),
  text('result details', '.entry-meta'),
  text('buttons', 'vscode-button >>> .control'),
  focus('prompt focus', '[data-field="prompt"] vscode-text-area'),
];

const page = (code: VsCode, selector: string): Shown['area'] => code.page.locator(selector).first();

/** Waits until the open walkthrough shows each of `steps` ticked (VS Code's check mark, not its empty circle). */
async function stepsDone(code: VsCode, steps: readonly string[]): Promise<void> {
  const ticked = () => code.page.locator('.gettingStartedContainer .getting-started-step').evaluateAll((elements) =>
    elements.filter((element) => element.querySelector('.codicon-getting-started-step-checked')).map((element) => element.getAttribute('data-step-id')));
  let done: readonly (string | null)[] = [];
  await eventually(async () => (done = await ticked()) && steps.every((step) => done.includes(step)), {
    timeout: 15_000,
    message: () => `walkthrough steps not ticked after doing them: ${steps.filter((step) => !done.includes(step)).join(', ')}`,
  });
}
const body = (frame: Frame) => frame.locator('body');

export const SCREENS: readonly Screen[] = [
  {
    name: 'welcome-no-key',
    async show(code) {
      await ensureNoKey(code);
      await soloPane(code, 'Tasks');
      await code.tasksWelcome();
      return { target: code.page, area: page(code, '.part.sidebar .welcome-view-content'), checks: welcomeChecks };
    },
  },
  {
    name: 'tasks-empty',
    async show(code) {
      await ensureKey(code);
      await soloPane(code, 'Tasks');
      if (await code.page.locator('.part.sidebar .pane.expanded .monaco-list-row').count()) await code.runCommand('DashScope: Clear Finished Tasks');
      const welcome = code.page.locator('.part.sidebar .welcome-view-content', { hasText: 'No tasks yet' });
      await welcome.waitFor({ timeout: 30_000 });
      return { target: code.page, area: welcome, checks: welcomeChecks };
    },
  },
  {
    name: 'chat-panel',
    async show(code) {
      const frame = await chatPanel(code);
      return { target: frame, area: body(frame), checks: chatChecks };
    },
  },
  {
    name: 'chat-sidebar',
    async show(code) {
      const frame = await sidebarChat(code);
      return { target: frame, area: body(frame), checks: chatChecks };
    },
  },
  {
    name: 'image-panel',
    async show(code) {
      const frame = await mediaResult(code, 'image');
      return { target: frame, area: body(frame), checks: [...mediaChecks, focus('result focus', '.thumb')] };
    },
  },
  {
    name: 'video-panel',
    async show(code) {
      const frame = await mediaResult(code, 'video');
      return { target: frame, area: body(frame), checks: [...mediaChecks, text('hints', '.hint'), text('cost estimate', '.summary')] };
    },
  },
  {
    name: 'tasks',
    async show(code) {
      await mediaResult(code, 'video');
      const pane = await soloPane(code, 'Tasks');
      await pane.locator('.monaco-list-row', { hasText: VIDEO_PROMPT }).first().waitFor();
      return { target: code.page, area: pane, checks: treeChecks };
    },
  },
  {
    name: 'usage',
    async show(code) {
      await chatPanel(code);
      const pane = await soloPane(code, 'Usage');
      const today = pane.locator('.monaco-list-row', { hasText: 'Today' }).first();
      const chatRow = pane.locator('.monaco-list-row', { hasText: /Chat · \d+ calls?/ }).first();
      // The view is redrawn (collapsed) when a call is recorded: Today is opened until its rows stay.
      for (const deadline = Date.now() + 30_000; !(await chatRow.isVisible()); ) {
        if (Date.now() > deadline) throw new Error('the Usage view never showed the chat replies of today');
        if ((await today.getAttribute('aria-expanded', { timeout: 2000 }).catch(() => null)) === 'false') await today.click();
        await code.page.waitForTimeout(300);
      }
      return { target: code.page, area: pane, checks: treeChecks };
    },
  },
  {
    name: 'media-preview',
    async show(code) {
      const panel = await mediaResult(code, 'image');
      await panel.locator('.entry.succeeded vscode-button[aria-label="Open"]').first().click();
      const frame = await code.webviewFrame('img.media', 30_000);
      return {
        target: frame,
        area: body(frame),
        checks: [text('details labels', '.metadata th'), text('details', '.metadata td'), text('buttons', '.actions vscode-button >>> .control')],
      };
    },
  },
  {
    name: 'snippet-pick',
    async show(code) {
      await code.runCommand('View: Close All Editors');
      await code.openFile('hello.ts');
      await this.reshow!(code);
      return {
        target: code.page,
        area: page(code, '.quick-input-widget'),
        checks: [text('first area', '.quick-input-widget .monaco-list-row[data-index="0"] .label-name')],
      };
    },
    async reshow(code) {
      await code.runCommand('DashScope: Insert API Snippet…');
      await code.quickPickRows().filter({ hasText: 'Chat completion' }).first().waitFor();
    },
  },
  {
    name: 'walkthrough',
    async show(code) {
      // What four steps ask for, done while no Welcome page has been open in this window (VS Code's walkthrough
      // service saw none of it): their steps must show as done all the same.
      await chatPanel(code);
      await mediaResult(code, 'image');
      await soloPane(code, 'Tasks');
      // The walkthrough gets the whole editor area, not a group beside the panels.
      await code.runCommand('View: Close All Editors');
      await code.page.keyboard.press('Escape');
      await code.runCommand('Welcome: Open Walkthrough...');
      await code.pick('DashScope Studio');
      await this.reshow!(code);
      await stepsDone(code, [WalkthroughSteps.key, WalkthroughSteps.chat, WalkthroughSteps.image, WalkthroughSteps.tasks]);
      return {
        target: code.page,
        area: page(code, '.gettingStartedContainer'),
        checks: [text('step titles', '.gettingStartedContainer .getting-started-step .step-title'), text('step text', '.gettingStartedContainer .step-description-container')],
      };
    },
    // The Welcome page goes back to its list of walkthroughs on Escape (the theme picker closes with it): opened again from there.
    async reshow(code) {
      const steps = code.page.locator('.gettingStartedContainer .getting-started-step').filter({ visible: true });
      const listed = code.page.locator('.gettingStartedContainer .getting-started-category:not([disabled])', { hasText: 'DashScope Studio' }).filter({ visible: true });
      await steps.or(listed).first().waitFor({ timeout: 20_000 });
      if (await listed.count()) await listed.first().click();
      await steps.first().waitFor({ timeout: 20_000 });
    },
  },
  {
    name: 'status-tooltip',
    async show(code) {
      await ensureKey(code);
      await this.reshow!(code);
      return { target: code.page, area: page(code, '.monaco-hover:visible, .workbench-hover:visible'), checks: [text('tooltip text', '.workbench-hover p, .monaco-hover p')] };
    },
    async reshow(code) {
      await code.page.mouse.move(0, 0);
      await code.statusItem().hover();
      await code.page.locator('.workbench-hover, .monaco-hover').filter({ visible: true }).first().waitFor({ timeout: 10_000 });
    },
  },
];
