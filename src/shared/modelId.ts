import * as z from 'zod/mini';

/**
 * What a model id may be, wherever one enters (the page, the settings, a server's model list): an ASCII
 * letter or digit, then letters, digits and `._:/-`, 128 characters at most. Real ids (`qwen3.6-plus`,
 * `wan2.7-t2v`, `stable-diffusion:<hash>`, fine-tuned ids) fit; newlines, quotes, spaces and shell or
 * template syntax never do, so an id is safe to show in a comment or a log line.
 */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

export const isModelId = (value: string): boolean => MODEL_ID_PATTERN.test(value);

export const modelIdSchema = z.string().check(z.regex(MODEL_ID_PATTERN));
