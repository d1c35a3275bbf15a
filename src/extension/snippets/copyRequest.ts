import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { SnippetLanguage } from '../../snippets/model';
import { requestSnippet, type RequestCall } from '../../snippets/render';
import type { Connection } from '../connection';
import type { RegionSetting } from '../settings';
import { LANGUAGES } from './insertSnippet';
import { snippetEndpoint } from './snippetEndpoint';

/** Puts a request that was sent on the clipboard as runnable code; the key stays `DASHSCOPE_API_KEY`. */
export async function copyRequest(call: RequestCall, language: SnippetLanguage, connection: Connection, region?: RegionSetting): Promise<void> {
  await vscode.env.clipboard.writeText(requestSnippet(call, language, snippetEndpoint(connection, region)));
  const label = LANGUAGES.find((entry) => entry.id === language)?.label ?? language;
  void vscode.window.setStatusBarMessage(l10n.t('Copied the request as {0}. It reads the key from DASHSCOPE_API_KEY.', label), 5000);
}
