import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator';
import { CHROMIUM, ensureCodeServer } from './codeServer';
import { startCodeServer, writeUserSettings, type CodeServerProcess } from './codeServerProcess';
import { eventually } from './eventually';
import { installCachedExtension } from './installedExtension';
import { timed } from './stepTimes';
import { exitOnSignal, processTree, survivors } from './processes';
import { writeWorkspace } from './workspace';

const ROOT = path.join(__dirname, '..', '..');
const VSIX = path.join(ROOT, 'dist', 'dashscope-studio.vsix');
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
  /** How long the simulator's async tasks stay PENDING and RUNNING (default: done 3.5 s after submit). */
  readonly taskTimings?: { readonly pendingMs: number; readonly runningMs: number };
}

export interface RunDirs {
  readonly root: string;
  readonly userData: string;
  readonly extensions: string;
  readonly workspace: string;
  readonly home: string;
}

/** What one launch started, so that it can all be stopped again. */
export interface Running {
  readonly dirs: RunDirs;
  readonly sim: Simulator;
  readonly server: CodeServerProcess;
  readonly browser: Browser;
  /** Chromium's process tree, taken right after launch. */
  readonly browserPids: readonly number[];
}

/** What of a run is started so far. */
interface Started {
  sim?: Simulator;
  server?: CodeServerProcess;
  browser?: Browser;
  browserPids: readonly number[];
}

/** A fresh run folder: user data with quiet settings and the packaged extension, a home, and a workspace with a few files. */
function prepareDirs(options: LaunchOptions): RunDirs {
  mkdirSync(path.join(ROOT, '.e2e'), { recursive: true });
  const root = mkdtempSync(path.join(ROOT, '.e2e', 'run-'));
  const dirs = { root, userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions'), workspace: path.join(root, 'workspace'), home: path.join(root, 'home') };
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
  installCachedExtension(packageExtension(), dirs.extensions);
  return dirs;
}

/**
 * Starts the simulator, code-server with the packaged extension and headless Chromium over a fresh run folder.
 * Anything started is stopped again if a step fails.
 */
export async function startRun(options: LaunchOptions): Promise<Running> {
  exitOnSignal();
  ensureCodeServer();
  const dirs = await timed('prepare run folder', async () => prepareDirs(options));
  const started: Started = { browserPids: [] };
  const launchBrowser = async () => {
    const before = new Set(processTree(process.pid));
    started.browser = await timed('chromium', () => chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }));
    started.browserPids = processTree(process.pid).filter((pid) => !before.has(pid));
    return started.browser;
  };
  const startServer = async () => {
    // Short tasks: a test that needs a task to stay pending or running says so with [[sim:queue=…]].
    const sim = (started.sim = await startSimulator({ taskTimings: options.taskTimings ?? { pendingMs: 1000, runningMs: 2500 } }));
    started.server = await timed('code-server up', () => startCodeServer({
      userDataDir: dirs.userData, extensionsDir: dirs.extensions, folder: dirs.workspace,
      // HOME is the run's own, so key files of the machine's user are not found.
      env: { HOME: dirs.home, DASHSCOPE_STUDIO_SIMULATOR_URL: sim.origin, DASHSCOPE_API_KEY: '', ...options.env },
    }));
    return { sim, server: started.server };
  };
  try {
    // Chromium starts while code-server does: neither needs the other until the page opens.
    // Both are awaited before anything is stopped, so a failure of one cannot leave the other running.
    const [browser, server] = await Promise.allSettled([launchBrowser(), startServer()]);
    if (browser.status === 'rejected') throw browser.reason;
    if (server.status === 'rejected') throw server.reason;
    return { dirs, ...server.value, browser: browser.value, browserPids: started.browserPids };
  } catch (error) {
    await shutDown(dirs, started);
    throw error;
  }
}

/**
 * Stops whatever of a run was started, removes its folder, then checks that no process of it survived
 * (stragglers are killed and reported as an error).
 */
async function shutDown(dirs: RunDirs, started: Started): Promise<void> {
  const serverPid = started.server?.process.pid;
  const pids = [...started.browserPids, ...(serverPid ? processTree(serverPid) : [])];
  await started.browser?.close().catch(() => undefined);
  await started.server?.stop();
  await started.sim?.close();
  rmSync(dirs.root, { recursive: true, force: true });
  const stray = await eventually(() => survivors(pids, serverPid).length === 0, { timeout: 5000, interval: 100 }).then(() => [], () => survivors(pids, serverPid));
  if (stray.length > 0) {
    for (const pid of stray) process.kill(pid, 'SIGKILL');
    throw new Error(`processes left running after shutdown (killed now): ${stray.join(', ')}`);
  }
}

/** Stops the browser, code-server's whole process tree and the simulator; fails if a process survives. */
export async function stopRun(run: Running): Promise<void> {
  await shutDown(run.dirs, run);
}
