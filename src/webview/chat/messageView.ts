import * as l10n from '@vscode/l10n';
import { button, h, textArea } from '../components/toolkit';
import type { AttachmentView, ChatMessageView, ReplyError, ReplyMetrics, ReplyReference } from '../../shared/protocol/chat';
import type { CodeBlockRenderer } from './markdown';
import { iconButton } from './icons';
import { StreamingMarkdown } from './streamingMarkdown';

/** What a message's buttons do. */
export interface MessageActions {
  readonly codeBlock: CodeBlockRenderer;
  /** `model`: switch the conversation to it first. */
  regenerate(messageId: string, model?: string): void;
  /** Continues an interrupted reply. */
  continueReply(messageId: string): void;
  copyRequest(messageId: string, language: 'curl' | 'typescript'): void;
  editAndResend(messageId: string, text: string): void;
  setApiKey(): void;
  focusModel(): void;
  copy(text: string): void;
  /** Opens the editor of the last prompt before this reply (content rejected: edit and resend). */
  editPromptBefore(messageId: string): void;
}

const formatMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

export function metricsText(metrics: ReplyMetrics | undefined): string {
  if (!metrics) return '';
  const parts: string[] = [];
  if (metrics.firstTokenMs !== undefined) parts.push(l10n.t('first token {0}', formatMs(metrics.firstTokenMs)));
  if (metrics.totalMs !== undefined) parts.push(l10n.t('total {0}', formatMs(metrics.totalMs)));
  const usage = metrics.usage;
  if (usage) {
    parts.push(l10n.t('{0} in · {1} out tokens', usage.promptTokens, usage.completionTokens));
    if (usage.reasoningTokens) parts.push(l10n.t('{0} thinking', usage.reasoningTokens));
  }
  return parts.join(' · ');
}

/** Roughly how tall a message is before it is rendered (lines of about 60 characters), so the scroll bar is about right. */
export const estimatedHeight = (message: ChatMessageView) => 48 + Math.ceil(message.content.length / 60) * 20;

export function attachmentChip(attachment: AttachmentView, onRemove?: () => void): HTMLElement {
  const icon = attachment.kind === 'image' ? '🖼' : attachment.kind === 'selection' ? '✂' : '📄';
  return h('span', { class: 'chip', title: attachment.language ? `${attachment.name} (${attachment.language})` : attachment.name }, [
    `${icon} ${attachment.name}`,
    onRemove ? h('button', { class: 'chip-remove', type: 'button', 'aria-label': l10n.t('Remove {0}', attachment.name), onclick: onRemove }, ['×']) : null,
  ]);
}

/** The passages an application's reply drew on: collapsed under their count, a numbered list when opened. */
function referencesBox(references: readonly ReplyReference[]): HTMLElement {
  return h('details', { class: 'references' }, [
    h('summary', {}, [l10n.t('References ({0})', references.length)]),
    h('ol', {}, references.map((reference) => h('li', {}, [h('strong', {}, [reference.title]), reference.source ? ` (${reference.source})` : '', reference.text ? `: ${reference.text}` : '']))),
  ]);
}

/** Who wrote a reply: the application's name, or the model's id. */
const authorOf = (message: ChatMessageView) => message.appName ?? message.model;

/**
 * One message on the page. A streaming reply keeps its Markdown renderers and appends to them; a
 * finished one is rendered once. `signature` tells whether a state from the host changes what is shown.
 * A `deferred` message is an empty landmark of about its height until `build` renders it (when scrolled near).
 */
export class MessageView {
  readonly element: HTMLElement;
  private content: StreamingMarkdown | undefined;
  private reasoning: StreamingMarkdown | undefined;
  private reasoningBox: HTMLDetailsElement | undefined;
  private footer: HTMLElement | undefined;
  private references: HTMLElement | undefined;
  private countdown: ReturnType<typeof setInterval> | undefined;
  private built = false;

  constructor(private message: ChatMessageView, private readonly actions: MessageActions, deferred = false) {
    // A landmark per message: screen readers list and jump between them.
    const author = authorOf(message);
    const label = message.role === 'user' ? l10n.t('Your prompt') : author ? l10n.t('Reply from {0}', author) : l10n.t('Reply');
    this.element = h('article', { class: `message ${message.role}`, role: 'article', 'aria-label': label, 'data-message-id': message.id });
    if (!deferred) this.build();
    else this.element.style.minHeight = `${estimatedHeight(message)}px`;
  }

  build(): void {
    if (this.built) return;
    this.built = true;
    this.element.style.removeProperty('min-height');
    if (this.message.role === 'user') this.renderUser();
    else this.renderAssistant();
  }

  get id(): string {
    return this.message.id;
  }

  static signature(message: ChatMessageView): string {
    return `${message.id}|${message.status ?? ''}|${message.content.length}|${message.reasoning?.length ?? ''}|${message.error?.kind ?? ''}`;
  }

  get signature(): string {
    return MessageView.signature(this.message);
  }

  appendText(content: string | undefined, reasoning: string | undefined): void {
    if (reasoning) {
      this.message = { ...this.message, reasoning: (this.message.reasoning ?? '') + reasoning };
      this.ensureReasoning().append(reasoning);
    }
    if (content) {
      this.message = { ...this.message, content: this.message.content + content };
      if (this.reasoningBox?.open && !this.reasoningBox.dataset.touched) this.reasoningBox.open = false;
      this.content?.append(content);
    }
  }

  /** Updates the DOM with what was appended since the last call. */
  render(): void {
    this.reasoning?.render();
    this.content?.render();
  }

  finish(message: ChatMessageView): void {
    this.message = message;
    this.reasoning?.end();
    this.content?.end();
    if (this.reasoningBox) this.reasoningBox.querySelector('summary')!.textContent = l10n.t('Thinking');
    this.element.classList.remove('streaming');
    this.renderReferences();
    this.renderFooter();
  }

  dispose(): void {
    if (this.countdown) clearInterval(this.countdown);
  }

  private renderUser(): void {
    const message = this.message;
    const text = h('div', { class: 'prompt-text' }, [message.content]);
    const chips = message.attachments?.length ? h('div', { class: 'chips' }, message.attachments.map((item) => attachmentChip(item))) : null;
    const edit = iconButton('edit', l10n.t('Edit and resend'), () => this.edit());
    this.element.append(h('div', { class: 'message-body' }, [chips, text]), h('div', { class: 'message-actions' }, [edit]));
  }

  /** Turns a prompt into an editor: Send replaces it (and everything after it) and asks again. */
  edit(): void {
    this.build();
    if (this.message.role !== 'user' || this.element.querySelector('.prompt-editor')) return;
    const field = textArea({ label: '', value: this.message.content, rows: 4 });
    const editor = h('div', { class: 'prompt-editor' }, [
      field.element,
      h('div', { class: 'message-actions' }, [
        button(l10n.t('Send'), { onClick: () => this.actions.editAndResend(this.message.id, field.value) }),
        button(l10n.t('Cancel'), { appearance: 'secondary', onClick: () => editor.remove() }),
      ]),
    ]);
    this.element.append(editor);
    field.element.focus();
  }

  private renderAssistant(): void {
    const message = this.message;
    this.element.append(h('div', { class: 'message-meta muted' }, [authorOf(message) ?? '']));
    if (message.reasoning !== undefined) {
      this.ensureReasoning();
      if (message.reasoning) this.reasoning!.append(message.reasoning);
    }
    this.content = new StreamingMarkdown(this.actions.codeBlock);
    this.content.append(message.content);
    this.element.append(this.content.element);
    if (message.status === 'streaming') {
      this.element.classList.add('streaming');
      this.render();
    } else {
      this.finish(message);
    }
  }

  private ensureReasoning(): StreamingMarkdown {
    if (this.reasoning) return this.reasoning;
    this.reasoning = new StreamingMarkdown(this.actions.codeBlock);
    const summary = h('summary', {}, [this.message.status === 'streaming' ? l10n.t('Thinking…') : l10n.t('Thinking')]);
    this.reasoningBox = h('details', { class: 'reasoning', open: this.message.status === 'streaming' && !this.message.content }, [summary, this.reasoning.element]);
    summary.addEventListener('click', () => (this.reasoningBox!.dataset.touched = 'true'));
    this.element.querySelector('.message-meta')!.after(this.reasoningBox);
    return this.reasoning;
  }

  private renderReferences(): void {
    this.references?.remove();
    const references = this.message.references ?? [];
    this.references = references.length > 0 ? referencesBox(references) : undefined;
    if (this.references) this.content?.element.after(this.references);
  }

  private renderFooter(): void {
    this.footer?.remove();
    const message = this.message;
    const interrupted = message.status === 'interrupted';
    // An application's request cannot be rebuilt as it was sent (see `appName`).
    const copiesRequest = message.content && message.status !== 'streaming' && !message.appName;
    const status = message.status === 'stopped' ? h('span', { class: 'status' }, [l10n.t('Stopped')])
      : interrupted ? h('span', { class: 'status', role: 'note' }, [l10n.t('Interrupted: VS Code closed or reloaded while this reply was being written.')])
        : message.finishReason === 'length' ? h('span', { class: 'status' }, [l10n.t('Cut off at the token limit')])
          : null;
    this.footer = h('div', { class: 'message-footer' }, [
      message.error ? this.errorBox(message.error) : null,
      h('div', { class: 'message-actions' }, [
        status,
        h('span', { class: 'metrics muted' }, [metricsText(message.metrics)]),
        message.content ? iconButton('copy', l10n.t('Copy the reply as Markdown'), () => this.actions.copy(this.message.content)) : null,
        copiesRequest ? iconButton('terminal', l10n.t('Copy the request for this reply as curl'), () => this.actions.copyRequest(this.message.id, 'curl')) : null,
        copiesRequest ? iconButton('braces', l10n.t('Copy the request for this reply as TypeScript'), () => this.actions.copyRequest(this.message.id, 'typescript')) : null,
        interrupted && message.content ? button(l10n.t('Continue'), { title: l10n.t('Continue the reply from where it was cut'), onClick: () => this.actions.continueReply(this.message.id) }) : null,
        iconButton('refresh', l10n.t('Regenerate'), () => this.actions.regenerate(this.message.id)),
      ]),
    ]);
    this.element.append(this.footer);
  }

  private errorBox(error: ReplyError): HTMLElement {
    const actions: HTMLElement[] = [];
    const retry = () => this.actions.regenerate(this.message.id);
    switch (error.kind) {
      case 'auth':
        actions.push(button(l10n.t('Set API Key'), { onClick: () => this.actions.setApiKey() }), button(l10n.t('Retry'), { appearance: 'secondary', onClick: retry }));
        break;
      case 'throttled':
        actions.push(this.retryCountdown(error.retryAfterSeconds ?? 0, retry));
        break;
      case 'rejected':
        actions.push(button(l10n.t('Edit Prompt'), { onClick: () => this.actions.editPromptBefore(this.message.id) }));
        break;
      case 'model':
        actions.push(button(l10n.t('Choose Model'), { onClick: () => this.actions.focusModel() }), button(l10n.t('Retry'), { appearance: 'secondary', onClick: retry }));
        break;
      default:
        actions.push(button(l10n.t('Retry'), { onClick: retry }));
    }
    const suggested = error.suggestedModel;
    if (suggested) actions.unshift(button(l10n.t('Retry with {0}', suggested), { onClick: () => this.actions.regenerate(this.message.id, suggested) }));
    return h('div', { class: `reply-error ${error.kind}`, role: 'alert' }, [
      h('div', { class: 'reply-error-message' }, [error.message]),
      error.requestId ? h('div', { class: 'muted' }, [l10n.t('Request {0}', error.requestId)]) : null,
      h('div', { class: 'message-actions' }, actions),
    ]);
  }

  /** "Retry in N s", counting down, then a Retry button. */
  private retryCountdown(seconds: number, retry: () => void): HTMLElement {
    const control = button(l10n.t('Retry'), { onClick: retry });
    let left = Math.ceil(seconds);
    const show = () => {
      control.textContent = left > 0 ? l10n.t('Retry in {0} s', left) : l10n.t('Retry');
      control.toggleAttribute('disabled', left > 0);
    };
    show();
    if (left > 0) {
      this.countdown = setInterval(() => {
        left--;
        show();
        if (left <= 0 && this.countdown) clearInterval(this.countdown);
      }, 1000);
    }
    return control;
  }
}
