import * as l10n from '@vscode/l10n';
import { h } from '../components/toolkit';
import type { ChatMessageView } from '../../shared/protocol/chat';
import { estimatedHeight, MessageView, type MessageActions } from './messageView';

/** The last messages of a conversation are rendered when it opens; earlier ones as they are scrolled near. */
const RENDERED_AT_OPEN = 30;
/** Messages scrolled near are rendered a few milliseconds' worth a frame (leaving the frame time to lay them out), so scrolling up a long conversation does not stutter. */
const BUILD_BUDGET_MS = 3;
/**
 * Earlier messages are kept in groups of this many, each skipped by layout and paint while off screen. Skipping each
 * message instead made the browser check hundreds of them for visibility and relayout every frame of a scroll;
 * larger groups make the frame a group comes into view lay out too much at once (measured: npm run bench -- chat-long).
 */
const GROUP_SIZE = 5;
/** The latest messages stay ungrouped: new ones join them, and a message is grouped only once this far back. */
const UNGROUPED_TAIL = 30;

/** How many of `count` messages are in groups: whole groups only, leaving at least the tail ungrouped. */
const groupedCount = (count: number) => Math.max(0, Math.floor((count - UNGROUPED_TAIL) / GROUP_SIZE) * GROUP_SIZE);

/**
 * The conversation's messages: one view each, kept across states (only a message that changed is rebuilt, in
 * place), and the scrolling container they live in.
 */
export class MessageList {
  readonly element = h('section', { class: 'messages', 'aria-label': l10n.t('Messages') });
  private readonly views = new Map<string, MessageView>();
  private readonly empty = h('div', { class: 'empty muted' }, [l10n.t('Ask Qwen anything. Attach files or a selection for context; Shift+Enter adds a line.')]);
  private readonly groups: HTMLElement[] = [];
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
      this.groups.length = 0;
      if (!this.empty.isConnected) this.element.replaceChildren(this.empty);
      return changed;
    }
    this.empty.remove();
    const grouped = groupedCount(messages.length);
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
      const inGroup = index < grouped;
      const parent = inGroup ? this.group(Math.floor(index / GROUP_SIZE)) : this.element;
      // The element it follows: the previous message, or nothing at a group's start, or the last group at the tail's start.
      const after = inGroup ? (index % GROUP_SIZE === 0 ? undefined : previous) : index === grouped ? this.groups[grouped / GROUP_SIZE - 1] : previous;
      if ((after ? after.nextElementSibling : parent.firstElementChild) !== view.element) {
        if (after) after.after(view.element);
        else parent.prepend(view.element);
        changed = true;
      }
      previous = view.element;
    }
    for (const group of this.groups.splice(grouped / GROUP_SIZE)) group.remove();
    this.groups.forEach((group, index) => sizeGroup(group, messages.slice(index * GROUP_SIZE, (index + 1) * GROUP_SIZE)));
    return changed;
  }

  /** The `index`th group of earlier messages, created (after the one before it) when missing. */
  private group(index: number): HTMLElement {
    let group = this.groups[index];
    if (!group) {
      group = h('div', { class: 'message-group' });
      const before = this.groups[index - 1];
      if (before) before.after(group);
      else this.element.prepend(group);
      this.groups[index] = group;
    }
    return group;
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

/** A group's height while it has never been shown: about its messages' heights (once shown, the browser remembers it). */
function sizeGroup(group: HTMLElement, messages: readonly ChatMessageView[]): void {
  const size = `auto ${messages.reduce((sum, message) => sum + estimatedHeight(message), 0)}px`;
  if (group.style.containIntrinsicSize !== size) group.style.containIntrinsicSize = size;
}
