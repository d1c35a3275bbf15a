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
  return task.kind === 'video' ? videoCall(task.request as unknown as VideoRequest, title) : imageCall(task.request as unknown as ImageRequest, title);
}

/** The call that submits a video request, as the client sends it. */
export function videoCall(request: VideoRequest, title: string): RequestCall {
  return nativeCall(videoRequestBody(request), true, title);
}

/** The call that makes an image request (a task for the asynchronous families), as the client sends it. */
export function imageCall(request: ImageRequest, title: string): RequestCall {
  const built = imageRequestBody(request);
  return nativeCall(built, built.family !== 'multimodal', title);
}

function nativeCall(built: { path: string; body: Readonly<Record<string, unknown>> }, async: boolean, title: string): RequestCall {
  return { title, root: 'native', method: 'POST', path: built.path.slice(NATIVE_ROOT.length), body: built.body, flow: async ? 'task' : 'json' };
}
