import type * as vscode from 'vscode';

/**
 * The parts of VS Code's stable language model provider API (1.104+) this extension uses, declared here
 * because the extension is built against @types/vscode 1.100 (its `engines` floor). Shapes mirror the
 * stable API; whether the running VS Code has it is checked at run time (`languageModelProviderApi`).
 */

export interface LanguageModelChatCapabilities {
  readonly imageInput?: boolean;
  readonly toolCalling?: boolean | number;
}

export interface LanguageModelChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: LanguageModelChatCapabilities;
}

export interface PrepareLanguageModelChatModelOptions {
  /** When true, the provider must not prompt the user (no key setup, no dialogs). */
  readonly silent: boolean;
}

export interface LanguageModelChatTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object;
}

/** `vscode.LanguageModelChatToolMode`: Auto = 1, Required = 2. */
export const ToolMode = { Auto: 1, Required: 2 } as const;

export interface ProvideLanguageModelChatResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly LanguageModelChatTool[];
  readonly toolMode: number;
}

/** `vscode.LanguageModelChatMessageRole`: User = 1, Assistant = 2 (System = 3 where VS Code sends it). */
export const MessageRole = { User: 1, Assistant: 2, System: 3 } as const;

export interface LanguageModelChatRequestMessage {
  readonly role: number;
  readonly content: readonly unknown[];
  readonly name: string | undefined;
}

/** `vscode.LanguageModelDataPart` (stable in 1.104): bytes with a MIME type, e.g. an image from the request. */
export interface LanguageModelDataPartLike {
  readonly mimeType: string;
  readonly data: Uint8Array;
}

export type LanguageModelResponsePart = vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart;

export interface LanguageModelChatProvider<T extends LanguageModelChatInformation = LanguageModelChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(
    model: T,
    messages: readonly LanguageModelChatRequestMessage[],
    options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: T, text: string | LanguageModelChatRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

export interface LanguageModelProviderApi {
  registerLanguageModelChatProvider(vendor: string, provider: LanguageModelChatProvider): vscode.Disposable;
}

/** The running VS Code's provider registration, or undefined before 1.104 (the rest of the extension works without it). */
export function languageModelProviderApi(api: typeof vscode): LanguageModelProviderApi | undefined {
  const lm = (api as { lm?: unknown }).lm;
  if (typeof lm !== 'object' || lm === null || !('registerLanguageModelChatProvider' in lm)) return undefined;
  return typeof lm.registerLanguageModelChatProvider === 'function' ? (lm as LanguageModelProviderApi) : undefined;
}
