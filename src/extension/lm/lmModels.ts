import type { ModelChoice } from '../../shared/protocol/chat';
import { chatModelChoices, describeModel, FALLBACK_MODELS } from '../chat/chatModels';
import type { LanguageModelChatInformation } from './vscodeLmApi';

/** What VS Code is told about a model, with the facts the provider's requests need. */
export interface DashScopeModelInformation extends LanguageModelChatInformation {
  readonly thinking: ModelChoice['thinking'];
}

/** Output limit when the model's own is not known: the smallest default of the Qwen chat families. */
const DEFAULT_MAX_OUTPUT_TOKENS = 8_192;
/** Families without function calling in compatible mode (older VL, QVQ, Omni, MT). */
const NO_TOOLS = /^qwen-vl|^qvq|omni|-mt-/;

/** The family a snapshot or variant belongs to (`qwen-plus-2025-01-25` → `qwen-plus`). */
const familyOf = (id: string) => id.replace(/-(latest|\d{4}-\d{2}-\d{2}|\d{4})$/, '');

/**
 * The chat models of an account's model list as VS Code's model picker shows them. The one place model
 * facts enter the provider: it reads the chat model table until the shared model catalog replaces it.
 */
export function languageModelsOf(ids: readonly string[] | undefined): DashScopeModelInformation[] {
  const list = ids ?? FALLBACK_MODELS;
  return chatModelChoices(list, FALLBACK_MODELS).map((model) => ({
    id: model.id,
    name: model.id,
    family: familyOf(model.id),
    version: model.id,
    detail: 'DashScope',
    tooltip: `${model.id} · Alibaba Cloud Model Studio`,
    maxInputTokens: model.contextWindow,
    maxOutputTokens: Math.min(DEFAULT_MAX_OUTPUT_TOKENS, model.contextWindow),
    capabilities: { imageInput: model.vision, toolCalling: !NO_TOOLS.test(model.id) },
    thinking: model.thinking,
  }));
}

/** Whether a model thinks always, never, or when asked (requests to optional thinkers turn it off). */
export const thinkingOf = (id: string): ModelChoice['thinking'] => describeModel(id).thinking;
