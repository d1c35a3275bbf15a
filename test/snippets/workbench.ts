import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { SnippetLanguage } from '../../src/snippets/model';

/** File extension of each snippet language. */
export const EXTENSIONS: Readonly<Record<SnippetLanguage, string>> = { curl: 'sh', typescript: 'ts', javascript: 'js', python: 'py' };

/** Debian's python3 carries python3-requests (a pyenv python on PATH may not). */
export const PYTHON = '/usr/bin/python3';
export const DEBIAN_SNIPPET_PACKAGES = ['python3-requests', 'curl', 'openssl', 'jq'];

const root = path.join(__dirname, '..', '..');
const TSC = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs a command with a timeout, collecting its output. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * The command that runs a snippet file. TypeScript runs on plain Node once its types are stripped
 * (tsc has already checked it), which starts far faster than a TypeScript loader.
 */
export function runner(language: SnippetLanguage, file: string): [string, string[]] {
  switch (language) {
    case 'curl':
      return ['bash', [file]];
    case 'typescript': {
      const output = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
      const stripped = file.replace(/\.ts$/, '.mjs');
      writeFileSync(stripped, output);
      return [process.execPath, [stripped]];
    }
    case 'javascript':
      return [process.execPath, [file]];
    case 'python':
      return [PYTHON, [file]];
  }
}

/**
 * Checks files without running them: one `tsc --noEmit` over every TypeScript file (strict, each file a
 * module), `node --check`, `python3 -m py_compile` and `bash -n`. Returns the failures.
 */
export async function checkAll(dir: string, files: readonly { language: SnippetLanguage; file: string }[]): Promise<string[]> {
  const failures: string[] = [];
  const of = (language: SnippetLanguage) => files.filter((entry) => entry.language === language).map((entry) => entry.file);
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', moduleDetection: 'force', lib: ['ES2022'], types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')], strict: true, noUncheckedIndexedAccess: true, noUnusedLocals: true, noEmit: true, skipLibCheck: true,
    },
    files: of('typescript'),
  }));
  const checks: Promise<void>[] = [
    run(process.execPath, [TSC, '-p', dir], { cwd: dir, timeoutMs: 60_000 }).then((r) => void (r.code !== 0 && failures.push(`tsc:\n${r.stdout}${r.stderr}`))),
    run(PYTHON, ['-m', 'py_compile', ...of('python')], { cwd: dir }).then((r) => void (r.code !== 0 && failures.push(`py_compile:\n${r.stderr}`))),
    ...of('curl').map((file) => run('bash', ['-n', file], { cwd: dir }).then((r) => void (r.code !== 0 && failures.push(`bash -n ${file}:\n${r.stderr}`)))),
    ...of('javascript').map((file) => run(process.execPath, ['--check', file], { cwd: dir }).then((r) => void (r.code !== 0 && failures.push(`node --check ${file}:\n${r.stderr}`)))),
  ];
  await Promise.all(checks);
  return failures;
}

/** Small stand-in input files the snippets upload (the simulator stores whatever bytes arrive). */
export function writeInputFiles(dir: string, names: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const name of names) writeFileSync(path.join(dir, name), Buffer.from(`stand-in for ${name}\n`));
}

/** Runs `jobs` with at most `size` at a time. */
export async function pool<T>(size: number, jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  }));
  return results;
}
