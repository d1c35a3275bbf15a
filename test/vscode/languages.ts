/** vscode.languages (inline completion providers) and vscode.InlineCompletionItem. */
import { Disposable } from './events';

export class InlineCompletionItem {
  constructor(readonly insertText: string, readonly range?: unknown, readonly command?: unknown) {}
}

export const languages = {
  /** Registered inline completion providers, with their document selectors. */
  inlineCompletionProviders: [] as { selector: unknown; provider: unknown }[],

  registerInlineCompletionItemProvider(selector: unknown, provider: unknown): Disposable {
    const entry = { selector, provider };
    languages.inlineCompletionProviders.push(entry);
    return new Disposable(() => languages.inlineCompletionProviders.splice(languages.inlineCompletionProviders.indexOf(entry), 1));
  },
};
