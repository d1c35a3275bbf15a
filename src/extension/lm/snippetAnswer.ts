import { SNIPPETS, snippetText } from '../../snippets/catalog';
import type { SnippetLanguage, SnippetSpec } from '../../snippets/model';
import { renderSnippet } from '../../snippets/render';
import type { Connection } from '../connection';
import { LANGUAGES } from '../snippets/insertSnippet';
import { snippetEndpoint } from '../snippets/snippetEndpoint';

/** Words that can tell snippets apart (not "a", "to", …). */
const words = (text: string) => new Set((text.toLowerCase().match(/[a-z0-9]{3,}|[\u4e00-\u9fff]+/g) ?? []));

/** The catalog snippet whose title and description share the most words with what the user asked for. */
export function bestSnippet(description: string): SnippetSpec | undefined {
  const asked = words(description.slice(0, 500));
  let best: { spec: SnippetSpec; score: number } | undefined;
  for (const spec of SNIPPETS) {
    const { title, description: about } = snippetText(spec.id);
    const offered = words(`${spec.id} ${spec.area} ${title} ${about}`);
    const score = [...asked].filter((word) => offered.has(word)).length;
    if (score > 0 && (!best || score > best.score)) best = { spec, score };
  }
  return best?.spec;
}

/** The snippet language for the editor's language (TypeScript when it has none of them). */
export const snippetLanguageFor = (editorLanguage: string | undefined): SnippetLanguage =>
  LANGUAGES.find((language) => language.editorLanguages.includes(editorLanguage ?? ''))?.id ?? 'typescript';

/** A fenced snippet for the chat (VS Code offers Insert at Cursor on code blocks), or undefined when nothing matches. */
export function snippetAnswer(connection: Connection, description: string, editorLanguage: string | undefined): { title: string; markdown: string } | undefined {
  const spec = bestSnippet(description);
  if (!spec) return undefined;
  const language = snippetLanguageFor(editorLanguage);
  const { text } = renderSnippet(spec, language, snippetEndpoint(connection));
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((match) => match[0].length + 1)));
  const editorLanguageId = LANGUAGES.find((entry) => entry.id === language)!.editorLanguage;
  return { title: snippetText(spec.id).title, markdown: `${fence}${editorLanguageId}\n${text}\n${fence}` };
}
