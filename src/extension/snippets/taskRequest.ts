import { imageRequestBody, videoRequestBody, type ImageRequest, type VideoRequest } from '../../dashscope';
import type { RequestCall } from '../../snippets/render';
import { isResubmittable, type TrackedTask } from '../tasks/trackedTask';

const NATIVE_ROOT = '/api/v1';

/**
 * The request that submitted a task, rebuilt from what the task kept (only tasks submitted from VS Code
 * keep it) with the same builders the client sends. Undefined for tasks whose request is unknown.
 */
export function taskRequest(task: TrackedTask, title: string): RequestCall | undefined {
  if (!isResubmittable(task)) return undefined;
  const built = task.kind === 'video' ? { ...videoRequestBody(task.request as unknown as VideoRequest), async: true } : imageCall(task.request as unknown as ImageRequest);
  return { title, root: 'native', method: 'POST', path: built.path.slice(NATIVE_ROOT.length), body: built.body, flow: built.async ? 'task' : 'json' };
}

function imageCall(request: ImageRequest) {
  const built = imageRequestBody(request);
  return { ...built, async: built.family !== 'multimodal' };
}
