import { REGIONS } from '../dashscope/regions';
import { SNIPPETS, snippetText } from './catalog';
import type { SnippetLanguage } from './model';
import { regionEndpoint, renderSnippet } from './render';

/** The completion files contributed to VS Code: `snippets/<file>.json`, per editor language. */
export const COMPLETION_FILES: readonly { readonly language: SnippetLanguage; readonly editorLanguage: string; readonly file: string }[] = [
  { language: 'curl', editorLanguage: 'shellscript', file: 'snippets/shellscript.json' },
  { language: 'typescript', editorLanguage: 'typescript', file: 'snippets/typescript.json' },
  { language: 'javascript', editorLanguage: 'javascript', file: 'snippets/javascript.json' },
  { language: 'python', editorLanguage: 'python', file: 'snippets/python.json' },
];

interface CompletionEntry {
  readonly prefix: string;
  readonly description: string;
  readonly body: string[];
}

/**
 * A VS Code snippets file for one language: every catalog snippet under the prefix `dashscope-<id>`,
 * pointing at Beijing unless the environment variables say otherwise (the file cannot know the region).
 */
export function completionFile(language: SnippetLanguage): Record<string, CompletionEntry> {
  const endpoint = regionEndpoint('cn', REGIONS.cn.origin);
  return Object.fromEntries(SNIPPETS.map((spec) => {
    const { title, description } = snippetText(spec.id);
    const body = renderSnippet(spec, language, endpoint).snippet.replace(/\n$/, '').split('\n');
    return [`DashScope: ${title}`, { prefix: `dashscope-${spec.id}`, description, body }];
  }));
}

/** The text of a completion file as written to disk. */
export const completionFileText = (language: SnippetLanguage) => `${JSON.stringify(completionFile(language), null, 2)}\n`;
