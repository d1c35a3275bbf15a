import * as l10n from '@vscode/l10n';
import { h } from '../components/toolkit';
import type { ChatMessageView } from '../../shared/protocol/chat';
import { MessageView, type MessageActions } from './messageView';

/** The last messages of a conversation are rendered when it opens; earlier ones as they are scrolled near. */
const RENDERED_AT_OPEN = 30;
/** Messages scrolled near are rendered a few milliseconds' worth a frame, so scrolling up a long conversation does not stutter. */
const BUILD_BUDGET_MS = 6;

/**
 * The conversation's messages: one view each, kept across states (only a message that changed is rebuilt, in
 * place), and the scrolling container they live in.
 */
export class MessageList {
  readonly element = h('section', { class: 'messages', 'aria-label': l10n.t('Messages') });
  private readonly views = new Map<string, MessageView>();
  private readonly empty = h('div', { class: 'empty muted' }, [l10n.t('Ask Qwen anything. Attach files or a selection for context; Shift+Enter adds a line.')]);
  private readonly toBuild = new Set<MessageView>();
  private buildScheduled = false;
  private readonly deferred = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => this.nearView(entries), { root: this.element, rootMargin: '1000px 0px' })
    : undefined;

  constructor(private readonly actions: MessageActions) {}

  get(id: string): MessageView | undefined {
    return this.views.get(id);
  }

  /**
   * Shows `messages`, rebuilding only those whose content changed, in place; the others are not even moved, so an
   * open reasoning block, the focus and a selection in them survive every state. Returns whether anything changed.
   */
  show(messages: readonly ChatMessageView[]): boolean {
    const keep = new Set(messages.map((message) => message.id));
    let changed = false;
    for (const [id, view] of this.views) {
      if (!keep.has(id)) {
        this.drop(view);
        this.views.delete(id);
        changed = true;
      }
    }
    if (messages.length === 0) {
      if (!this.empty.isConnected) this.element.replaceChildren(this.empty);
      return changed;
    }
    this.empty.remove();
    let previous: HTMLElement | undefined;
    for (const [index, message] of messages.entries()) {
      let view = this.views.get(message.id);
      if (!view || view.signature !== MessageView.signature(message)) {
        if (view) this.drop(view);
        const later = this.deferred !== undefined && index < messages.length - RENDERED_AT_OPEN;
        view = new MessageView(message, this.actions, later);
        if (later) this.deferred!.observe(view.element);
        this.views.set(message.id, view);
      }
      const expected = previous ? previous.nextElementSibling : this.element.firstElementChild;
      if (expected !== view.element) {
        if (previous) previous.after(view.element);
        else this.element.prepend(view.element);
        changed = true;
      }
      previous = view.element;
    }
    return changed;
  }

  add(message: ChatMessageView): void {
    const view = new MessageView(message, this.actions);
    this.views.set(message.id, view);
    this.empty.remove();
    this.element.append(view.element);
  }

  /** Renders what streamed into the messages since the last call. */
  render(): void {
    for (const view of this.views.values()) view.render();
  }

  isPinnedToEnd(): boolean {
    return this.element.scrollTop + this.element.clientHeight >= this.element.scrollHeight - 40;
  }

  scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }

  private drop(view: MessageView): void {
    this.deferred?.unobserve(view.element);
    this.toBuild.delete(view);
    view.dispose();
    view.element.remove();
  }

  private nearView(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const view = this.views.get((entry.target as HTMLElement).dataset.messageId ?? '');
      if (view && entry.isIntersecting) this.toBuild.add(view);
      else if (view) this.toBuild.delete(view);
    }
    this.scheduleBuild();
  }

  private scheduleBuild(): void {
    if (this.buildScheduled || this.toBuild.size === 0) return;
    this.buildScheduled = true;
    requestAnimationFrame(() => this.buildSome());
  }

  private buildSome(): void {
    this.buildScheduled = false;
    const started = performance.now();
    // Nearest the end first: the reader scrolls up from it.
    for (const view of [...this.toBuild].reverse()) {
      if (performance.now() - started > BUILD_BUDGET_MS) break;
      this.toBuild.delete(view);
      this.deferred?.unobserve(view.element);
      view.build();
    }
    this.scheduleBuild();
  }
}
