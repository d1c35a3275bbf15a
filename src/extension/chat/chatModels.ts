import type { ChatRequest } from '../../dashscope';
import { chatEntry, classify } from '../../shared/models';
import type { ChatEvent, ModelChoice } from '../../shared/protocol/chat';

/** For models the catalog does not know: small, so the meter warns early rather than late. */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

/** Offered when the account's model list cannot be fetched. */
export const FALLBACK_MODELS = ['qwen3.6-plus', 'qwen3.5-plus', 'qwen-plus', 'qwen-flash', 'qwen3-max', 'qwen3-coder-plus', 'qwen3-vl-plus', 'qwq-plus'];

/** Suggested when a model the catalog does not know refuses an image. */
export const VISION_FALLBACK = 'qwen3.6-plus';

export const contextWindowOf = (model: string): number => chatEntry(model)?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;

/**
 * Chat models of an account's list: the catalog's chat families, and ids it does not know that do not read
 * as image or video models (a new family appears, marked unknown, rather than missing).
 */
function isChatModel(model: string): boolean {
  const found = classify(model);
  return found.kind === 'chat' || (found.kind === 'unknown' && found.family === undefined);
}

/**
 * What the picker and the request builder know of a model. A model the catalog does not know may take images
 * (the service decides; if it refuses, the reply offers a model that reads them) and is sent no thinking switch.
 */
export function describeModel(model: string): ModelChoice {
  const entry = chatEntry(model);
  if (!entry) return { id: model, vision: true, thinking: 'never', contextWindow: DEFAULT_CONTEXT_WINDOW, known: false };
  return { id: model, vision: entry.vision, thinking: entry.thinking, contextWindow: entry.contextWindow, known: true };
}

/** The chat models of an account's model list, the preferred ones first, then by name. */
export function chatModelChoices(ids: readonly string[], preferred: readonly string[]): ModelChoice[] {
  const rank = (id: string) => {
    const index = preferred.indexOf(id);
    return index < 0 ? preferred.length : index;
  };
  return [...new Set(ids)]
    .filter(isChatModel)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map(describeModel);
}

const sendsImages = (request: ChatRequest) => request.messages.some((message) => Array.isArray(message.content) && message.content.some((part) => part.type === 'image_url'));

/**
 * A reply that failed after images were sent to a model the catalog does not know keeps the service's message
 * and offers a model that reads images (the service may have refused them). Other events pass unchanged.
 */
export function offerVisionModel(event: ChatEvent, model: ModelChoice, request: ChatRequest): ChatEvent {
  if (event.type !== 'messageFinished' || !event.error || model.known || !sendsImages(request)) return event;
  if (event.error.kind !== 'model' && event.error.kind !== 'other') return event;
  return { ...event, error: { ...event.error, suggestedModel: VISION_FALLBACK } };
}
