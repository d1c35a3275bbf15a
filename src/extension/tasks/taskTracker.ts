import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { DashScopeClient, ImageRequest, ImageResult, TaskInfo, TaskSummary, VideoRequest } from '../../dashscope';
import { Disposable } from '../disposable';
import { watchFolder } from '../folderWatcher';
import { missingKeyMessage } from '../connection';
import type { Services } from '../services';
import type { WindowPresence } from '../windowPresence';
import type { ConnectionHealth } from '../connectionState';
import { ResultSaver } from './resultSaver';
import { taskFiles } from './taskFiles';
import { TaskNotifications } from './taskNotifications';
import { TaskPolling } from './taskPolling';
import { isOutcomeUnknown, reconcileSubmit } from './submitReconciler';
import { resultUrls } from './taskResults';
import { TaskStore } from './taskStore';
import { isActive, isResubmittable, taskTarget, type TrackedStatus, type TrackedTask } from './trackedTask';
import { isMine, taskChanges } from './taskUpdate';

/**
 * Tracks async tasks: keeps them in a store every window shares, polls the ones this window owns, and
 * saves results as soon as they exist.
 */
export class TaskTracker extends Disposable {
  readonly store: TaskStore;
  private readonly polling: TaskPolling;
  private readonly saver: ResultSaver;
  private readonly notifications: TaskNotifications;
  /** Tasks imported in bulk: their results are saved without a notification each. */
  private readonly quiet = new Set<string>();
  private readonly folder: vscode.Uri;

  constructor(private readonly services: Services, private readonly windows: WindowPresence, readonly health: ConnectionHealth) {
    super();
    const storage = services.context.globalStorageUri;
    this.folder = vscode.Uri.joinPath(storage, 'tasks');
    this.notifications = new TaskNotifications(services.log, (task) => this.editAndResubmit(task));
    this.store = new TaskStore(taskFiles(this.folder.fsPath, vscode.Uri.joinPath(storage, 'tasks.json').fsPath, vscode.Uri.joinPath(storage, 'task-durations.json').fsPath), {
      onSaveProblem: (error) => error !== undefined && this.notifications.saveProblem(error),
    });
    this.saver = new ResultSaver(services, this.store, this.notifications);
    this.polling = this._register(new TaskPolling(services, this.store, windows, health, {
      answered: (task, info) => this.apply(task, info),
      saveResults: (tasks) => tasks.forEach((task) => void this.saver.download(task, false)),
      keyRefused: (region) => this.notifications.keyRefused(region),
    }));
    this._register(windows.onDidChange(() => this.polling.sync()));
  }

  /** Loads the tasks, resumes polling, and follows what other windows change. */
  async initialize(): Promise<void> {
    await this.store.load();
    await this.polling.refreshKeyedRegions();
    this._register(watchFolder(this.folder.fsPath, (change) => void this.store.reload(change).then(() => this.polling.sync())));
  }

  /** A client for the selected region, for new work. */
  private client(): Promise<DashScopeClient> {
    return this.services.connection.requireClient();
  }

  /** Submits a video task and tracks it at once. */
  async submitVideo(request: VideoRequest): Promise<TrackedTask> {
    const client = await this.client();
    const sentAt = Date.now();
    const submitted = await client.video.submit(request).catch((error: unknown) => this.reconcile(client, error, request.model, sentAt));
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
    const client = await this.client();
    const sentAt = Date.now();
    const submission = await client.images.generate(request).catch(async (error: unknown) => ({ kind: 'task' as const, ...(await this.reconcile(client, error, request.model, sentAt)) }));
    if (submission.kind === 'completed') return submission.result;
    return this.track({ taskId: submission.taskId, kind: 'image', model: request.model, prompt: request.prompt ?? '', request: { ...request }, status: 'PENDING' });
  }

  /**
   * After a submit whose answer was lost (the connection dropped after the body was sent), finds the task
   * it created at once instead of leaving it untracked; any other error is passed on.
   */
  private async reconcile(client: DashScopeClient, error: unknown, model: string, sentAt: number): Promise<{ taskId: string; status: TaskSummary['status'] }> {
    if (!isOutcomeUnknown(error)) throw error;
    this.services.log.warn(`Tasks: ${error.message} Looking for the task in the task list.`);
    const found = await reconcileSubmit(client, {
      model,
      sentAt,
      known: (taskId) => this.store.get(taskId) !== undefined,
      choose: async (candidates) => (await vscode.window.showQuickPick(
        candidates.map((task) => ({ label: task.taskId, description: `${task.status} · ${new Date(task.createdAt ?? sentAt).toLocaleTimeString()}`, task })),
        { title: l10n.t('The answer to the submit was lost: which of these recent {0} tasks is yours?', model), ignoreFocusOut: true },
      ))?.task,
    });
    this.services.log.info(`Tasks: the submit of ${model} created task ${found.taskId}; tracking it.`);
    return found;
  }

  /**
   * Starts tracking a task (submitted here, by a panel, or found on the server) as this window's. Quiet
   * tasks (bulk imports) save their results without a notification each.
   */
  track(task: Pick<TrackedTask, 'taskId' | 'kind' | 'model' | 'prompt' | 'status'> & Partial<TrackedTask>, options: { quiet?: boolean } = {}): TrackedTask {
    if (options.quiet) this.quiet.add(task.taskId);
    const { plan, region, workspaceId } = this.services.connection.settings;
    const tracked: TrackedTask = {
      region,
      ...(plan === 'workspace' && workspaceId !== undefined ? { workspaceId } : {}),
      createdAt: Date.now(),
      resultUrls: [],
      localFiles: [],
      ...task,
      owner: this.windows.id,
    };
    this.store.upsert(tracked);
    this.polling.refresh([tracked.taskId]);
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
    this.polling.refresh(taskIds);
  }

  async cancel(task: TrackedTask): Promise<void> {
    const client = await this.polling.clientForTask(task);
    if (!client) throw new Error(missingKeyMessage(taskTarget(task).plan, task.region));
    await client.tasks.cancel(task.taskId);
    this.refresh([task.taskId]);
  }

  remove(taskIds: readonly string[]): void {
    for (const id of taskIds) {
      this.polling.untrack(id);
      this.quiet.delete(id);
    }
    this.store.remove(taskIds);
  }

  private apply(task: TrackedTask, info: TaskInfo): TrackedTask {
    const changes = taskChanges(task, info);
    const updated = this.store.update(task.taskId, changes)!;
    if (task.status !== changes.status) {
      this.services.log.info(`Task ${task.taskId} (${task.model}): ${task.status} → ${changes.status}`);
      const announce = !this.quiet.has(task.taskId);
      if (changes.status === 'SUCCEEDED') void this.saver.download(updated, announce);
      if (changes.status === 'FAILED' && announce) void this.notifications.taskFailed(updated);
    }
    if (!isActive(updated)) this.quiet.delete(task.taskId);
    return updated;
  }

  /** Whether this window follows the task and saves its result (its owner is this window or gone). */
  ownsTask(task: TrackedTask): boolean {
    return isMine(task, this.windows);
  }

  /** Makes this window the task's owner (its owner is gone), so one window only finishes what its result needs. */
  claim(task: TrackedTask): void {
    if (task.owner !== this.windows.id) this.store.update(task.taskId, { owner: this.windows.id });
  }

  resultsFolder(): string {
    return this.saver.resultsFolder();
  }

  saveImages(result: ImageResult): Promise<string[]> {
    return this.saver.saveImages(result);
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
