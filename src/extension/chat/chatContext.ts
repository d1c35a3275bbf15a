import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import { PASTED_IMAGE_MAX_BYTES } from '../../shared/protocol/chat';
import { readTextFiles, type NewAttachment, type Picked } from './chatAttachments';

/** The `#` file picker lists at most this many workspace files (VS Code's own pickers stop early too). */
export const MAX_LISTED_FILES = 5000;
const EXCLUDED = '**/{node_modules,.git,dist,out,build,.vscode-test}/**';

/** `#` in the chat input: a quick pick of the workspace's files; the picked one is attached like Attach File. */
export async function pickWorkspaceFile(): Promise<Picked> {
  const uris = await vscode.workspace.findFiles('**/*', EXCLUDED, MAX_LISTED_FILES);
  const items = uris
    .map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri, false), uri }))
    .sort((a, b) => a.description.localeCompare(b.description));
  const picked = await vscode.window.showQuickPick(items, {
    title: l10n.t('Attach a File to the Conversation'),
    placeHolder: items.length ? l10n.t('Type to search the workspace\'s files') : l10n.t('Open a folder to attach its files.'),
    matchOnDescription: true,
  });
  return picked ? readTextFiles([picked.uri]) : { attachments: [], refused: [] };
}

/** Image types a model reads, told by their first bytes (the name and the page's word are not trusted). */
const SIGNATURES: readonly { readonly mimeType: string; readonly extension: string; readonly matches: (data: Uint8Array) => boolean }[] = [
  { mimeType: 'image/png', extension: 'png', matches: (data) => startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mimeType: 'image/jpeg', extension: 'jpg', matches: (data) => startsWith(data, [0xff, 0xd8, 0xff]) },
  { mimeType: 'image/gif', extension: 'gif', matches: (data) => startsWith(data, [0x47, 0x49, 0x46, 0x38]) },
  { mimeType: 'image/webp', extension: 'webp', matches: (data) => startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data.subarray(8), [0x57, 0x45, 0x42, 0x50]) },
  { mimeType: 'image/bmp', extension: 'bmp', matches: (data) => startsWith(data, [0x42, 0x4d]) },
];

const startsWith = (data: Uint8Array, bytes: readonly number[]) => data.length >= bytes.length && bytes.every((byte, index) => data[index] === byte);

/** The image type of some bytes, or undefined when they are not an image a model reads. */
export const imageTypeOf = (data: Uint8Array) => SIGNATURES.find((signature) => signature.matches(data));

/**
 * An image pasted or dropped into the chat input: checked (size, then type by its bytes) and kept as a file in
 * `folder`, since attachments refer to images by path. A refusal says why.
 */
export async function pastedImage(base64: string, name: string, folder: vscode.Uri): Promise<Picked> {
  const refuse = (reason: string): Picked => ({ attachments: [], refused: [reason] });
  // Checked on the text first, so an oversized paste is never decoded.
  if (Math.floor((base64.length * 3) / 4) > PASTED_IMAGE_MAX_BYTES + 2) return refuse(l10n.t('{0} is larger than {1} MB.', name, PASTED_IMAGE_MAX_BYTES / 1024 / 1024));
  const data = Buffer.from(base64, 'base64');
  if (data.byteLength > PASTED_IMAGE_MAX_BYTES) return refuse(l10n.t('{0} is larger than {1} MB.', name, PASTED_IMAGE_MAX_BYTES / 1024 / 1024));
  const type = imageTypeOf(data);
  if (!type) return refuse(l10n.t('{0} is not a PNG, JPEG, GIF, WebP or BMP image.', name));
  const file = vscode.Uri.joinPath(folder, `${randomUUID()}.${type.extension}`);
  await vscode.workspace.fs.writeFile(file, data);
  const attachment: NewAttachment = { kind: 'image', name, path: file.fsPath, mimeType: type.mimeType, sizeBytes: data.byteLength };
  return { attachments: [attachment], refused: [] };
}
