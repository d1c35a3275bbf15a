import * as vscode from 'vscode';
import type { ModelChoice } from '../../shared/protocol/chat';
import { Disposable } from '../disposable';
import { describeError } from '../errors';
import { planChatModelIds } from '../keys/planLimits';
import type { ConnectionHealth } from '../connectionState';
import type { Services } from '../services';
import { chatModelChoices, describeModel, FALLBACK_MODELS } from './chatModels';
import { replyErrorOf } from './replyErrors';

/**
 * The account's chat models, fetched once per connection: the fallback list (with the reason) while the
 * server's list cannot be had, fetched again when the connection changes or DashScope answers again.
 */
export class ChatModelList extends Disposable {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private loaded: { choices: ModelChoice[]; problem?: string } | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly services: Services, private readonly health: ConnectionHealth) {
    super();
    // A model list that failed for want of a connection is fetched again once DashScope answers.
    this._register(health.onDidChange((state) => state.reachable && this.loaded?.problem && this.refresh()));
    this._register(services.connection.onDidChange(() => {
      this.loaded = undefined;
      this.changeEmitter.fire();
    }));
  }

  /** The models known now (the fallback list until the account's is fetched); starts fetching it. */
  choices(): ModelChoice[] {
    void this.load();
    return this.loaded?.choices ?? chatModelChoices(FALLBACK_MODELS, FALLBACK_MODELS);
  }

  /** Why the account's list is not shown, when it could not be fetched. */
  get problem(): string | undefined {
    return this.loaded?.problem;
  }

  /** What is known of a model: from the account's list when fetched, else from the catalog. */
  describe(modelId: string): ModelChoice {
    return this.loaded?.choices.find((choice) => choice.id === modelId) ?? describeModel(modelId);
  }

  refresh(): void {
    this.loaded = undefined;
    void this.load();
  }

  private load(): Promise<void> {
    if (this.loaded || this.loading) return this.loading ?? Promise.resolve();
    this.loading = (async () => {
      const client = await this.services.connection.client();
      if (!client) return;
      const preferred = [this.services.connection.settings.chatModel, ...FALLBACK_MODELS];
      try {
        this.loaded = { choices: chatModelChoices(await planChatModelIds(this.services.connection, client, { onInvalidIds: (count) => this.services.log.warn(`Chat: ignored ${count} invalid model ids in the server's model list.`) }), preferred) };
        this.health.succeeded();
      } catch (error) {
        this.health.failed(error);
        this.services.log.warn(`Chat: the model list could not be fetched: ${describeError(error)}`);
        this.loaded = { choices: chatModelChoices(FALLBACK_MODELS, preferred), problem: replyErrorOf(error).message };
      }
      this.changeEmitter.fire();
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }
}
