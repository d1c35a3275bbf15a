/**
 * `npm run test:desktop`: the in-host smoke suite (./suite.ts) in desktop VS Code through @vscode/test-electron.
 * Where VS Code cannot be downloaded (no internet, as on this project's CI machines) it says so and exits 0:
 * the same checks run in the unit suite's vscode double (test/unit/host-activation.test.ts).
 */
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const WORK = path.join(ROOT, '.e2e', 'desktop');

async function download(): Promise<string | Error> {
  try {
    return await downloadAndUnzipVSCode({ version: 'stable', cachePath: path.join(WORK, 'vscode'), timeout: 20_000 });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const executable = await download();
  if (executable instanceof Error) {
    console.log(`test:desktop skipped: desktop VS Code could not be downloaded here (${executable.message}).`);
    console.log('The same checks ran in the unit suite (test/unit/host-activation.test.ts).');
    return;
  }
  await esbuild.build({ entryPoints: [path.join(ROOT, 'src/extension/extension.ts')], outfile: path.join(ROOT, 'dist/extension.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  const suite = path.join(WORK, 'suite.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  const userData = mkdtempSync(path.join(WORK, 'user-data-'));
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    extensionTestsEnv: { DASHSCOPE_DESKTOP_USER_DATA: userData },
    launchArgs: [mkdtempSync(path.join(WORK, 'folder-')), '--disable-extensions', '--user-data-dir', userData, '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
