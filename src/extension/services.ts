import type * as vscode from 'vscode';
import type { Connection } from './connection';
import type { KeyStore } from './keys/keyStore';
import type { Log } from './log';
import type { UsageRecorder } from './usage/usageRecorder';
import type { Milestones } from './walkthrough/milestones';

/** What every feature of the extension host is built from. Created once in `activate`. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly keys: KeyStore;
  readonly connection: Connection;
  /** Steps of the Get Started walkthrough the user has done. */
  readonly milestones: Milestones;
  /** Records what each call used, for the Usage view. */
  readonly usage: UsageRecorder;
}
