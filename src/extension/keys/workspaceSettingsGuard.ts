import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { Log } from '../log';
import { MACHINE_SETTINGS } from '../settings';

const GUARDED = MACHINE_SETTINGS.map((key) => `dashscope.${key}`);
/** Larger settings files are not scanned: the warning is a courtesy, the values are ignored either way. */
const MAX_SETTINGS_FILE_BYTES = 1024 * 1024;

function decodeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Every object key of a JSON-with-comments text, at any depth; comments are skipped. Linear in the text's length. */
export function jsoncKeys(text: string): Set<string> {
  const keys = new Set<string>();
  let lastString: string | undefined;
  for (let i = 0; i < text.length; ) {
    const char = text[i]!;
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      lastString = decodeJsonString(text.slice(i + 1, end));
      i = end + 1;
    } else if (char === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      if (char === ':' && lastString !== undefined) keys.add(lastString);
      if (!/\s/.test(char)) lastString = undefined;
      i++;
    }
  }
  return keys;
}

async function readSmallFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_SETTINGS_FILE_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * Tells the user, once per window and setting, that a workspace tries to set a setting that decides where the key
 * or files go, and that its value is ignored. VS Code drops such values from `.vscode/settings.json` before
 * extensions see them, so the files themselves are read to notice the attempt.
 */
export class WorkspaceSettingsGuard extends Disposable {
  private readonly warned = new Set<string>();
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly log: Log) {
    super();
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.check()));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('dashscope')) void this.check();
    }));
  }

  /** Checks run one after another, so two quick changes never warn twice about one setting. */
  check(): Promise<void> {
    this.pending = this.pending.then(() => this.scan());
    return this.pending;
  }

  /** Resolves once every check asked for so far has run. */
  idle(): Promise<void> {
    return this.pending;
  }

  private async scan(): Promise<void> {
    const fresh = (await this.setByWorkspace()).filter((setting) => !this.warned.has(setting));
    if (fresh.length === 0 || this.isDisposed) return;
    for (const setting of fresh) this.warned.add(setting);
    const names = fresh.join(', ');
    this.log.warn(`The workspace sets ${names}; its value is ignored and the user setting is used.`);
    void this.warn(names, fresh[0]!);
  }

  private async warn(names: string, first: string): Promise<void> {
    const open = l10n.t('Open User Settings');
    const choice = await vscode.window.showWarningMessage(
      l10n.t('This workspace sets {0}, which decides where your API key or downloaded files go. DashScope Studio ignores the workspace value and uses your user settings.', names),
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openGlobalSettings', { query: first });
  }

  private async setByWorkspace(): Promise<string[]> {
    const found = new Set<string>();
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const scope of [undefined, ...folders.map((folder) => folder.uri)]) {
      const configuration = vscode.workspace.getConfiguration('dashscope', scope);
      for (const key of MACHINE_SETTINGS) {
        const inspected = configuration.inspect(key);
        if (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined) found.add(`dashscope.${key}`);
      }
    }
    const files = folders.map((folder) => vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
    if (vscode.workspace.workspaceFile?.scheme === 'file') files.push(vscode.workspace.workspaceFile);
    for (const file of files) {
      const text = await readSmallFile(file);
      if (text === undefined) continue;
      const keys = jsoncKeys(text);
      for (const setting of GUARDED) if (keys.has(setting)) found.add(setting);
    }
    return GUARDED.filter((setting) => found.has(setting));
  }
}
