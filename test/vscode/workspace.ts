import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigurationModel } from './configuration';
import { EventEmitter } from './events';
import { FileType } from './types';
import { Uri } from './uri';

export const configuration = new ConfigurationModel();

const trustGranted = new EventEmitter<void>();
const foldersChanged = new EventEmitter<unknown>();

/** `vscode.workspace.fs` over the real file system (tests point it at temporary folders). */
const fileSystem = {
  async readFile(uri: Uri): Promise<Uint8Array> {
    return new Uint8Array(await fs.readFile(uri.fsPath));
  },
  async writeFile(uri: Uri, content: Uint8Array): Promise<void> {
    await fs.mkdir(path.dirname(uri.fsPath), { recursive: true });
    await fs.writeFile(uri.fsPath, content);
  },
  async stat(uri: Uri): Promise<{ type: FileType; size: number; mtime: number; ctime: number }> {
    const stats = await fs.stat(uri.fsPath);
    return { type: stats.isDirectory() ? FileType.Directory : FileType.File, size: stats.size, mtime: stats.mtimeMs, ctime: stats.ctimeMs };
  },
  async createDirectory(uri: Uri): Promise<void> {
    await fs.mkdir(uri.fsPath, { recursive: true });
  },
  async delete(uri: Uri, options?: { recursive?: boolean }): Promise<void> {
    await fs.rm(uri.fsPath, { recursive: options?.recursive ?? false });
  },
  async readDirectory(uri: Uri): Promise<[string, FileType][]> {
    const entries = await fs.readdir(uri.fsPath, { withFileTypes: true });
    return entries.map((entry) => [entry.name, entry.isDirectory() ? FileType.Directory : FileType.File]);
  },
  async rename(source: Uri, target: Uri): Promise<void> {
    await fs.rename(source.fsPath, target.fsPath);
  },
  async copy(source: Uri, target: Uri): Promise<void> {
    await fs.copyFile(source.fsPath, target.fsPath);
  },
};

export const workspace = {
  fs: fileSystem,
  workspaceFolders: undefined as { uri: Uri; name: string; index: number }[] | undefined,
  isTrusted: true,
  onDidGrantWorkspaceTrust: trustGranted.event,
  onDidChangeWorkspaceFolders: foldersChanged.event,
  onDidChangeConfiguration: configuration.changed.event,
  getConfiguration: (section?: string) => configuration.section(section),
  getWorkspaceFolder(uri: Uri) {
    return workspace.workspaceFolders?.find((folder) => uri.fsPath === folder.uri.fsPath || uri.fsPath.startsWith(folder.uri.fsPath + path.sep));
  },
  asRelativePath(target: Uri | string): string {
    const fsPath = typeof target === 'string' ? target : target.fsPath;
    const folder = workspace.getWorkspaceFolder(Uri.file(fsPath));
    return folder ? path.relative(folder.uri.fsPath, fsPath) : fsPath;
  },
  async openTextDocument(target: Uri | { content?: string; language?: string }) {
    if (target instanceof Uri) {
      const text = await fs.readFile(target.fsPath, 'utf8');
      return { uri: target, getText: () => text, languageId: path.extname(target.fsPath).slice(1), fileName: target.fsPath };
    }
    return { uri: Uri.from({ scheme: 'untitled', path: 'Untitled-1' }), getText: () => target.content ?? '', languageId: target.language ?? 'plaintext', fileName: 'Untitled-1' };
  },

  /** Test control: open a folder (or none), and grant trust later as the user would. */
  openFolder(folder: string | undefined): void {
    workspace.workspaceFolders = folder === undefined ? undefined : [{ uri: Uri.file(folder), name: path.basename(folder), index: 0 }];
    foldersChanged.fire({});
  },
  grantTrust(): void {
    workspace.isTrusted = true;
    trustGranted.fire();
  },
};
