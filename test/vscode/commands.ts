import { Disposable } from './events';

type Handler = (...args: unknown[]) => unknown;

const registered = new Map<string, Handler>();

/**
 * Commands registered by host code run when executed; any other command (a VS Code built-in) is recorded in
 * `executed` and answers undefined. `setContext` values land in `contextKeys`.
 */
export const commands = {
  executed: [] as { command: string; args: unknown[] }[],
  contextKeys: new Map<string, unknown>(),

  registerCommand(command: string, handler: Handler, thisArg?: unknown): Disposable {
    if (registered.has(command)) throw new Error(`command '${command}' already exists`);
    registered.set(command, thisArg === undefined ? handler : handler.bind(thisArg));
    return new Disposable(() => registered.delete(command));
  },
  async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    commands.executed.push({ command, args });
    if (command === 'setContext') {
      commands.contextKeys.set(String(args[0]), args[1]);
      return undefined;
    }
    return registered.get(command)?.(...args);
  },
  async getCommands(): Promise<string[]> {
    return [...registered.keys()];
  },
  reset(): void {
    registered.clear();
    commands.executed = [];
    commands.contextKeys.clear();
  },
};
