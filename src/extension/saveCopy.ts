import path from 'node:path';
import * as vscode from 'vscode';

/**
 * Asks where to save a copy of `source` (offered in the first workspace folder, else beside the file) and copies it
 * there. Returns where it went, or undefined when the user cancels.
 */
export async function saveCopyAs(source: vscode.Uri, title?: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const destination = await vscode.window.showSaveDialog({
    ...(title ? { title } : {}),
    defaultUri: folder ? vscode.Uri.joinPath(folder, path.basename(source.fsPath)) : source,
  });
  if (!destination) return undefined;
  await vscode.workspace.fs.copy(source, destination, { overwrite: true });
  return destination;
}
