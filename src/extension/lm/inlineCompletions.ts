import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { completionRoute, type CompletionRoute } from '../../shared/models/completion';
import { registerCommand } from '../command';
import { Disposable } from '../disposable';
import { Commands } from '../ids';
import type { Services } from '../services';
import { languageEnabled, mayComplete, parseCompletionSettings, PREFIX_CHARS, SUFFIX_CHARS, type CompletionSettings } from './completionContext';
import { fetchCompletion, type CompletionInput } from './completionRequests';
import { InlineCompletionEngine } from './inlineCompletionEngine';

const SECTION = 'dashscope.inlineCompletions';

/** The text around the cursor, bounded on both sides. */
export function completionInput(document: vscode.TextDocument, position: vscode.Position): CompletionInput {
  const offset = document.offsetAt(position);
  return {
    prefix: document.getText(new vscode.Range(document.positionAt(Math.max(0, offset - PREFIX_CHARS)), position)),
    suffix: document.getText(new vscode.Range(position, document.positionAt(offset + SUFFIX_CHARS))),
    languageId: document.languageId,
    fileName: document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1),
  };
}

/**
 * Ghost-text code completions from Qwen coder models, off until the user turns them on (each one is a
 * paid request): per language and globally, from the status bar or settings.
 */
export class InlineCompletions extends Disposable implements vscode.InlineCompletionItemProvider {
  private readonly item = this._register(vscode.window.createStatusBarItem('dashscope.inlineCompletions', vscode.StatusBarAlignment.Right, 99));
  private settings: CompletionSettings = this.readSettings();
  private readonly engine: InlineCompletionEngine;

  constructor(private readonly services: Services) {
    super();
    this.engine = new InlineCompletionEngine({
      debounceMs: () => this.settings.debounceMs,
      route: () => this.route(),
      fetch: (route, input, signal) => this.fetch(route, input, signal),
      onError: (error) => services.log.warn(`Inline completion failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    this._register(vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, this));
    this._register(registerCommand(services.log, Commands.toggleInlineCompletions, () => this.toggle()));
    this._register(registerCommand(services.log, Commands.toggleInlineCompletionsForLanguage, () => this.toggleLanguage()));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      this.settings = this.readSettings();
      this.render();
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.item.command = Commands.toggleInlineCompletions;
    this.render();
  }

  async provideInlineCompletionItems(document: vscode.TextDocument, position: vscode.Position, _context: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[] | undefined> {
    const facts = { path: document.uri.path, languageId: document.languageId, isUntitled: document.isUntitled, head: () => document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(4_096))) };
    if (!mayComplete(facts, this.settings)) return undefined;
    const text = await this.engine.complete(completionInput(document, position), token);
    return text === undefined ? undefined : [new vscode.InlineCompletionItem(text, new vscode.Range(position, position))];
  }

  private async route(): Promise<CompletionRoute | undefined> {
    if (!this.services.connection.hasKey) return undefined;
    return completionRoute(this.services.connection.settings.region, this.settings.model);
  }

  private async fetch(route: CompletionRoute, input: CompletionInput, signal: AbortSignal): Promise<string> {
    const client = await this.services.connection.client();
    return client ? fetchCompletion(client, route, input, signal) : '';
  }

  private readSettings(): CompletionSettings {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    return parseCompletionSettings((key) => configuration.get(key));
  }

  private async toggle(): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('enabled', !this.settings.enabled, vscode.ConfigurationTarget.Global);
  }

  private async toggleLanguage(): Promise<void> {
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (!language) return;
    const on = languageEnabled(this.settings, language);
    await vscode.workspace.getConfiguration(SECTION).update('languages', { ...this.settings.languages, [language]: !on }, vscode.ConfigurationTarget.Global);
  }

  private render(): void {
    const language = vscode.window.activeTextEditor?.document.languageId;
    const languageOff = language !== undefined && !languageEnabled(this.settings, language);
    const on = this.settings.enabled && !languageOff;
    this.item.text = on ? '$(sparkle) Qwen' : '$(circle-slash) Qwen';
    this.item.tooltip = !this.settings.enabled
      ? l10n.t('Qwen code completions are off. Click to turn them on.')
      : languageOff ? l10n.t('Qwen code completions are off for {0}. Click to turn them off everywhere.', language) : l10n.t('Qwen code completions are on. Click to turn them off.');
    this.item.show();
  }
}
