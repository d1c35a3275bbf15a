import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { mimeTypeOf } from '../../dashscope';
import type { StoredAttachment } from './conversationStore';

export type NewAttachment = Omit<StoredAttachment, 'id'>;

/** Text files larger than this are refused: they would crowd out the conversation. */
export const MAX_TEXT_BYTES = 512 * 1024;
/** Images larger than this are refused (up to the client's inline limit they go as data: URLs, beyond it uploaded). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp'];

const workspacePath = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri, false);

/** The selection of an editor (or its whole document when nothing is selected), with where it comes from. */
export function selectionAttachment(editor: vscode.TextEditor): NewAttachment {
  const { document, selection } = editor;
  const range = selection.isEmpty ? undefined : selection;
  const text = document.getText(range);
  const name = path.basename(document.fileName);
  const where = range ? `${workspacePath(document.uri)}:${range.start.line + 1}-${range.end.line + 1}` : workspacePath(document.uri);
  return { kind: 'selection', name, language: document.languageId, text, source: where, sizeBytes: Buffer.byteLength(text) };
}

export interface Picked {
  readonly attachments: NewAttachment[];
  /** Files that were not attached, and why. */
  readonly refused: string[];
}

export async function pickTextFiles(): Promise<Picked> {
  const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: l10n.t('Attach'), title: l10n.t('Attach Files to the Conversation') });
  return readTextFiles(uris ?? []);
}

/** Text files as attachments; a file over the size limit, or not text, is refused with the reason. */
export async function readTextFiles(uris: readonly vscode.Uri[]): Promise<Picked> {
  const attachments: NewAttachment[] = [];
  const refused: string[] = [];
  for (const uri of uris) {
    const name = path.basename(uri.fsPath);
    // The size is checked before reading, so a huge file is never loaded; and again after, in case it grew.
    const { size } = await vscode.workspace.fs.stat(uri);
    const data = size > MAX_TEXT_BYTES ? undefined : await vscode.workspace.fs.readFile(uri);
    if (!data || data.byteLength > MAX_TEXT_BYTES) {
      refused.push(l10n.t('{0} is larger than {1} KB.', name, MAX_TEXT_BYTES / 1024));
    } else if (data.includes(0)) {
      refused.push(l10n.t('{0} is not a text file.', name));
    } else {
      const document = await vscode.workspace.openTextDocument(uri);
      attachments.push({ kind: 'file', name, language: document.languageId, text: document.getText(), source: workspacePath(uri), sizeBytes: data.byteLength });
    }
  }
  return { attachments, refused };
}

export async function pickImages(): Promise<Picked> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: l10n.t('Attach'),
    title: l10n.t('Attach Images to the Conversation'),
    filters: { [l10n.t('Images')]: IMAGE_EXTENSIONS },
  });
  const attachments: NewAttachment[] = [];
  const refused: string[] = [];
  for (const uri of uris ?? []) {
    const name = path.basename(uri.fsPath);
    const { size } = await fs.stat(uri.fsPath);
    if (size > MAX_IMAGE_BYTES) refused.push(l10n.t('{0} is larger than {1} MB.', name, MAX_IMAGE_BYTES / 1024 / 1024));
    else attachments.push({ kind: 'image', name, path: uri.fsPath, mimeType: mimeTypeOf(name), sizeBytes: size });
  }
  return { attachments, refused };
}
