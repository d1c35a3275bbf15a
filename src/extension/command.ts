import * as vscode from 'vscode';
import { describeError } from './errors';
import type { Log } from './log';

/**
 * Registers a command whose failure is logged (with the command id) and shown to the user, instead of surfacing as
 * VS Code's generic "command failed" or vanishing in a rejected promise.
 */
export function registerCommand<A extends unknown[]>(log: Log, id: string, run: (...args: A) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      log.error(`${id} failed`, error);
      void vscode.window.showErrorMessage(describeError(error));
    }
  });
}
