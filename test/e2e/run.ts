import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDebianPackages, type CodeServerVersion } from './codeServer';

/**
 * `npm run test:e2e`: packages the extension while every code-server release the suites use installs, side by
 * side, then runs the e2e files, one per two cores (DASHSCOPE_E2E_CONCURRENCY), the longest first so that no lane
 * is left with a long file at the end. Arguments name the files to run (default: every test/e2e/*.e2e.ts).
 */
const HERE = __dirname;
const RELEASES: readonly CodeServerVersion[] = ['4.100.3', '4.139.1'];
/** Files that take longest (a minute or more), started first; the rest follow in name order. */
const LONGEST_FIRST = ['screens', 'media', 'lm', 'chat', 'tasks', 'windows', 'outage', 'apps'];

function order(files: readonly string[]): string[] {
  const rank = (file: string) => {
    const index = LONGEST_FIRST.indexOf(path.basename(file, '.e2e.ts'));
    return index < 0 ? LONGEST_FIRST.length : index;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Runs a child, its output prefixed with `label` when given; resolves with its exit code. */
function child(command: string, args: readonly string[], env: NodeJS.ProcessEnv, label?: string): Promise<number> {
  const spawned = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', label ? 'pipe' : 'inherit', label ? 'pipe' : 'inherit'] });
  if (label) {
    for (const stream of [spawned.stdout, spawned.stderr]) {
      let partial = '';
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) console.log(`[${label}] ${line}`);
      }).on('end', () => partial && console.log(`[${label}] ${partial}`));
    }
  }
  return new Promise((resolve, reject) => {
    spawned.on('error', reject);
    spawned.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const node = (args: readonly string[], env: NodeJS.ProcessEnv, label?: string) => child(process.execPath, ['--import', 'tsx', ...args], env, label);

async function main(): Promise<number> {
  ensureDebianPackages();
  const prepared = await Promise.all([
    child('npm', ['run', 'package', '--silent'], {}, 'package'),
    ...RELEASES.map((version) => node([path.join(HERE, 'codeServer.ts')], { DASHSCOPE_E2E_CODE_SERVER: version }, version)),
  ]);
  if (prepared.some((code) => code !== 0)) {
    console.error('packaging the extension or installing code-server failed (see above)');
    return 1;
  }
  const named = process.argv.slice(2);
  const files = named.length > 0 ? named : readdirSync(HERE).filter((name) => name.endsWith('.e2e.ts')).map((name) => path.join('test', 'e2e', name));
  // One file per two cores: with two files on this project's 2-core CI machines, a webview given its focus back late
  // closed a command's quick pick in 3 runs of 4 (88/88 took 400–429 s instead of about 590 s when it passed).
  const concurrency = Number(process.env.DASHSCOPE_E2E_CONCURRENCY ?? Math.max(1, Math.floor(os.availableParallelism() / 2)));
  return node(['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...order(files)], { DASHSCOPE_E2E_VSIX: process.env.DASHSCOPE_E2E_VSIX ?? 'dist/dashscope-studio.vsix' });
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
