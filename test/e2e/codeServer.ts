import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** code-server 4.100.3 carries VS Code 1.100 and runs on Node 20, like the extension's minimum VS Code. */
export const CODE_SERVER_VERSION = '4.100.3';
const ROOT = path.join(__dirname, '..', '..', '.e2e');
export const CODE_SERVER_DIR = path.join(ROOT, `code-server-${CODE_SERVER_VERSION}`);
const PACKAGE_DIR = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_BIN = path.join(PACKAGE_DIR, 'out', 'node', 'entry.js');
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
  if (existsSync(DONE_MARKER) && existsSync(CODE_SERVER_BIN)) return CODE_SERVER_BIN;
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR}`);
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(path.join(CODE_SERVER_DIR, 'package.json'), JSON.stringify({ name: 'e2e-code-server', private: true }));
  const npm = (cwd: string, ...args: string[]) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], cwd, { npm_config_yes: 'true' });
  npm(CODE_SERVER_DIR, 'install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts');
  const vscodeDir = path.join(PACKAGE_DIR, 'lib', 'vscode');
  npm(vscodeDir, 'install', '--omit=dev', '--ignore-scripts');
  npm(vscodeDir, 'rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid');
  if (!existsSync(path.join(vscodeDir, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'))) throw new Error('node-pty did not build');
  link('/usr/bin/rg', path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  link('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  npm(path.join(vscodeDir, 'extensions'), 'install', '--omit=dev', '--ignore-scripts');
  npm(CODE_SERVER_DIR, 'rebuild', 'argon2', '--build-from-source');
  writeFileSync(DONE_MARKER, new Date().toISOString());
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return CODE_SERVER_BIN;
}

/** Installs a VSIX into an extensions folder. */
export function installExtension(vsix: string, extensionsDir: string, userDataDir: string): void {
  execFileSync(process.execPath, [CODE_SERVER_BIN, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], { stdio: 'pipe' });
}

if (require.main === module) ensureCodeServer();
