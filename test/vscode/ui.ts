/**
 * The user, as tests script them: every message, quick pick, input box and dialog the host shows is recorded
 * in `ui.shown`, and answered by the responder a test sets (no responder: dismissed, as Escape would).
 */

export type Prompt =
  | { kind: 'info' | 'warning' | 'error'; message: string; items: string[]; modal: boolean }
  | { kind: 'quickPick'; items: unknown[]; placeHolder?: string; title?: string }
  | { kind: 'inputBox'; prompt?: string; value?: string; title?: string; validate?: (value: string) => unknown }
  | { kind: 'openDialog' | 'saveDialog'; options: unknown }
  | { kind: 'statusBarMessage'; message: string };

export type Responder = (prompt: Prompt) => unknown;

export const ui = {
  shown: [] as Prompt[],
  responder: undefined as Responder | undefined,

  /** Answers every following prompt with `responder` (return undefined to dismiss). */
  respond(responder: Responder): void {
    this.responder = responder;
  },

  /** Answers message boxes by clicking the item labelled `label` whenever it is offered. */
  click(label: string): void {
    this.respond((prompt) => ('items' in prompt && Array.isArray(prompt.items) && prompt.items.includes(label) ? label : undefined));
  },

  messages(kind?: 'info' | 'warning' | 'error'): string[] {
    return this.shown.flatMap((prompt) => (prompt.kind === 'info' || prompt.kind === 'warning' || prompt.kind === 'error') && (kind === undefined || prompt.kind === kind) ? [prompt.message] : []);
  },

  async answer(prompt: Prompt): Promise<unknown> {
    this.shown.push(prompt);
    return this.responder?.(prompt);
  },

  reset(): void {
    this.shown = [];
    this.responder = undefined;
  },
};
