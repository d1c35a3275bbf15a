import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import type { Services } from '../services';
import type { TaskTracker } from '../tasks/taskTracker';
import type { TrackedTask } from '../tasks/trackedTask';

/** Inputs of the tools, as a model may send anything: parsed and bounded before use. */
export const imageInput = z.object({ prompt: z.string().min(1).max(2_000), model: z.string().max(100).regex(/^[\w.-]+$/).optional() });
export const videoInput = z.object({ prompt: z.string().min(1).max(2_000), model: z.string().max(100).regex(/^[\w.-]+$/).optional(), duration: z.number().int().min(2).max(15).optional() });
export const taskInput = z.object({ taskId: z.string().min(1).max(100).regex(/^[\w-]+$/) });

/** A task in one line, for a chat answer or a tool result. */
export function describeTask(task: TrackedTask): string {
  const files = task.localFiles.length > 0 ? ` · ${task.localFiles.join(', ')}` : task.resultUrls.length > 0 ? ` · ${task.resultUrls.join(', ')}` : '';
  const failure = task.message ? ` · ${task.code ?? ''} ${task.message}` : '';
  return `${task.taskId} · ${task.kind} · ${task.model} · ${task.status}${failure}${files}`;
}

/**
 * What the chat participant and the language model tools do, through the same tracker as the panels:
 * tasks appear in the Tasks view and results are saved where the panels save them.
 */
export class StudioActions {
  constructor(private readonly services: Services, private readonly tracker: TaskTracker) {}

  /** Generates an image: the files when the model answers at once, else the tracked task. */
  async generateImage(input: z.output<typeof imageInput>): Promise<string> {
    const model = input.model ?? this.services.connection.settings.imageModel;
    const outcome = await this.tracker.submitImage({ model, prompt: input.prompt });
    if ('taskId' in outcome) return l10n.t('Image task submitted; it is in the Tasks view and its images are saved when it succeeds: {0}', describeTask(outcome));
    const files = await this.tracker.saveImages(outcome);
    return l10n.t('Image saved: {0}', files.join(', '));
  }

  async submitVideo(input: z.output<typeof videoInput>): Promise<string> {
    const model = input.model ?? this.services.connection.settings.videoModel;
    const task = await this.tracker.submitVideo({ model, prompt: input.prompt, ...(input.duration ? { duration: input.duration } : {}) });
    return l10n.t('Video task submitted; it is in the Tasks view and the video is saved when it succeeds: {0}', describeTask(task));
  }

  async checkTask(input: z.output<typeof taskInput>): Promise<string> {
    const known = this.tracker.store.get(input.taskId);
    return describeTask(known ?? (await this.tracker.trackById(input.taskId)));
  }

  /** The most recent tracked tasks, newest first. */
  recentTasks(limit = 10): string[] {
    return [...this.tracker.store.all()].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit).map(describeTask);
  }
}
