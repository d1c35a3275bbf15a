import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { DashScopeError, type ChatToolCall, type DashScopeClient } from '../../dashscope';
import { Disposable } from '../disposable';
import { targetTitle } from '../endpoint';
import { Commands } from '../ids';
import { planChatModelIds } from '../keys/planLimits';
import type { Services } from '../services';
import { countTokens, toChatMessages } from './lmMessages';
import { languageModelsOf, type DashScopeModelInformation } from './lmModels';
import { providerRequest } from './lmRequest';
import type {
  LanguageModelChatProvider, LanguageModelChatRequestMessage, LanguageModelDataPartLike, LanguageModelResponsePart,
  PrepareLanguageModelChatModelOptions, ProvideLanguageModelChatResponseOptions,
} from './vscodeLmApi';

/** The vendor id in `contributes.languageModelChatProviders`. */
export const VENDOR = 'dashscope';

/** What a failed reply says in VS Code's chat: the service's message, its code and the request id to quote. */
export function providerError(error: unknown): Error {
  if (!(error instanceof DashScopeError)) return error instanceof Error ? error : new Error(String(error));
  const requestId = error.requestId ? `, request ${error.requestId}` : '';
  return new Error(l10n.t('DashScope: {0} ({1}{2})', error.message, error.code, requestId));
}

/** The tool calls of a reply as the parts VS Code runs; arguments must be a JSON object. */
function toolCallParts(calls: readonly ChatToolCall[]): vscode.LanguageModelToolCallPart[] {
  return calls.map(({ id, function: { name, arguments: args } }) => {
    let input: unknown;
    try {
      input = args.trim() ? JSON.parse(args) : {};
    } catch {
      input = undefined;
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new Error(l10n.t('DashScope: the model called {0} with arguments that are not a JSON object: {1}', name, args.slice(0, 200)));
    }
    return new vscode.LanguageModelToolCallPart(id, name, input);
  });
}

/**
 * DashScope's chat models in VS Code's own Chat (model picker, Ask/Edit/Agent) and for any extension
 * calling `vscode.lm`: the models of the stored key's region, replies streamed through the client.
 */
export class DashScopeChatProvider extends Disposable implements LanguageModelChatProvider<DashScopeModelInformation> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation = this.changeEmitter.event;
  private modelIds: Promise<string[] | undefined> | undefined;

  constructor(private readonly services: Services) {
    super();
    this._register(services.connection.onDidChange(() => {
      this.modelIds = undefined;
      this.changeEmitter.fire();
    }));
  }

  async provideLanguageModelChatInformation(options: PrepareLanguageModelChatModelOptions): Promise<DashScopeModelInformation[]> {
    const client = await this.services.connection.client();
    if (!client) {
      if (!options.silent) void this.offerKeySetup();
      return [];
    }
    this.modelIds ??= this.listModels(client);
    return languageModelsOf(await this.modelIds);
  }

  async provideLanguageModelChatResponse(
    model: DashScopeModelInformation,
    messages: readonly LanguageModelChatRequestMessage[],
    options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const client = await this.services.connection.client();
    if (!client) throw new Error(l10n.t('No API key is set for {0}.', this.target()));
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const resolveImage = (image: LanguageModelDataPartLike) => client.uploads.toMediaUrl({ data: image.data, fileName: `image.${image.mimeType.split('/')[1] ?? 'png'}`, mimeType: image.mimeType }, model.id, { signal: controller.signal });
      const request = providerRequest(model, await toChatMessages(messages, resolveImage), options);
      const stream = client.chat.stream(request, { signal: controller.signal });
      for await (const event of stream) {
        if (event.type === 'content') progress.report(new vscode.LanguageModelTextPart(event.text));
      }
      // The stream assembles each call from its fragments (id and name come with the first one only).
      const { toolCalls, usage } = stream.result();
      for (const part of toolCallParts(toolCalls)) progress.report(part);
      if (usage) this.services.log.info(`Language model ${model.id}: usage ${JSON.stringify(usage)}`);
      if (usage) void this.services.usage.record({ model: model.id, kind: 'languageModel', usage });
    } catch (error) {
      if (token.isCancellationRequested) return;
      throw providerError(error);
    } finally {
      cancel.dispose();
    }
  }

  async provideTokenCount(_model: DashScopeModelInformation, text: string | LanguageModelChatRequestMessage): Promise<number> {
    return countTokens(text);
  }

  /** The account's model ids, or undefined (the common models are offered) when the list cannot be read. */
  private async listModels(client: DashScopeClient): Promise<string[] | undefined> {
    try {
      return await planChatModelIds(this.services.connection, client);
    } catch (error) {
      this.services.log.warn(`Language models: the model list could not be read, offering the common models: ${error instanceof Error ? error.message : String(error)}`);
      this.modelIds = undefined;
      return undefined;
    }
  }

  /** The plan and region the key is missing for, as the user knows them. */
  private target(): string {
    const { plan, region } = this.services.connection.settings;
    return targetTitle(plan, region);
  }

  private async offerKeySetup(): Promise<void> {
    const setKey = l10n.t('Set API Key');
    const choice = await vscode.window.showInformationMessage(l10n.t('DashScope models appear in Chat once an API key is set for {0}.', this.target()), setKey);
    if (choice === setKey) await vscode.commands.executeCommand(Commands.setApiKey);
  }
}
