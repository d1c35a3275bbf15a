/**
 * Typed DashScope (Alibaba Cloud Model Studio) client for plain Node: no `vscode` import.
 *
 * @example
 * ```ts
 * import { DashScopeClient } from './dashscope';
 *
 * const client = new DashScopeClient({ apiKey: process.env.DASHSCOPE_API_KEY!, region: 'intl' });
 * for await (const event of client.chat.stream({ model: 'qwen-plus', messages: [{ role: 'user', content: 'Hello' }] })) {
 *   if (event.type === 'content') process.stdout.write(event.text);
 * }
 * const { taskId } = await client.video.submit({ model: 'wan2.6-t2v', prompt: 'A cat surfing', duration: 5 });
 * const task = await client.tasks.wait(taskId, { onUpdate: (t) => console.log(t.status) });
 * if (task.status === 'SUCCEEDED') console.log(task.videoUrl);
 * ```
 */
export { DashScopeClient } from './client';
export type { ClientOptions, CallOptions, RequestLogEntry, RetryOptions } from './http';
export { ClientErrorCode, DashScopeError, isRetryable, parseRetryAfter } from './errors';
export { REGION_IDS, REGIONS, type RegionId, type RegionInfo } from './regions';
export type { ChatContentPart, ChatMessage, ChatRequest, ChatCompletion, ModelInfo } from './chat';
export { ChatStream, type ChatResult, type ChatStreamEvent, type ChatToolCall, type ReplyUsage } from './replyStream';
export type { CompletionRequest, CompletionResult } from './completions';
export type { GenerationRequest } from './generation';
export { imageRequestBody, imageResultFrom, type GeneratedImage, type ImageRequest, type ImageResult, type ImageSubmission } from './images';
export { videoRequestBody, type VideoMedia, type VideoRequest } from './video';
export { IMAGE_MODELS, VIDEO_MODELS, imageModel, videoModel, videoPath, type ImageFamily, type ImageModel, type VideoMode, type VideoModel } from './models';
export { TASK_STATUSES, TERMINAL_STATUSES, nextPollDelay, type TaskInfo, type TaskListQuery, type TaskPage, type TaskStatus, type TaskSubmission, type TaskSummary, type WaitOptions } from './tasks';
export { INLINE_LIMIT_BYTES, mimeTypeOf, type UploadFile, type UploadRequest, type UploadedFile } from './uploads';
export { recognitionBody, ttsBody } from './speech';
export type { RecognitionRequest, RecognitionResult, SpeechRequest, SpeechResult, SpeechStreamEvent, TranscriptionRequest } from './speech';
export { APP_ID_PATTERN, isAppId, type AppModelUsage, type AppReference, type AppRequest, type AppResult, type AppStreamEvent, type AppThought } from './apps';
export { MAX_MEMORY_PAGE, type MemoryNode, type MemoryPage, type MemoryQuery } from './memory';
export { KnowledgeClient, knowledgeEndpoint, type AccessKey, type KnowledgeOptions, type RetrieveRequest, type RetrievedPassage } from './knowledge';
export { formatServiceTime, parseServiceTime } from './time';
