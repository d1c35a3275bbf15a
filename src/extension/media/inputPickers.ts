import * as l10n from '@vscode/l10n';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SlotRule } from '../../shared/protocol/mediaRules';

const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'], 'image/bmp': ['bmp'], 'image/webp': ['webp'], 'image/tiff': ['tif', 'tiff'], 'image/gif': ['gif'],
  'video/mp4': ['mp4'], 'video/quicktime': ['mov'], 'audio/mpeg': ['mp3'], 'audio/wav': ['wav'],
};
const extensionsOf = (rule: SlotRule) => rule.types.flatMap((type) => EXTENSIONS[type] ?? []);

/** Lets the user pick the files of a slot, from the workspace (a quick pick) or anywhere on disk (a dialog). */
export function pickInputs(rule: SlotRule, source: 'workspace' | 'disk'): Thenable<vscode.Uri[] | undefined> {
  return source === 'workspace' ? pickFromWorkspace(rule) : pickFromDisk(rule);
}

async function pickFromWorkspace(rule: SlotRule): Promise<vscode.Uri[] | undefined> {
  const found = await vscode.workspace.findFiles(`**/*.{${extensionsOf(rule).join(',')}}`, '**/{node_modules,.git}/**', 2000);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('The workspace has no {0} files.', extensionsOf(rule).join(', ')));
    return undefined;
  }
  const items = found.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)), uri }));
  if (rule.max === 1) return [(await vscode.window.showQuickPick(items, { title: l10n.t('Pick a file from the workspace'), matchOnDescription: true }))?.uri].filter((uri) => uri !== undefined);
  return (await vscode.window.showQuickPick(items, { title: l10n.t('Pick files from the workspace'), matchOnDescription: true, canPickMany: true }))?.map((item) => item.uri);
}

function pickFromDisk(rule: SlotRule): Thenable<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    canSelectMany: rule.max > 1,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [l10n.t('Supported files')]: [...extensionsOf(rule)], [l10n.t('All files')]: ['*'] },
  });
}
