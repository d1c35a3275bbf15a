import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { DashScopeError, type DashScopeClient, type ImageRequest, type ImageResult, type TaskInfo, type VideoRequest } from '../../dashscope';
import { concurrencyLimit } from '../concurrencyLimit';
import { Disposable } from '../disposable';
import { regionLabel } from '../endpoint';
import { describeError } from '../errors';
import type { Services } from '../services';
import { REGION_SETTINGS, type RegionSetting } from '../settings';
import { DownloadError, downloadResult } from './download';
import { PollScheduler, type CheckOutcome } from './pollScheduler';
import { label } from './taskLabel';
import { resultUrls } from './taskResults';
import { TaskStore } from './taskStore';
import { isActive, isResubmittable, type TrackedStatus, type TrackedTask } from './trackedTask';
import { taskChanges, tasksToPoll } from './taskUpdate';

/** Requests per second the Tasks view allows itself; DashScope allows 20 task queries per second per account. */
const MAX_CHECKS_PER_SECOND = 5;
/** Results saved at the same time (an import can finish hundreds of tasks at once). */
const PARALLEL_DOWNLOADS = 3;

const BILLING_PAGES = { cn: 'https://usercenter2.aliyun.com/finance/fund-management/overview', intl: 'https://usercenter2-intl.aliyun.com/billing' } as const;

/** Tracks async tasks: persists them, polls them with one scheduler, downloads results as soon as they exist. */
export class TaskTracker extends Disposable {
  readonly store: TaskStore;
  private readonly scheduler: PollScheduler;
  private readonly downloads = new Map<string, Promise<void>>();
  private readonly downloadSlot = concurrencyLimit(PARALLEL_DOWNLOADS);
  /** Regions with a key: their tasks are polled, whichever region is selected. */
  private keyedRegions = new Set<RegionSetting>();
  /** Tasks imported in bulk: their results are saved without a notification each. */
  private readonly quiet = new Set<string>();

  constructor(private readonly services: Services) {
    super();
    const file = vscode.Uri.joinPath(services.context.globalStorageUri, 'tasks.json').fsPath;
    this.store = new TaskStore({
      load: async () => JSON.parse(await fs.readFile(file, 'utf8').catch(() => 'null')),
      save: async (data) => {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(`${file}.tmp`, JSON.stringify(data));
        await fs.rename(`${file}.tmp`, file);
      },
    });
    const settings = () => services.connection.settings;
    this.scheduler = new PollScheduler(
      { now: Date.now, setTimer: (callback, ms) => setTimeout(callback, ms), clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout) },
      {
        get minIntervalMs() {
          return settings().pollMinSeconds * 1000;
        },
        get maxIntervalMs() {
          return settings().pollMaxSeconds * 1000;
        },
        maxPerSecond: MAX_CHECKS_PER_SECOND,
        typicalDuration: (model) => this.store.typicalDuration(model),
      },
      (taskId) => this.check(taskId),
    );
    this._register({ dispose: () => this.scheduler.dispose() });
    this.scheduler.setFocused(vscode.window.state.focused);
    this._register(vscode.window.onDidChangeWindowState((state) => this.scheduler.setFocused(state.focused)));
    this._register(services.connection.onDidChange(() => void this.refreshKeyedRegions()));
  }

  async initialize(): Promise<void> {
    await this.store.load();
    await this.refreshKeyedRegions();
    for (const task of this.store.all()) {
      if (task.status === 'SUCCEEDED' && task.localFiles.length === 0 && !task.downloadError) void this.download(task);
    }
  }

  private async refreshKeyedRegions(): Promise<void> {
    const keyed = await Promise.all(REGION_SETTINGS.map(async (region) => ((await this.services.keys.get(region)) === undefined ? undefined : region)));
    this.keyedRegions = new Set(keyed.filter((region) => region !== undefined));
    this.sync();
  }

  /** Polls the active tasks of every region that has a key, and only those. */
  private sync(): void {
    const wanted = new Set(tasksToPoll(this.store.all(), this.keyedRegions).map((task) => task.taskId));
    for (const task of this.store.all()) {
      if (wanted.has(task.taskId) && !this.scheduler.has(task.taskId)) this.scheduler.track(task.taskId, task.model, task.submitTime ?? task.createdAt, Date.now());
      else if (!wanted.has(task.taskId) && this.scheduler.has(task.taskId)) this.scheduler.untrack(task.taskId);
    }
  }

  /** A client for the selected region, for new work. */
  private async client(): Promise<DashScopeClient> {
    const client = await this.services.connection.client();
    if (!client) throw new Error(l10n.t('Set an API key for this region first.'));
    return client;
  }

  /**
   * A client for the region a task belongs to (its id means nothing elsewhere). It makes one attempt per
   * check: the scheduler paces and retries, so transport retries would only break its rate limit.
   */
  private async clientForTask(task: TrackedTask): Promise<DashScopeClient | undefined> {
    const key = await this.services.keys.get(task.region);
    return key === undefined ? undefined : this.services.connection.clientFor(key, task.region, { maxAttempts: 1 });
  }

  /** Submits a video task and tracks it at once. */
  async submitVideo(request: VideoRequest): Promise<TrackedTask> {
    const client = await this.client();
    const submitted = await client.video.submit(request);
    return this.track({
      taskId: submitted.taskId,
      kind: 'video',
      model: request.model,
      prompt: request.prompt ?? '',
      request: { ...request },
      status: submitted.status === 'UNKNOWN' ? 'PENDING' : (submitted.status as TrackedStatus),
    });
  }

  /** Submits an image request; an async model's task is tracked, a sync model's images are returned at once. */
  async submitImage(request: ImageRequest): Promise<TrackedTask | ImageResult> {
    const submission = await (await this.client()).images.generate(request);
    if (submission.kind === 'completed') return submission.result;
    return this.track({ taskId: submission.taskId, kind: 'image', model: request.model, prompt: request.prompt ?? '', request: { ...request }, status: 'PENDING' });
  }

  /**
   * Starts tracking a task (submitted here, by a panel, or found on the server). Quiet tasks (bulk
   * imports) save their results without a notification each.
   */
  track(task: Pick<TrackedTask, 'taskId' | 'kind' | 'model' | 'prompt' | 'status'> & Partial<TrackedTask>, options: { quiet?: boolean } = {}): TrackedTask {
    if (options.quiet) this.quiet.add(task.taskId);
    const tracked: TrackedTask = {
      region: this.services.connection.settings.region,
      createdAt: Date.now(),
      resultUrls: [],
      localFiles: [],
      ...task,
    };
    this.store.upsert(tracked);
    this.sync();
    this.scheduler.refreshNow([tracked.taskId]);
    return tracked;
  }

  /** Fetches a task by id and tracks it; an unknown or expired id is an error that says so. */
  async trackById(taskId: string): Promise<TrackedTask> {
    const info = await (await this.client()).tasks.get(taskId);
    if (info.status === 'UNKNOWN') throw new Error(l10n.t('DashScope does not know task {0} in this region: the id is wrong, belongs to another region, or expired (tasks are kept about 24 hours).', taskId));
    const tracked = this.track({
      taskId,
      kind: info.videoUrl ? 'video' : resultUrls(info).length > 0 ? 'image' : 'other',
      model: l10n.t('unknown model'),
      prompt: '',
      status: 'PENDING',
      createdAt: info.submitTime ?? Date.now(),
    });
    this.apply(tracked, info);
    return this.store.get(taskId)!;
  }

  refresh(taskIds?: readonly string[]): void {
    this.sync();
    this.scheduler.refreshNow(taskIds);
  }

  async cancel(task: TrackedTask): Promise<void> {
    const client = await this.clientForTask(task);
    if (!client) throw new Error(l10n.t('Set an API key for this region first.'));
    await client.tasks.cancel(task.taskId);
    this.refresh([task.taskId]);
  }

  remove(taskIds: readonly string[]): void {
    for (const id of taskIds) {
      this.scheduler.untrack(id);
      this.quiet.delete(id);
    }
    this.store.remove(taskIds);
  }

  /** One status check, for the scheduler. */
  private async check(taskId: string): Promise<CheckOutcome> {
    const task = this.store.get(taskId);
    if (!task || !isActive(task)) return { kind: 'done' };
    try {
      // Without a key for its region the task waits: `sync` tracks it again when a key is set.
      const client = await this.clientForTask(task);
      if (!client) return { kind: 'done' };
      const info = await client.tasks.get(taskId);
      const updated = this.apply(task, info);
      return isActive(updated) ? { kind: 'active' } : { kind: 'done' };
    } catch (error) {
      if (error instanceof DashScopeError && error.status === 429) return { kind: 'throttled', retryAfterMs: (error.retryAfterSeconds ?? 2) * 1000 };
      if (error instanceof DashScopeError && error.status === 401) return this.pauseRefusedRegion(task.region);
      this.services.log.warn(`Task ${taskId}: status check failed: ${describeError(error)}`);
      return { kind: 'failed' };
    }
  }

  /**
   * A refused key fails every check of its region alike: stop polling that region (one warning, not one
   * per task) until its key changes, which `refreshKeyedRegions` picks up.
   */
  private pauseRefusedRegion(region: RegionSetting): CheckOutcome {
    if (!this.keyedRegions.delete(region)) return { kind: 'done' };
    this.services.log.warn(`Tasks: the API key of region ${region} was refused (401); polling its tasks is paused until the key changes.`);
    queueMicrotask(() => this.sync());
    const setKey = l10n.t('Set API Key');
    void vscode.window
      .showWarningMessage(l10n.t('DashScope refused the API key of {0}, so its tasks are no longer checked. Set a valid key to resume.', regionLabel(region)), setKey)
      .then((choice) => choice === setKey && vscode.commands.executeCommand('dashscope.setApiKey'));
    return { kind: 'done' };
  }

  private apply(task: TrackedTask, info: TaskInfo): TrackedTask {
    const changes = taskChanges(task, info);
    const updated = this.store.update(task.taskId, changes)!;
    if (task.status !== changes.status) {
      this.services.log.info(`Task ${task.taskId} (${task.model}): ${task.status} → ${changes.status}`);
      const announce = !this.quiet.has(task.taskId);
      if (changes.status === 'SUCCEEDED') void this.download(updated, announce);
      if (changes.status === 'FAILED' && announce) void this.notifyFailure(updated);
    }
    if (!isActive(updated)) this.quiet.delete(task.taskId);
    return updated;
  }

  /** `downloadFolder` when absolute, or relative to the first workspace folder; else the extension's global storage. */
  resultsFolder(): string {
    const fallback = vscode.Uri.joinPath(this.services.context.globalStorageUri, 'results').fsPath;
    const configured = this.services.connection.settings.downloadFolder;
    if (!configured) return fallback;
    const expanded = configured.startsWith('~') ? path.join(os.homedir(), configured.slice(1)) : configured;
    if (path.isAbsolute(expanded)) return path.resolve(expanded);
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return workspace === undefined ? fallback : path.join(workspace, expanded);
  }

  /** Saves the images of a synchronous image request at once (their URLs expire); returns the files. */
  async saveImages(result: ImageResult): Promise<string[]> {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const id = (result.requestId ?? crypto.randomUUID()).slice(0, 8);
    const files: string[] = [];
    for (const [index, image] of result.images.entries()) {
      const name = `image-${stamp}-${id}${result.images.length > 1 ? `-${index + 1}` : ''}`;
      files.push(await downloadResult(image.url, { folder: this.resultsFolder(), name }));
    }
    this.services.log.info(`Image request ${result.requestId ?? '?'}: saved ${files.length} file(s) to ${this.resultsFolder()}`);
    return files;
  }

  /** Downloads a succeeded task's results at once, because their URLs expire; announces them unless told not to. */
  download(task: TrackedTask, announce = true): Promise<void> {
    const running = this.downloads.get(task.taskId);
    if (running) return running;
    const work = this.downloadSlot(() => Promise.resolve(vscode.window.withProgress(
      { location: announce ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, title: l10n.t('Saving the result of "{0}"', label(task)) },
      async (progress) => {
        const files: string[] = [];
        const stamp = new Date(task.endTime ?? Date.now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
        for (const [index, url] of task.resultUrls.entries()) {
          const name = `${task.kind}-${stamp}-${task.taskId.slice(0, 8)}${task.resultUrls.length > 1 ? `-${index + 1}` : ''}`;
          let reported = 0;
          const file = await downloadResult(url, { folder: this.resultsFolder(), name }, {
            onProgress: (received, total) => {
              if (!total) return;
              const percent = Math.floor((received / total) * 100);
              progress.report({ increment: percent - reported });
              reported = percent;
            },
          });
          files.push(file);
        }
        return files;
      },
    ))).then(async (files) => {
      this.store.update(task.taskId, { localFiles: files, downloadError: undefined });
      this.services.log.info(`Task ${task.taskId}: saved ${files.length} file(s) to ${this.resultsFolder()}`);
      if (!announce) return;
      const open = l10n.t('Open');
      const reveal = l10n.t('Reveal in File Explorer');
      const choice = await vscode.window.showInformationMessage(l10n.t('"{0}" is ready.', label(task)), open, reveal);
      if (choice === open && files[0]) await vscode.commands.executeCommand('dashscope.tasks.openResult', { task: this.store.get(task.taskId) });
      if (choice === reveal && files[0]) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(files[0]));
    }, (error: unknown) => {
      const message = error instanceof DownloadError ? error.message : describeError(error);
      this.store.update(task.taskId, { downloadError: message });
      this.services.log.error(`Task ${task.taskId}: download failed`, error);
      if (announce) void vscode.window.showErrorMessage(l10n.t('The result of "{0}" could not be saved: {1}', label(task), message));
    }).finally(() => this.downloads.delete(task.taskId));
    this.downloads.set(task.taskId, work);
    return work;
  }

  private async notifyFailure(task: TrackedTask): Promise<void> {
    const text = l10n.t('"{0}" failed: {1} ({2})', label(task), task.message ?? l10n.t('no message'), task.code ?? '?');
    if (task.code === 'DataInspectionFailed' && isResubmittable(task)) {
      const edit = l10n.t('Edit and Resubmit');
      if ((await vscode.window.showErrorMessage(text, edit)) === edit) await this.editAndResubmit(task);
    } else if (task.code === 'Arrearage') {
      const billing = l10n.t('Open Billing');
      if ((await vscode.window.showErrorMessage(text, billing)) === billing) {
        await vscode.env.openExternal(vscode.Uri.parse(task.region === 'cn' ? BILLING_PAGES.cn : BILLING_PAGES.intl));
      }
    } else {
      void vscode.window.showErrorMessage(text);
    }
  }

  /** Resubmits a task's request, optionally with a new prompt. Only tasks submitted here carry their request. */
  async resubmit(task: TrackedTask, prompt?: string): Promise<TrackedTask> {
    if (!isResubmittable(task)) throw new Error(l10n.t('This task was not submitted from VS Code, so its parameters are unknown.'));
    const request = { ...task.request, ...(prompt === undefined ? {} : { prompt }) };
    if (task.kind === 'video') return this.submitVideo(request as unknown as VideoRequest);
    const submitted = await this.submitImage(request as unknown as ImageRequest);
    // An async image model answers with a task; only a model that changed family could answer directly.
    if (!('taskId' in submitted)) throw new Error(l10n.t('{0} answered with images instead of a task, so there is nothing to track.', task.model));
    return submitted;
  }

  async editAndResubmit(task: TrackedTask): Promise<void> {
    const prompt = await vscode.window.showInputBox({ title: l10n.t('Edit the prompt and resubmit'), value: task.prompt, ignoreFocusOut: true });
    if (prompt) await this.resubmit(task, prompt);
  }
}
