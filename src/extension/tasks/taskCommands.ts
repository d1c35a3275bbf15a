import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { DashScopeError, IMAGE_MODELS, VIDEO_MODELS, type TaskStatus } from '../../dashscope';
import { registerCommand } from '../command';
import { Commands, focusCommand, Views, ViewTypes } from '../ids';
import { planServes } from '../keys/planLimits';
import { previewable } from '../preview/mediaPreview';
import { saveCopyAs } from '../saveCopy';
import type { Services } from '../services';
import { pickTask as pickTrackedTask, type TaskTarget } from './pickTask';
import { label } from './taskLabel';
import type { TaskTracker } from './taskTracker';
import { isActive, isResubmittable, TASK_ID_SHAPE, type TrackedTask } from './trackedTask';

type Target = TaskTarget;

/** Commands of the Tasks view; from the palette, they ask which task. */
export function registerTaskCommands(services: Services, tracker: TaskTracker): vscode.Disposable[] {
  const pickTask = (target: Target, filter?: (task: TrackedTask) => boolean) => pickTrackedTask(tracker, target, filter);
  const command = (id: string, run: (target: Target) => Promise<unknown>) => registerCommand(services.log, id, (target?: Target) => run(target));

  return [
    command(Commands.refreshTasks, async (target) => tracker.refresh(target?.task ? [target.task.taskId] : undefined)),
    command(Commands.cancelTask, async (target) => {
      const task = await pickTask(target, isActive);
      if (!task) return;
      try {
        await tracker.cancel(task);
        void vscode.window.showInformationMessage(l10n.t('Cancel requested for "{0}".', label(task)));
      } catch (error) {
        if (error instanceof DashScopeError && error.code === 'UnsupportedOperation') {
          void vscode.window.showWarningMessage(l10n.t('"{0}" can no longer be cancelled: DashScope cancels only tasks that are still waiting in the queue (PENDING). A running task finishes and is billed.', label(task)));
          tracker.refresh([task.taskId]);
        } else {
          throw error;
        }
      }
    }),
    command(Commands.openTaskResult, async (target) => {
      const task = await pickTask(target, (t) => t.localFiles.length > 0);
      const file = task?.localFiles[0];
      if (file) await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), previewable(file) ? ViewTypes.mediaPreview : 'default');
    }),
    command(Commands.saveTaskResultAs, async (target) => {
      const task = await pickTask(target, (t) => t.localFiles.length > 0);
      const source = task?.localFiles[0];
      if (!source) return;
      await saveCopyAs(vscode.Uri.file(source));
    }),
    command(Commands.copyTaskId, async (target) => {
      const task = await pickTask(target);
      if (task) await vscode.env.clipboard.writeText(task.taskId);
    }),
    command(Commands.copyTaskUrl, async (target) => {
      const task = await pickTask(target, (t) => t.resultUrls.length > 0);
      if (!task?.resultUrls[0]) return;
      await vscode.env.clipboard.writeText(task.resultUrls[0]);
      if (task.resultExpiresAt !== undefined && task.resultExpiresAt < Date.now()) {
        void vscode.window.showWarningMessage(l10n.t('Copied, but this link expired on {0}: it no longer works. The saved file is still available.', new Date(task.resultExpiresAt).toLocaleString()));
      }
    }),
    command(Commands.resubmitTask, async (target) => {
      const task = await pickTask(target, isResubmittable);
      if (!task) return;
      const resubmitted = await tracker.resubmit(task);
      void vscode.window.showInformationMessage(l10n.t('Submitted again as task {0}.', resubmitted.taskId));
    }),
    command(Commands.removeTask, async (target) => {
      const task = await pickTask(target);
      if (task) tracker.remove([task.taskId]);
    }),
    command(Commands.clearFinishedTasks, async () => {
      const count = tracker.store.clearFinished();
      void vscode.window.setStatusBarMessage(l10n.t('Removed {0} finished tasks.', count), 3000);
    }),
    command(Commands.trackTaskById, async () => {
      const taskId = await vscode.window.showInputBox({
        title: l10n.t('Track a DashScope task'),
        prompt: l10n.t('Task id, as returned by a submit (tasks are kept about 24 hours)'),
        placeHolder: '0385dc79-5ff8-4d82-bcb6-xxxxxxxxxxxx',
        ignoreFocusOut: true,
        validateInput: (value) => (TASK_ID_SHAPE.test(value.trim()) ? undefined : l10n.t('A task id looks like 0385dc79-5ff8-4d82-bcb6-1a2b3c4d5e6f.')),
      });
      if (!taskId) return;
      const task = await tracker.trackById(taskId.trim());
      void vscode.window.showInformationMessage(l10n.t('Tracking task {0} ({1}).', task.taskId, task.status));
    }),
    command(Commands.importRecentTasks, async () => importRecent(services, tracker)),
    command(Commands.generateVideo, async () => {
      if (!(await planServes(services.connection, 'video'))) return;
      const models = VIDEO_MODELS.filter((model) => model.mode === 't2v');
      const preferred = services.connection.settings.videoModel;
      const picked = await vscode.window.showQuickPick(
        models.map((model) => ({ label: model.id, description: model.id === preferred ? l10n.t('default') : undefined, detail: model.description })).sort((a, b) => Number(b.label === preferred) - Number(a.label === preferred)),
        { title: l10n.t('Generate Video: model'), ignoreFocusOut: true },
      );
      if (!picked) return;
      const prompt = await vscode.window.showInputBox({ title: l10n.t('Generate Video: prompt'), prompt: l10n.t('Describe the video'), ignoreFocusOut: true, validateInput: (value) => (value.trim() ? undefined : l10n.t('Describe the video.')) });
      if (!prompt) return;
      const task = await tracker.submitVideo({ model: picked.label, prompt: prompt.trim() });
      // The view takes focus before the notification shows, so it cannot close a picker the user opens next.
      await vscode.commands.executeCommand(focusCommand(Views.tasks));
      void vscode.window.showInformationMessage(l10n.t('Video task submitted: {0}. Follow it in the Tasks view.', task.taskId));
    }),
  ];
}

/** What a model id found on the server produces: the client's model tables first, then the id's shape. */
function kindOfModel(model: string): TrackedTask['kind'] {
  if (VIDEO_MODELS.some((known) => known.id === model) || /2v|video|vace|animate|videoretalk/.test(model)) return 'video';
  if (IMAGE_MODELS.some((known) => known.id === model) || /image|t2i|i2i|wanx|sketch|background|outpaint/.test(model)) return 'image';
  if (/asr|paraformer|transcri|sensevoice/.test(model)) return 'transcription';
  return 'other';
}

async function importRecent(services: Services, tracker: TaskTracker): Promise<void> {
  const windows = [
    { label: l10n.t('Last hour'), hours: 1 },
    { label: l10n.t('Last 24 hours'), hours: 24 },
  ];
  const window = await vscode.window.showQuickPick(windows, { title: l10n.t('Import recent tasks: time window') });
  if (!window) return;
  const statuses: { label: string; status?: Exclude<TaskStatus, 'UNKNOWN' | 'SUSPENDED'> }[] = [
    { label: l10n.t('Any status') }, { label: 'PENDING', status: 'PENDING' }, { label: 'RUNNING', status: 'RUNNING' },
    { label: 'SUCCEEDED', status: 'SUCCEEDED' }, { label: 'FAILED', status: 'FAILED' },
  ];
  const status = await vscode.window.showQuickPick(statuses, { title: l10n.t('Import recent tasks: status') });
  if (!status) return;
  const modelName = (await vscode.window.showInputBox({ title: l10n.t('Import recent tasks: model (optional)'), placeHolder: 'wan2.6-t2v' }))?.trim() || undefined;
  const client = await services.connection.requireClient();
  const now = Date.now();
  let imported = 0;
  for (let pageNo = 1; pageNo <= 10; pageNo++) {
    const page = await client.tasks.list({ startTime: now - window.hours * 3600_000, endTime: now, modelName, status: status.status, pageNo, pageSize: 50 });
    for (const summary of page.tasks) {
      if (tracker.store.get(summary.taskId)) continue;
      tracker.track({ taskId: summary.taskId, kind: kindOfModel(summary.model ?? ''), model: summary.model ?? '?', prompt: '', status: 'PENDING', createdAt: summary.createdAt ?? now }, { quiet: true });
      imported++;
    }
    if (pageNo >= page.totalPages) break;
  }
  void vscode.window.showInformationMessage(l10n.t('Imported {0} tasks.', imported));
}
