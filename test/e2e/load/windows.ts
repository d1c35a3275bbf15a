import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateVideo, setApiKey } from '../flows';
import { RESULTS } from '../artifacts';
import { VsCode } from '../harness';
import { ask, chatFrame } from '../views';

/**
 * `npm run load:windows -- [--minutes N]` (default 5; not part of `npm test`): two code-server windows on one
 * profile take turns submitting video tasks and starting conversations for N minutes, then every task and
 * conversation made is looked for on disk and in both windows' views. Prints and writes
 * test-results/load-windows.json; exits 1 when anything was lost.
 */

interface Made {
  readonly tasks: string[];
  readonly chats: string[];
  /** Steps that failed in the driving itself (not counted as lost: they may never have been made). */
  readonly failures: string[];
}

interface Window {
  readonly name: string;
  readonly code: VsCode;
}

const minutes = Number(process.argv[process.argv.indexOf('--minutes') + 1]) || 5;
const log = (line: string) => console.log(`[load] ${new Date().toISOString().slice(11, 19)} ${line}`);

async function submitTask(window: Window, prompt: string): Promise<void> {
  await window.code.page.bringToFront();
  await generateVideo(window.code, prompt);
  await window.code.notification(/Video task submitted/);
  await window.code.clearNotifications();
}

/**
 * Starts a conversation from the command palette (a new one in the chat panel) and asks in it. The panel's page
 * is the one with a conversation bar: the sidebar's Chat view has its actions in its title bar instead.
 */
async function startChat(window: Window, prompt: string): Promise<void> {
  await window.code.page.bringToFront();
  await window.code.runCommand('DashScope: New Chat Conversation');
  const chat = await chatFrame(window.code);
  await chat.locator('.messages > .message').first().waitFor({ state: 'detached', timeout: 30_000 });
  await ask(chat, prompt);
  await chat.locator('.message.assistant').last().filter({ hasText: /\w/ }).waitFor({ timeout: 30_000 });
  await chat.locator('.message.assistant.streaming').waitFor({ state: 'detached', timeout: 30_000 });
}

/** Every row of the Tasks view, scrolled through (the tree renders only the rows in view). */
async function taskRows(code: VsCode): Promise<Set<string>> {
  await code.page.bringToFront();
  const sidebar = await code.openDashScopeView();
  const pane = sidebar.locator('.pane', { has: code.page.locator('.pane-header[aria-label^="Tasks"]') }).locator('.pane-body');
  const seen = new Set<string>();
  await pane.hover();
  for (let unchanged = 0; unchanged < 4;) {
    const before = seen.size;
    for (const text of await pane.locator('.monaco-list-row').allInnerTexts()) seen.add(text);
    unchanged = seen.size === before ? unchanged + 1 : 0;
    await code.page.mouse.wheel(0, 120);
    await code.page.waitForTimeout(150);
  }
  return seen;
}

/** Whether the chat History pick finds a conversation by its title. */
async function listedInHistory(window: Window, title: string): Promise<boolean> {
  const { code } = window;
  // The panel has History in its icon bar; the side bar's chat view (when that is the page found) in its title bar.
  // The hover of the last pick's row (its date) stays under a mouse left there, over the History button.
  await code.page.mouse.move(0, 0);
  await code.page.locator('.context-view .monaco-hover, .context-view table').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  // The History action of the sidebar's Chat view title: it lists the conversations whatever its page shows.
  const sidebar = await code.openDashScopeView();
  await sidebar.locator('.pane-header', { hasText: /^\s*Chat/i }).first().hover();
  await code.page.locator('.action-label[aria-label="Show Chat History…"]').first().click();
  await code.quickPickRows().first().waitFor({ timeout: 10_000 });
  await code.page.locator('.quick-input-widget input').fill(title);
  const found = await code.quickPickRows().filter({ hasText: title }).first().waitFor({ timeout: 3000 }).then(() => true, () => false);
  await code.page.keyboard.press('Escape');
  return found;
}

/** Prompts of the task files and titles of the conversation files in the extension's global storage. */
function onDisk(code: VsCode): { tasks: Set<string>; chats: Set<string> } {
  const storage = path.join(code.dirs.userData, 'User', 'globalStorage', 'dashscope-studio.dashscope-studio');
  const read = (folder: string, pick: (value: Record<string, unknown>) => unknown, match = (_name: string) => true) => {
    const dir = path.join(storage, folder);
    const values = new Set<string>();
    if (!existsSync(dir)) throw new Error(`No ${dir}: the extension's global storage is elsewhere.`);
    for (const name of readdirSync(dir).filter(match)) {
      try {
        const value = pick(JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>);
        if (typeof value === 'string') values.add(value);
      } catch {
        // a file being replaced right now is read on the next pass
      }
    }
    return values;
  };
  return { tasks: read('tasks', (task) => task.prompt), chats: read('chat', (summary) => summary.title, (name) => name.startsWith('summary-')) };
}

async function drive(windows: readonly Window[], until: number): Promise<Made> {
  const made: Made = { tasks: [], chats: [], failures: [] };
  for (let round = 1; Date.now() < until; round++) {
    for (const window of windows) {
      if (Date.now() >= until) break;
      const id = `${window.name}${String(round).padStart(3, '0')}`;
      const steps: [string[], string, (window: Window, prompt: string) => Promise<void>][] = [[made.tasks, `load task ${id}`, submitTask], [made.chats, `load chat ${id}`, startChat]];
      for (const [list, prompt, step] of steps) {
        try {
          await step(window, prompt);
          list.push(prompt);
        } catch (error) {
          made.failures.push(`${prompt}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
          await window.code.saveArtifacts(`load-${prompt}`).catch(() => undefined);
          await window.code.page.keyboard.press('Escape').catch(() => undefined);
        }
      }
    }
    log(`round ${round}: ${made.tasks.length} tasks, ${made.chats.length} conversations, ${made.failures.length} failed steps`);
  }
  return made;
}

async function main(): Promise<void> {
  log(`two windows on one profile for ${minutes} min`);
  const a = await VsCode.launch();
  try {
    await setApiKey(a, a.sim.keyFor('cn'));
    const b = await a.openWindow();
    const windows: Window[] = [{ name: 'A', code: a }, { name: 'B', code: b }];
    const started = Date.now();
    const made = await drive(windows, started + minutes * 60_000);
    log('settling: waiting for the last tasks to finish and every window to catch up');
    await a.page.waitForTimeout(20_000);

    const disk = onDisk(a);
    const lost = {
      tasksOnDisk: made.tasks.filter((prompt) => !disk.tasks.has(prompt)),
      chatsOnDisk: made.chats.filter((title) => !disk.chats.has(title)),
    } as Record<string, string[]>;
    for (const window of windows) {
      const rows = [...(await taskRows(window.code))];
      lost[`tasksInView${window.name}`] = made.tasks.filter((prompt) => !rows.some((row) => row.includes(prompt)));
      const missing: string[] = [];
      for (const title of made.chats) if (!(await listedInHistory(window, title))) missing.push(title);
      lost[`chatsInHistory${window.name}`] = missing;
    }
    const report = {
      minutes, windows: windows.length, tasksMade: made.tasks.length, conversationsMade: made.chats.length, failedSteps: made.failures,
      lost: Object.fromEntries(Object.entries(lost).map(([where, items]) => [where, { count: items.length, items }])),
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'load-windows.json'), JSON.stringify(report, null, 2));
    log(`made ${report.tasksMade} tasks and ${report.conversationsMade} conversations in ${Math.round((Date.now() - started) / 60_000)} min; ${made.failures.length} steps failed`);
    for (const [where, items] of Object.entries(lost)) log(`lost ${where}: ${items.length}${items.length ? ` (${items.join(', ')})` : ''}`);
    process.exitCode = Object.values(lost).some((items) => items.length > 0) ? 1 : 0;
    await b.closeWindow();
  } finally {
    await a.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  // Not process.exit: it would drop what is still buffered for a piped stdout.
  process.exitCode = 1;
});
