import { after, before, it } from 'node:test';
import { VsCode, type LaunchOptions } from './harness';
import { logStep, timed, timedWindow } from './stepTimes';

/**
 * What an e2e file's run waits on tasks: done 0.8 s after submit, seen at the extension's first check, 1 s
 * after submit (its fastest pace; at most 5 s apart). A test that needs a task to stay pending or running queues it
 * with [[sim:queue=…]] and ends the wait with `sim.startQueued` once it has seen what it checks.
 */
const FAST_TASKS = { taskTimings: { pendingMs: 200, runningMs: 600 }, settings: { 'dashscope.tasks.pollMinSeconds': 1, 'dashscope.tasks.pollMaxSeconds': 5 } };

/**
 * One code-server per file; tests in it run in order against it. A failing test leaves a screenshot and
 * the extension log in test-results/<test name>/.
 */
export function e2eSuite(options: LaunchOptions = {}): { vscode: () => VsCode; test: (name: string, body: (vscode: VsCode) => Promise<void>) => void } {
  let vscode: VsCode | undefined;
  before(async () => {
    vscode = await timed('launch', () => VsCode.launch({ ...FAST_TASKS, ...options, settings: { ...FAST_TASKS.settings, ...options.settings } }));
  }, { timeout: 600_000 });
  after(async () => {
    await timed('close', async () => vscode?.close());
  });
  return {
    vscode: () => vscode!,
    test: (name, body) =>
      it(name, { timeout: 120_000 }, async () => {
        const started = Date.now();
        try {
          await body(timedWindow(vscode!));
        } catch (error) {
          await vscode?.saveArtifacts(name);
          throw error;
        } finally {
          logStep(`test: ${name}`, started);
        }
      }),
  };
}
