import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { SnippetLanguage } from '../../snippets/model';
import { keyVariable } from '../../snippets/emitters/shared';
import { requestSnippet, type RequestCall } from '../../snippets/render';
import type { Connection } from '../connection';
import type { RegionSetting } from '../settings';
import { LANGUAGES } from './insertSnippet';
import { snippetEndpoint } from './snippetEndpoint';

/** Puts a request that was sent on the clipboard as runnable code; the key stays in an environment variable. */
export async function copyRequest(call: RequestCall, language: SnippetLanguage, connection: Connection, region?: RegionSetting): Promise<void> {
  const endpoint = snippetEndpoint(connection, region);
  await vscode.env.clipboard.writeText(requestSnippet(call, language, endpoint));
  const label = LANGUAGES.find((entry) => entry.id === language)?.label ?? language;
  void vscode.window.setStatusBarMessage(l10n.t('Copied the request as {0}. It reads the key from {1}.', label, keyVariable(endpoint)), 5000);
}
