import type { ChatMessage, ChatRequest } from '../../dashscope';
import type { DashScopeModelInformation } from './lmModels';
import { ToolMode, type ProvideLanguageModelChatResponseOptions } from './vscodeLmApi';

/** JSON schema for tools that declare no input: the service requires an object schema. */
const NO_PARAMETERS = { type: 'object', properties: {} };

/**
 * A streamed request for VS Code's chat with DashScope's rules applied: models that may think are asked
 * not to (VS Code's stable API has no place to show reasoning, and thinking is only allowed on streamed
 * calls, which these always are); forcing a tool is not allowed while a model thinks, so `tool_choice` is
 * only sent to models that do not.
 */
export function providerRequest(model: DashScopeModelInformation, messages: readonly ChatMessage[], options: ProvideLanguageModelChatResponseOptions): ChatRequest {
  const thinks = model.thinking === 'always';
  const tools = (options.tools ?? []).map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema ?? NO_PARAMETERS },
  }));
  // The service forces one named function; VS Code's "required" with several tools is left to the model.
  const forced = options.toolMode === ToolMode.Required && tools.length === 1 && !thinks ? { tool_choice: { type: 'function', function: { name: tools[0]!.function.name } } } : {};
  return {
    model: model.id,
    messages,
    ...(model.thinking === 'optional' ? { enable_thinking: false } : {}),
    ...(tools.length > 0 ? { tools, ...forced } : {}),
  };
}
