import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator';
import { DUMP_BROWSER_STORAGE } from './browserStorage';
import { CHROMIUM, CODE_SERVER_BIN, CODE_SERVER_NODE, ensureCodeServer, installExtension } from './codeServer';
import { saveScreenshotTo, writeWorkspace } from './workspace';

const ROOT = path.join(__dirname, '..', '..');
const VSIX = path.join(ROOT, 'dist', 'dashscope-studio.vsix');
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

let packaged = false;

/**
 * Builds and packages the VSIX once per test process. `npm run test:e2e` packages once before the test
 * files start and names the result in DASHSCOPE_E2E_VSIX, so each file's process uses that one.
 */
export function packageExtension(): string {
  const prebuilt = process.env.DASHSCOPE_E2E_VSIX;
  if (prebuilt) return path.resolve(ROOT, prebuilt);
  if (!packaged) {
    const result = spawnSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error('npm run package failed');
    packaged = true;
  }
  return VSIX;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Live (non-zombie) processes as pid → { ppid, pgid }, read from /proc. */
function processTable(): Map<number, { ppid: number; pgid: number }> {
  const table = new Map<number, { ppid: number; pgid: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may contain spaces): state ppid pgrp …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') table.set(Number(entry), { ppid: Number(ppid), pgid: Number(pgid) });
    } catch {
      // exited while listing
    }
  }
  return table;
}

/** A process and all its live descendants. */
function processTree(root: number, table = processTable()): number[] {
  const tree = [root].filter((pid) => table.has(pid));
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, { ppid }] of table) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/**
 * Processes still alive out of `pids` or in process group `pgid` (code-server's group: it is started
 * detached, so its children stay in the group even when they are re-parented).
 */
export function survivors(pids: readonly number[], pgid?: number): number[] {
  const table = processTable();
  return [...table].filter(([pid, info]) => pids.includes(pid) || (pgid !== undefined && info.pgid === pgid)).map(([pid]) => pid);
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.commandCenter': false,
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerProcess {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Process groups of code-servers not stopped yet. */
const groupsToKillOnExit = new Set<number>();
let exitHookInstalled = false;

/**
 * code-server runs in a process group of its own (so it can be stopped as a whole), which also means it
 * would outlive this process: if this process exits before stopping it, the group is killed on the way out.
 */
function killOnExit(pgid: number): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const group of groupsToKillOnExit) {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  groupsToKillOnExit.add(pgid);
}

let exitOnSignalInstalled = false;

/** An interrupted test process (Ctrl+C, a killed runner) exits, so the exit hooks stop code-server and Chromium. */
function exitOnSignal(): void {
  if (exitOnSignalInstalled) return;
  exitOnSignalInstalled = true;
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}

/** Starts code-server on a free loopback port and waits until it answers. */
export async function startCodeServer(options: { userDataDir: string; extensionsDir: string; folder: string; env: NodeJS.ProcessEnv; port?: number; quiet?: boolean }): Promise<CodeServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(CODE_SERVER_NODE, [
    CODE_SERVER_BIN, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', options.folder,
  ], { env: { ...process.env, ...options.env }, detached: true, stdio: options.quiet === false ? 'inherit' : 'ignore' });
  killOnExit(child.pid!);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('code-server did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    process: child,
    stop: async () => {
      const pgid = child.pid!;
      const groupAlive = () => survivors([], pgid).length > 0;
      if (!groupAlive()) return;
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-pgid, name);
        } catch {
          // the group is gone
        }
      };
      // SIGTERM lets code-server shut its extension host down; whatever of the group is left after 5 s is killed.
      signal('SIGTERM');
      for (const deadline = Date.now() + 5000; groupAlive() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
      if (groupAlive()) signal('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
      groupsToKillOnExit.delete(pgid);
    },
  };
}

/**
 * Writes quiet user settings into a code-server user-data folder. Settings already in the file win over
 * the quiet defaults (a persistent profile keeps what the user or the extension wrote); `settings` win over both.
 */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  let existing: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      existing = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      return; // hand-edited with comments: leave it as the user wrote it
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...existing, ...settings }, null, 2));
}

export interface LaunchOptions {
  /** Environment of code-server (and so of the extension host). */
  readonly env?: Record<string, string>;
  readonly settings?: Record<string, unknown>;
  /** Written to the workspace's .vscode/settings.json (what a cloned repository may carry). */
  readonly workspaceSettings?: Record<string, unknown>;
  /**
   * The remote machine's settings (code-server's `Machine/settings.json`): where `machine`-scoped settings such as
   * `dashscope.downloadFolder` are read in a remote window, which ignores their value in the browser's user settings.
   */
  readonly machineSettings?: Record<string, unknown>;
}

interface Running {
  readonly root: string;
  sim?: Simulator;
  server?: CodeServerProcess;
  browser?: Browser;
  /** Chromium's process tree, taken right after launch. */
  browserPids: number[];
}

/**
 * Stops whatever of a run was started, removes its folder, then checks that no process of it survived
 * (stragglers are killed and reported as an error).
 */
async function shutDown(run: Running): Promise<void> {
  const serverPid = run.server?.process.pid;
  const tracked = [...run.browserPids, ...(serverPid ? processTree(serverPid) : [])];
  await run.browser?.close().catch(() => undefined);
  await run.server?.stop();
  await run.sim?.close();
  rmSync(run.root, { recursive: true, force: true });
  let stray = survivors(tracked, serverPid);
  for (const deadline = Date.now() + 5000; stray.length > 0 && Date.now() < deadline; stray = survivors(tracked, serverPid)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (stray.length > 0) {
    for (const pid of stray) process.kill(pid, 'SIGKILL');
    throw new Error(`processes left running after shutdown (killed now): ${stray.join(', ')}`);
  }
}

/** A real VS Code (code-server) with the packaged extension, talking to a simulator, in headless Chromium. */
export class VsCode {
  private constructor(
    readonly page: Page,
    readonly sim: Simulator,
    readonly dirs: { root: string; userData: string; extensions: string; workspace: string; home: string },
    private readonly run: Running,
  ) {}

  /**
   * Starts a fresh user-data and extensions folder with the packaged extension, the simulator, code-server
   * and Chromium, and opens a workspace with a few files. Anything started is stopped again if a step fails.
   */
  static async launch(options: LaunchOptions = {}): Promise<VsCode> {
    exitOnSignal();
    ensureCodeServer();
    const vsix = packageExtension();
    mkdirSync(path.join(ROOT, '.e2e'), { recursive: true });
    const root = mkdtempSync(path.join(ROOT, '.e2e', 'run-'));
    const dirs = { root, userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions'), workspace: path.join(root, 'workspace'), home: path.join(root, 'home') };
    const run: Running = { root, browserPids: [] };
    let page: Page | undefined;
    try {
      for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
      writeWorkspace(dirs.workspace);
      if (options.workspaceSettings) {
        mkdirSync(path.join(dirs.workspace, '.vscode'));
        writeFileSync(path.join(dirs.workspace, '.vscode', 'settings.json'), JSON.stringify(options.workspaceSettings, null, 2));
      }
      writeUserSettings(dirs.userData, options.settings);
      if (options.machineSettings) {
        mkdirSync(path.join(dirs.userData, 'Machine'), { recursive: true });
        writeFileSync(path.join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings, null, 2));
      }
      installExtension(vsix, dirs.extensions, dirs.userData);
      const sim = (run.sim = await startSimulator({ taskTimings: { pendingMs: 3000, runningMs: 5000 } }));
      run.server = await startCodeServer({
        userDataDir: dirs.userData, extensionsDir: dirs.extensions, folder: dirs.workspace,
        // HOME is the run's own, so key files of the machine's user are not found.
        env: { HOME: dirs.home, DASHSCOPE_STUDIO_SIMULATOR_URL: sim.origin, DASHSCOPE_API_KEY: '', ...options.env },
      });
      const before = new Set(processTree(process.pid));
      run.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      run.browserPids = processTree(process.pid).filter((pid) => !before.has(pid));
      // A context of its own: `openWindow` opens more windows in it, sharing its storage (and so the key).
      page = await (await run.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      const vscode = new VsCode(page, sim, dirs, run);
      await vscode.open();
      return vscode;
    } catch (error) {
      if (page) await saveScreenshotTo(page, path.join(RESULTS, 'launch-failure'));
      await shutDown(run);
      throw error;
    }
  }

  private async open(): Promise<void> {
    await this.page.goto(`${this.run.server!.url}/?folder=${encodeURIComponent(this.dirs.workspace)}`);
    await this.waitForWorkbench();
  }

  private async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.statusbar').waitFor();
  }

  /**
   * Runs a command by its palette title, e.g. "DashScope: Set API Key". Right after the window opens the
   * extension's commands may not be registered yet, so the palette is reopened until the command shows.
   */
  async runCommand(title: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        // Escape closes a palette left open by the previous attempt (it would also hide notification toasts).
        await this.page.keyboard.press('Escape');
        // A focused webview (a preview, a panel) may keep F1 to itself: give the focus back to the workbench.
        await this.page.evaluate(() => {
          if (document.activeElement?.tagName === 'IFRAME') (document.activeElement as HTMLElement).blur();
        });
      }
      try {
        await this.page.keyboard.press('F1');
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 5_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        const row = this.quickPickRows().filter({ hasText: title }).first();
        await row.waitFor({ timeout: 5_000 });
        await row.click();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  /** Types into the open input box and accepts it. */
  async answerInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Answers the open file dialog (code-server's simple file dialog, a quick input) with the absolute path of a file. */
  async answerOpenDialog(file: string): Promise<void> {
    // Typed once the start folder is listed, accepted once the file is: before, Enter accepts or opens a folder.
    await this.quickPickRows().first().waitFor({ timeout: 15_000 });
    await this.page.locator('.quick-input-widget input').fill(file);
    await this.quickPickRows().filter({ hasText: path.basename(file) }).first().waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    try {
      await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
    } catch (error) {
      const message = await this.page.locator('.quick-input-widget .quick-input-message').filter({ visible: true }).first().innerText({ timeout: 1000 }).catch(() => '');
      throw new Error(`the file dialog did not accept ${file}${message.trim() ? `: ${message.trim()}` : ''}`, { cause: error });
    }
  }

  /** Picks the item of the open quick pick whose label contains `label`. */
  async pick(label: string | RegExp): Promise<void> {
    const row = this.quickPickRows().filter({ hasText: label }).first();
    // The list is virtual: a row scrolled out of a long pick (e.g. plans with two-line rows) is not in the page until filtered to.
    await this.quickPickRows().first().waitFor({ timeout: 15_000 });
    if (typeof label === 'string' && (await row.count()) === 0) await this.page.locator('.quick-input-widget input').fill(label);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }

  /**
   * Rows of the open quick pick. Only visible ones: rows of a list VS Code has hidden (a closed or
   * replaced quick pick) stay in the page and would otherwise match first.
   */
  quickPickRows(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ visible: true });
  }

  async quickPickLabels(): Promise<string[]> {
    await this.quickPickRows().first().waitFor();
    return this.quickPickRows().allInnerTexts();
  }

  /**
   * Waits for a notification whose message matches, as a toast or, when VS Code keeps it out of the
   * toasts, in the notification centre; returns its element.
   */
  async notification(message: string | RegExp, timeout = 20_000) {
    const item = (container: string) =>
      this.page.locator(container, { has: this.page.locator('.notification-list-item-message', { hasText: message }) }).first();
    try {
      await item('.notification-toast').waitFor({ timeout: timeout / 2 });
      return item('.notification-toast');
    } catch {
      await this.runCommand('Notifications: Show Notifications');
      const inCentre = item('.notifications-center .monaco-list-row');
      await inCentre.waitFor({ timeout: timeout / 2 });
      return inCentre;
    }
  }

  async clickNotificationButton(message: string | RegExp, button: string): Promise<void> {
    const toast = await this.notification(message);
    await toast.locator('.monaco-button', { hasText: button }).first().click();
  }

  /** The severity of a notification returned by `notification()`, from its icon. */
  async notificationSeverity(item: Locator): Promise<'info' | 'warning' | 'error'> {
    const icon = (await item.locator('.notification-list-item-icon').first().getAttribute('class')) ?? '';
    return /codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : 'info';
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  statusItem() {
    return this.page.locator('.statusbar-item', { hasText: 'DashScope' }).first();
  }

  async statusText(): Promise<string> {
    await this.statusItem().waitFor({ timeout: 20_000 });
    return (await this.statusItem().innerText()).trim();
  }

  /** Waits until the DashScope status bar item's text matches. */
  async waitForStatus(pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 20_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await this.statusText().catch(() => '');
      if (pattern.test(text)) return text;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`status bar "${text}" never matched ${pattern}`);
  }

  /** Searches every webview frame for a selector. */
  async webviewFrame(selector: string, timeout = 20_000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (await frame.locator(selector).count().catch(() => 0)) return frame;
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no webview frame has ${selector}`);
  }

  /** Reloads the window ("Developer: Reload Window") and waits for the workbench again. */
  async reload(): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame(), timeout: 30_000 });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.waitForWorkbench();
  }

  /** Opens the DashScope container from the activity bar; returns the side bar. */
  async openDashScopeView() {
    const sidebar = this.page.locator('.part.sidebar');
    const title = sidebar.locator('.composite.title', { hasText: /DashScope/i });
    // Forced: the running-tasks badge lies over the icon and takes the click, which opens the container all the same.
    if (!(await title.isVisible())) await this.page.locator('.activitybar .action-item .action-label[aria-label^="DashScope"]').click({ force: true });
    await title.waitFor();
    // The Tasks pane's header is hidden while it is the container's only view, so it is only attached.
    await sidebar.locator('.pane-header[aria-label^="Tasks"]').waitFor({ state: 'attached' });
    return sidebar;
  }

  /** The welcome content of the DashScope Tasks view (shown while no key is set). */
  async tasksWelcome() {
    const sidebar = await this.openDashScopeView();
    const welcome = sidebar.locator('.welcome-view-content');
    await welcome.waitFor();
    return welcome;
  }

  /** Messages of the notification toasts on screen now. */
  async notificationMessages(): Promise<string[]> {
    return this.page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
  }

  /** Opens a workspace file by its path relative to the workspace folder (Quick Open). */
  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.page.locator('.quick-input-widget input').fill(relativePath);
    await this.pick(path.basename(relativePath));
    await this.page.locator('.tab.active', { hasText: path.basename(relativePath) }).waitFor();
  }

  /**
   * The text of the active editor's rendered lines in line order (Monaco renders only the lines in view,
   * so this is the whole document only for short ones).
   */
  async editorText(): Promise<string> {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await lines.waitFor();
    return lines.evaluate((element) =>
      [...element.querySelectorAll<HTMLElement>('.view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }

  /**
   * Everything the workbench page keeps in the browser: localStorage (where code-server keeps
   * SecretStorage, sealed) and every IndexedDB store (workbench state, extensions' global and workspace state).
   */
  async browserStorageText(): Promise<string> {
    // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
    return this.page.evaluate<string>(DUMP_BROWSER_STORAGE);
  }

  /** Every file under the user-data folder (logs, settings, state databases). */
  userDataFiles(): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && statSync(full).size < 50 * 2 ** 20) files.push(full);
      }
    };
    walk(this.dirs.userData);
    return files;
  }

  /**
   * Checks that no key appears anywhere but in the Authorization header the simulator received: not in other
   * headers or bodies, not in any file of the user-data folder (logs, settings, global and workspace state,
   * extension storage such as the task list), not in what the page shows. code-server keeps SecretStorage in
   * the browser's storage, which is the one place keys belong.
   */
  async assertNoKeyLeaks(keys: readonly string[]): Promise<void> {
    for (const request of this.sim.requests) {
      const { authorization: _authorization, ...headers } = request.headers;
      for (const key of keys) assert.ok(!JSON.stringify(headers).includes(key) && !request.body.includes(key), `${request.path} carries a key outside Authorization`);
    }
    assert.ok(this.extensionLogs().length > 0, 'the DashScope log exists');
    for (const file of this.userDataFiles()) {
      const text = readFileSync(file, 'latin1');
      for (const key of keys) assert.ok(!text.includes(key), `${file} contains a key`);
    }
    const visible = await this.page.locator('body').innerText();
    for (const key of keys) assert.ok(!visible.includes(key), 'the page shows a key');
  }

  /** The extension's log files (the "DashScope" LogOutputChannel). */
  extensionLogs(): string[] {
    return this.userDataFiles().filter((file) => /DashScope\.log$/.test(file));
  }

  /** Saves a screenshot as a test artifact: test-results/<name>.png. */
  async saveScreenshot(name: string): Promise<void> {
    mkdirSync(RESULTS, { recursive: true });
    await this.page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
  }

  /** Saves a screenshot and the extension's logs under test-results/<name>/. */
  async saveArtifacts(name: string): Promise<void> {
    const dir = path.join(RESULTS, name.replace(/[^\w.-]+/g, '_'));
    await saveScreenshotTo(this.page, dir);
    const toasts = await this.page.locator('.notification-toast').allInnerTexts().catch(() => []);
    writeFileSync(path.join(dir, 'notifications.txt'), toasts.join('\n---\n'));
    for (const log of this.extensionLogs()) cpSync(log, path.join(dir, path.basename(log)));
  }

  /**
   * Another browser window on the same code-server, profile and browser storage (so the same key): VS Code
   * gives it an extension host of its own over the same global storage, as a second desktop window does.
   */
  async openWindow(): Promise<VsCode> {
    const page = await this.page.context().newPage();
    const window = new VsCode(page, this.sim, this.dirs, this.run);
    await window.open();
    return window;
  }

  /** Closes a window opened with `openWindow` (its extension host ends; the rest of the run goes on). */
  async closeWindow(): Promise<void> {
    await this.page.close({ runBeforeUnload: true });
  }

  /** Stops the browser, code-server's whole process tree and the simulator; fails if a process survives. */
  async close(): Promise<void> {
    await shutDown(this.run);
  }
}
