import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureDebianPackages, type CodeServerVersion } from './codeServer';

/**
 * `npm run test:e2e`: packages the extension while every code-server release the suites use installs, side by
 * side, then runs the e2e files three at a time (DASHSCOPE_E2E_CONCURRENCY). Only one file tests at a time (the
 * gate, see gate.ts): the others start their VS Code meanwhile, on the CPU the testing file leaves idle, and wait.
 * Arguments name the files to run (default: every test/e2e/*.e2e.ts).
 */
const HERE = __dirname;
const GATE_DIR = path.join(HERE, '..', '..', '.e2e', 'gate');
const RELEASES: readonly CodeServerVersion[] = ['4.100.3', '4.139.1'];

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
  // A launch takes 7–10 s of CPU, most of a small file's time: two files launch while one tests, so a short file's
  // turn does not wait for the next launch (on 2 cores: 88 tests in 462 s, against 480 s with two files and 521 s
  // with one). Two files testing at once lost a command's quick pick to a webview taking its focus back late in 3
  // CI runs of 4, hence the gate.
  const concurrency = Number(process.env.DASHSCOPE_E2E_CONCURRENCY ?? 3);
  mkdirSync(GATE_DIR, { recursive: true });
  return node(['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], {
    DASHSCOPE_E2E_VSIX: process.env.DASHSCOPE_E2E_VSIX ?? 'dist/dashscope-studio.vsix',
    DASHSCOPE_E2E_GATE: GATE_DIR,
  });
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
