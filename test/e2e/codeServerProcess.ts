import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { CODE_SERVER_BIN, CODE_SERVER_NODE } from './codeServer';
import { eventually } from './eventually';
import { killOnExit, stoppedGroup, survivors } from './processes';

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
  // Built-in features no test uses, which would scan the workspace at every start.
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
};

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

export interface CodeServerProcess {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
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
  const exited = () => child.exitCode !== null;
  await eventually(async () => exited() || (await fetch(`${url}/healthz`)).ok, { timeout: 60_000, interval: 100, message: 'code-server did not start within 60 s' });
  if (exited()) throw new Error(`code-server exited with ${child.exitCode}`);
  return { url, process: child, stop: () => stopGroup(child) };
}

/** SIGTERM lets code-server shut its extension host down; whatever of its group is left after 5 s is killed. */
async function stopGroup(child: ChildProcess): Promise<void> {
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
  signal('SIGTERM');
  await eventually(() => !groupAlive(), { timeout: 5000, interval: 100 }).catch(() => signal('SIGKILL'));
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
  stoppedGroup(pgid);
}
