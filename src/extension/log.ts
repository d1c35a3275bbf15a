import * as vscode from 'vscode';
import { SecretRedactor } from './secretRedactor';

/**
 * Control characters, line and paragraph separators and bidirectional overrides, written as `\n`, `\u202e`…:
 * a server id carrying a newline cannot forge a log line, nor an override disguise one.
 */
export function escapeControls(text: string): string {
  let escaped = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control = (code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029
      || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    if (!control) continue;
    escaped += text.slice(from, i) + (code === 0x0a ? '\\n' : code === 0x0d ? '\\r' : `\\u${code.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  return from === 0 ? text : escaped + text.slice(from);
}

/** The "DashScope" log channel. Every line passes through the redactor, so a key can never reach it, and is one line. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('DashScope', { log: true });

  constructor(readonly redactor: SecretRedactor) {}

  info(message: string): void {
    this.channel.info(this.line(message));
  }

  warn(message: string): void {
    this.channel.warn(this.line(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.channel.error(this.line(message + detail));
  }

  private line(message: string): string {
    return escapeControls(this.redactor.redact(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
