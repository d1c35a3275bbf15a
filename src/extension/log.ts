import * as vscode from 'vscode';
import { SecretRedactor } from './secretRedactor';

/** The "DashScope" log channel. Every line passes through the redactor, so a key can never reach it. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('DashScope', { log: true });

  constructor(readonly redactor: SecretRedactor) {}

  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.channel.error(this.redactor.redact(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
