import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { Simulator } from '../simulator';
import { assertNoKeyLeaks, browserStorageText, extensionLogs, RESULTS, saveArtifacts, saveScreenshot, userDataFiles } from './artifacts';
import { startRun, stopRun, type LaunchOptions, type RunDirs, type Running } from './launch';
import { clearNotifications, clickNotificationButton, notification, notificationMessages, notificationSeverity } from './notifications';
import { answerInput, answerOpenDialog, openFile, pick, quickPickLabels, quickPickRows, runCommand, type RunCommandOptions } from './quickInput';
import { enterGate, launchTurn, yieldWhileWaiting, type LeaveGate } from './gate';
import { editorText, openDashScopeView, reloadWindow, statusItem, statusText, tasksWelcome, waitForStatus, waitForWorkbench, webviewFrame } from './workbench';
import { saveScreenshotTo } from './workspace';
import { timed } from './stepTimes';

export type { LaunchOptions } from './launch';

/**
 * A real VS Code (code-server) with the packaged extension, talking to a simulator, in headless Chromium: one
 * window of a run. The methods are the workbench actions the tests use; each lives in the module of its
 * concern (quickInput, notifications, workbench, artifacts, launch).
 */
export class VsCode {
  /** Set on the window `launch` opened, once it holds the e2e gate. */
  private leaveGate?: LeaveGate;

  private constructor(
    readonly page: Page,
    private readonly run: Running,
  ) {}

  get sim(): Simulator {
    return this.run.sim;
  }

  get dirs(): RunDirs {
    return this.run.dirs;
  }

  /**
   * Starts a fresh run (see `startRun`) and opens its workspace in a browser window. Under the e2e gate (see gate.ts)
   * it launches in its turn, at low priority while another file tests, then waits until no other file is testing.
   */
  static async launch(options: LaunchOptions = {}): Promise<VsCode> {
    const turn = await timed('wait for a launch turn', launchTurn);
    const run = await startRun(options).catch((error: unknown) => {
      turn.end();
      throw error;
    });
    const roots = [run.server.process.pid!, ...run.browserPids];
    if (turn.waiting) yieldWhileWaiting(roots);
    // A context of its own: `openWindow` opens more windows in it, sharing its storage (and so the key).
    const page = await (await run.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    try {
      const code = await VsCode.open(page, run);
      turn.end();
      code.leaveGate = await timed('wait for the other files\' tests', () => enterGate(roots));
      return code;
    } catch (error) {
      turn.end();
      await saveScreenshotTo(page, path.join(RESULTS, 'launch-failure'));
      await stopRun(run);
      throw error;
    }
  }

  private static async open(page: Page, run: Running): Promise<VsCode> {
    // Not until "load" (every font and icon): the workbench drawn is what the tests wait for.
    await timed('page load', () => page.goto(`${run.server.url}/?folder=${encodeURIComponent(run.dirs.workspace)}`, { waitUntil: 'domcontentloaded' }));
    await timed('workbench', () => waitForWorkbench(page));
    return new VsCode(page, run);
  }

  /**
   * Another browser window on the same code-server, profile and browser storage (so the same key): VS Code
   * gives it an extension host of its own over the same global storage, as a second desktop window does.
   */
  async openWindow(): Promise<VsCode> {
    return VsCode.open(await this.page.context().newPage(), this.run);
  }

  /** Closes a window opened with `openWindow` (its extension host ends; the rest of the run goes on). */
  async closeWindow(): Promise<void> {
    await this.page.close({ runBeforeUnload: true });
  }

  /** Stops the browser, code-server's whole process tree and the simulator; fails if a process survives. */
  async close(): Promise<void> {
    this.leaveGate?.();
    await stopRun(this.run);
  }

  runCommand = (title: string, options?: RunCommandOptions) => runCommand(this.page, title, options);
  answerInput = (text: string) => answerInput(this.page, text);
  answerOpenDialog = (file: string) => answerOpenDialog(this.page, file);
  pick = (label: string | RegExp) => pick(this.page, label);
  quickPickRows = (): Locator => quickPickRows(this.page);
  quickPickLabels = () => quickPickLabels(this.page);
  openFile = (relativePath: string) => openFile(this.page, relativePath);

  notification = (message: string | RegExp, timeout?: number) => notification(this.page, message, timeout);
  clickNotificationButton = (message: string | RegExp, button: string) => clickNotificationButton(this.page, message, button);
  notificationSeverity = (item: Locator) => notificationSeverity(item);
  clearNotifications = () => clearNotifications(this.page);
  notificationMessages = () => notificationMessages(this.page);

  statusItem = (): Locator => statusItem(this.page);
  statusText = () => statusText(this.page);
  waitForStatus = (pattern: RegExp) => waitForStatus(this.page, pattern);
  webviewFrame = (selector: string, timeout?: number): Promise<Frame> => webviewFrame(this.page, selector, timeout);
  reload = () => reloadWindow(this.page);
  openDashScopeView = () => openDashScopeView(this.page);
  tasksWelcome = () => tasksWelcome(this.page);
  editorText = () => editorText(this.page);

  browserStorageText = () => browserStorageText(this.page);
  userDataFiles = () => userDataFiles(this.dirs.userData);
  extensionLogs = () => extensionLogs(this.dirs.userData);
  assertNoKeyLeaks = (keys: readonly string[]) => assertNoKeyLeaks(this.page, this.sim, this.dirs.userData, keys);
  saveScreenshot = (name: string) => saveScreenshot(this.page, name);
  saveArtifacts = (name: string) => saveArtifacts(this.page, this.dirs.userData, name);
}
