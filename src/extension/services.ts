import type * as vscode from 'vscode';
import type { Connection } from './connection';
import type { KeyStore } from './keys/keyStore';
import type { Log } from './log';

/** What every feature of the extension host is built from. Created once in `activate`. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly keys: KeyStore;
  readonly connection: Connection;
}
