import { after, before, it } from 'node:test';
import { VsCode, type LaunchOptions } from './harness';

/**
 * One code-server per file; tests in it run in order against it. A failing test leaves a screenshot and
 * the extension log in test-results/<test name>/.
 */
export function e2eSuite(options: LaunchOptions = {}): { vscode: () => VsCode; test: (name: string, body: (vscode: VsCode) => Promise<void>) => void } {
  let vscode: VsCode | undefined;
  before(async () => {
    vscode = await VsCode.launch(options);
  }, { timeout: 600_000 });
  after(async () => {
    await vscode?.close();
  });
  return {
    vscode: () => vscode!,
    test: (name, body) =>
      it(name, { timeout: 120_000 }, async () => {
        try {
          await body(vscode!);
        } catch (error) {
          await vscode?.saveArtifacts(name);
          throw error;
        }
      }),
  };
}
