import { z } from 'zod';
import type { CallOptions, Transport } from './http';
import { IMAGE_PATHS, imageModel, type ImageFamily } from './models';
import { submitTask, type TaskInfo } from './tasks';

/** One request type for every image endpoint family; the model decides the route. */
export interface ImageRequest {
  readonly model: string;
  readonly prompt: string;
  readonly negativePrompt?: string;
  /** Input images for edit / image-to-image models: https, `oss://` or `data:` URLs. */
  readonly images?: readonly string[];
  /** `W*H`, e.g. `1328*1328`. */
  readonly size?: string;
  readonly n?: number;
  readonly seed?: number;
  readonly promptExtend?: boolean;
  readonly watermark?: boolean;
  /** Further `parameters` the model documents (e.g. `thinking_mode`, `style`). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Further `input` fields (e.g. `function`, `mask_image_url` for wanx2.1-imageedit). */
  readonly input?: Readonly<Record<string, unknown>>;
}

export interface GeneratedImage {
  readonly url: string;
  readonly actualPrompt?: string;
}

export interface ImageResult {
  readonly images: readonly GeneratedImage[];
  /** Results the service could not produce (legacy endpoints fail per result). */
  readonly failures: readonly { readonly code: string; readonly message: string }[];
  readonly usage: Readonly<Record<string, unknown>> | undefined;
  readonly requestId: string | undefined;
}

export type ImageSubmission =
  | { readonly kind: 'completed'; readonly result: ImageResult }
  | { readonly kind: 'task'; readonly taskId: string; readonly requestId: string | undefined };

function parameters(request: ImageRequest): Record<string, unknown> {
  const params: Record<string, unknown> = { ...request.parameters };
  if (request.size !== undefined) params.size = request.size;
  if (request.n !== undefined) params.n = request.n;
  if (request.seed !== undefined) params.seed = request.seed;
  if (request.promptExtend !== undefined) params.prompt_extend = request.promptExtend;
  if (request.watermark !== undefined) params.watermark = request.watermark;
  if (request.negativePrompt) params.negative_prompt = request.negativePrompt;
  return params;
}

/** Builds the body for the model's endpoint family. Exported for tests and for "copy as curl". */
export function imageRequestBody(request: ImageRequest): { family: ImageFamily; path: string; body: Record<string, unknown> } {
  const model = imageModel(request.model);
  const path = IMAGE_PATHS[model.family];
  if (model.family === 'multimodal' || model.family === 'imageGeneration') {
    const content = [...(request.images ?? []).map((image) => ({ image })), { text: request.prompt }];
    return { family: model.family, path, body: { model: request.model, input: { messages: [{ role: 'user', content }], ...request.input }, parameters: parameters(request) } };
  }
  const input: Record<string, unknown> = { prompt: request.prompt, ...request.input };
  if (request.negativePrompt) input.negative_prompt = request.negativePrompt;
  const params = parameters(request);
  delete params.negative_prompt;
  if (model.family === 'image2image' && request.images?.length) {
    if (request.model.includes('imageedit')) {
      input.base_image_url ??= request.images[0];
      input.function ??= 'description_edit';
    } else {
      input.images = request.images;
    }
  }
  return { family: model.family, path, body: { model: request.model, input, parameters: params } };
}

const imageContent = z.array(z.looseObject({ image: z.string().optional(), text: z.string().optional() }));
const choicesSchema = z.array(z.looseObject({ message: z.looseObject({ content: z.union([imageContent, z.string()]).nullish() }) })).nullish();
const resultsSchema = z.array(z.looseObject({
  url: z.string().nullish(),
  actual_prompt: z.string().nullish(),
  code: z.string().nullish(),
  message: z.string().nullish(),
})).nullish();
const outputSchema = z.looseObject({ choices: choicesSchema, results: resultsSchema, actual_prompt: z.string().nullish() });
const syncResponseSchema = z.looseObject({ request_id: z.string().optional(), output: outputSchema, usage: z.record(z.string(), z.unknown()).nullish() });

/** Normalises `choices[].message.content[].image` and `results[].url` (with per-result failures) into one result. */
export function imageResultFrom(rawOutput: unknown, usage: Readonly<Record<string, unknown>> | undefined, requestId: string | undefined): ImageResult {
  const output = outputSchema.parse(rawOutput);
  const images: GeneratedImage[] = [];
  const failures: { code: string; message: string }[] = [];
  for (const choice of output.choices ?? []) {
    const content = choice.message.content;
    if (!Array.isArray(content)) continue;
    for (const part of content) if (part.image) images.push({ url: part.image, ...(output.actual_prompt ? { actualPrompt: output.actual_prompt } : {}) });
  }
  for (const result of output.results ?? []) {
    if (result.url) images.push({ url: result.url, ...(result.actual_prompt ? { actualPrompt: result.actual_prompt } : {}) });
    else failures.push({ code: result.code ?? 'Unknown', message: result.message ?? 'No image for this result.' });
  }
  return { images, failures, usage, requestId };
}

export class ImagesApi {
  constructor(private readonly transport: Transport) {}

  /** Synchronous families answer with the images; asynchronous ones with a task to track. */
  async generate(request: ImageRequest, options?: CallOptions): Promise<ImageSubmission> {
    const { family, path, body } = imageRequestBody(request);
    if (family !== 'multimodal') {
      const task = await submitTask(this.transport, path, body, options);
      return { kind: 'task', taskId: task.taskId, requestId: task.requestId };
    }
    const response = await this.transport.json({ method: 'POST', path, body }, syncResponseSchema, options);
    return { kind: 'completed', result: imageResultFrom(response.output, response.usage ?? undefined, response.request_id) };
  }

  /** The images of a SUCCEEDED async image task. */
  resultFromTask(task: TaskInfo): ImageResult {
    return imageResultFrom(task.output, task.usage, task.requestId);
  }
}
