import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator';
import { CHROMIUM, CODE_SERVER_BIN, ensureCodeServer, installExtension } from './codeServer';

const ROOT = path.join(__dirname, '..', '..');
const VSIX = path.join(ROOT, 'dist', 'dashscope-studio.vsix');
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

let packaged = false;

/** Builds and packages the VSIX once per test process. */
export function packageExtension(): string {
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

/** Starts code-server on a free loopback port and waits until it answers. */
export async function startCodeServer(options: { userDataDir: string; extensionsDir: string; folder: string; env: NodeJS.ProcessEnv; port?: number; quiet?: boolean }): Promise<CodeServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [
    CODE_SERVER_BIN, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', options.folder,
  ], { env: { ...process.env, ...options.env }, detached: true, stdio: options.quiet === false ? 'inherit' : 'ignore' });
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
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Writes quiet user settings (plus extra ones) into a code-server user-data folder. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): void {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}

export interface LaunchOptions {
  /** Environment of code-server (and so of the extension host). */
  readonly env?: Record<string, string>;
  readonly settings?: Record<string, unknown>;
}

/** A real VS Code (code-server) with the packaged extension, talking to a simulator, in headless Chromium. */
export class VsCode {
  private constructor(
    readonly page: Page,
    readonly sim: Simulator,
    readonly dirs: { root: string; userData: string; extensions: string; workspace: string; home: string },
    private readonly browser: Browser,
    private readonly server: CodeServerProcess,
  ) {}

  static async launch(options: LaunchOptions = {}): Promise<VsCode> {
    ensureCodeServer();
    const vsix = packageExtension();
    mkdirSync(path.join(ROOT, '.e2e'), { recursive: true });
    const root = mkdtempSync(path.join(ROOT, '.e2e', 'run-'));
    const dirs = { root, userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions'), workspace: path.join(root, 'workspace'), home: path.join(root, 'home') };
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dirs.workspace, 'hello.ts'), 'export const greeting = "hello";\n');
    writeUserSettings(dirs.userData, options.settings);
    installExtension(vsix, dirs.extensions, dirs.userData);
    const sim = await startSimulator({ taskTimings: { pendingMs: 3000, runningMs: 5000 } });
    const server = await startCodeServer({
      userDataDir: dirs.userData, extensionsDir: dirs.extensions, folder: dirs.workspace,
      env: { HOME: dirs.home, DASHSCOPE_STUDIO_SIMULATOR_URL: sim.origin, DASHSCOPE_API_KEY: '', ...options.env },
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const vscode = new VsCode(page, sim, dirs, browser, server);
    await vscode.open();
    return vscode;
  }

  private async open(): Promise<void> {
    await this.page.goto(`${this.server.url}/?folder=${encodeURIComponent(this.dirs.workspace)}`);
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
      // Escape closes a palette left open by the previous attempt (it would also hide notification toasts).
      if (attempt > 0) await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
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

  /** Picks the item of the open quick pick whose label contains `label`. */
  async pick(label: string | RegExp): Promise<void> {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }

  async quickPickLabels(): Promise<string[]> {
    await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    return this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
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

  async reload(): Promise<void> {
    await this.runCommand('Developer: Reload Window');
    await this.page.waitForTimeout(1000);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
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
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, 'screenshot.png') }).catch(() => undefined);
    const toasts = await this.page.locator('.notification-toast').allInnerTexts().catch(() => []);
    writeFileSync(path.join(dir, 'notifications.txt'), toasts.join('\n---\n'));
    for (const log of this.extensionLogs()) cpSync(log, path.join(dir, path.basename(log)));
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    await this.sim.close();
    if (existsSync(this.dirs.root)) rmSync(this.dirs.root, { recursive: true, force: true });
  }
}
