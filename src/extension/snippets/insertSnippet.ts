import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { areaLabel, SNIPPETS, snippetText } from '../../snippets/catalog';
import { SNIPPET_AREAS, type SnippetLanguage, type SnippetSpec } from '../../snippets/model';
import { renderSnippet } from '../../snippets/render';
import { registerCommand } from '../command';
import { Commands } from '../ids';
import type { Services } from '../services';
import { snippetEndpoint } from './snippetEndpoint';

/** The snippet languages, the editor language each maps to, and what the pick shows. */
export const LANGUAGES: readonly { readonly id: SnippetLanguage; readonly editorLanguage: string; readonly label: string; readonly editorLanguages: readonly string[] }[] = [
  { id: 'curl', editorLanguage: 'shellscript', label: 'curl (bash)', editorLanguages: ['shellscript'] },
  { id: 'typescript', editorLanguage: 'typescript', label: 'TypeScript (fetch)', editorLanguages: ['typescript', 'typescriptreact'] },
  { id: 'javascript', editorLanguage: 'javascript', label: 'JavaScript (fetch)', editorLanguages: ['javascript', 'javascriptreact'] },
  { id: 'python', editorLanguage: 'python', label: 'Python (requests)', editorLanguages: ['python'] },
];

interface SnippetItem extends vscode.QuickPickItem {
  readonly spec?: SnippetSpec;
}

/** The model the user chose as default for a snippet's area, offered first in its choices. */
function preferredModel(services: Services, spec: SnippetSpec): string | undefined {
  const settings = services.connection.settings;
  if (spec.area === 'chat' || spec.area === 'streaming') return settings.chatModel;
  if (spec.area === 'image' || spec.area === 'asyncImage') return settings.imageModel;
  if (spec.area === 'video') return settings.videoModel;
  return undefined;
}

async function pickSnippet(): Promise<SnippetSpec | undefined> {
  const items: SnippetItem[] = SNIPPET_AREAS.flatMap((area) => [
    { label: areaLabel(area), kind: vscode.QuickPickItemKind.Separator },
    ...SNIPPETS.filter((spec) => spec.area === area).map((spec) => ({ label: snippetText(spec.id).title, detail: snippetText(spec.id).description, spec })),
  ]);
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Insert API Snippet'), placeHolder: l10n.t('Which DashScope API?'), matchOnDetail: true });
  return picked?.spec;
}

async function pickLanguage(editor: vscode.TextEditor | undefined): Promise<SnippetLanguage | undefined> {
  const current = LANGUAGES.find((language) => language.editorLanguages.includes(editor?.document.languageId ?? ''));
  const ordered = current ? [current, ...LANGUAGES.filter((language) => language !== current)] : LANGUAGES;
  const picked = await vscode.window.showQuickPick(
    ordered.map((language) => ({ label: language.label, description: language === current ? l10n.t('language of the active editor') : undefined, id: language.id })),
    { title: l10n.t('Insert API Snippet: language') },
  );
  return picked?.id;
}

/** "DashScope: Insert API Snippet…": a catalog snippet with tab stops, at the cursor (or in a new editor). */
export function registerInsertSnippet(services: Services): vscode.Disposable {
  return registerCommand(services.log, Commands.insertSnippet, async () => {
    const spec = await pickSnippet();
    if (!spec) return;
    const language = await pickLanguage(vscode.window.activeTextEditor);
    if (!language) return;
    const rendered = renderSnippet(spec, language, snippetEndpoint(services.connection), { preferredModel: preferredModel(services, spec) });
    let editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.isClosed) {
      const document = await vscode.workspace.openTextDocument({ language: LANGUAGES.find((entry) => entry.id === language)!.editorLanguage });
      editor = await vscode.window.showTextDocument(document);
    }
    if (await editor.insertSnippet(new vscode.SnippetString(rendered.snippet))) await services.milestones.reach('insertedSnippet');
  });
}
