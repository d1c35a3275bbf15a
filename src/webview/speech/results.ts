import * as l10n from '@vscode/l10n';
import { button, h, progressRing } from '../components/toolkit';
import type { SpeechEntryView } from '../../shared/protocol/speech';

/** What a result card's buttons ask of the host. */
export interface ResultActions {
  openPreview(entryId: string): void;
  saveAs(entryId: string): void;
  copyRequest(entryId: string, language: 'curl' | 'typescript'): void;
  remove(entryId: string): void;
}

/**
 * The list of syntheses, newest first. Only cards whose entry changed are rebuilt, so audio that is playing
 * in another card keeps playing.
 */
export class ResultList {
  readonly element = h('section', { class: 'results', 'aria-label': l10n.t('Results') });
  private cards = new Map<string, { readonly data: string; readonly element: HTMLElement }>();

  constructor(private readonly actions: ResultActions) {}

  render(entries: readonly SpeechEntryView[]): void {
    if (entries.length === 0) {
      this.cards.clear();
      this.element.replaceChildren(h('p', { class: 'muted' }, [l10n.t('Spoken results appear here and are saved at once as WAV files (the service\'s links expire).')]));
      return;
    }
    const cards = entries.map((entry) => {
      const data = JSON.stringify(entry);
      const known = this.cards.get(entry.id);
      return { id: entry.id, data, element: known?.data === data ? known.element : this.card(entry) };
    });
    this.cards = new Map(cards.map((card) => [card.id, card]));
    cards.forEach((card, index) => {
      if (this.element.children[index] !== card.element) this.element.insertBefore(card.element, this.element.children[index] ?? null);
    });
    while (this.element.children.length > cards.length) this.element.lastElementChild!.remove();
    this.element.querySelector(':scope > p.muted')?.remove();
  }

  /** The audio element of an entry's card, once its file is saved. */
  audioOf(entryId: string): HTMLAudioElement | null {
    return this.element.querySelector<HTMLAudioElement>(`[data-entry="${CSS.escape(entryId)}"] audio`);
  }

  private card(entry: SpeechEntryView): HTMLElement {
    const { id } = entry;
    const body: (HTMLElement | null)[] = [];
    if (entry.status === 'running') body.push(h('div', { class: 'progress', role: 'status' }, [progressRing(l10n.t('Speaking')), h('span', {}, [l10n.t('Speaking…')])]));
    if (entry.error) body.push(h('div', { class: 'entry-error', role: 'alert' }, [entry.error.code ? `${entry.error.code}: ${entry.error.message}` : entry.error.message]));
    if (entry.file) body.push(h('audio', { controls: true, preload: 'metadata', src: entry.file.uri, 'aria-label': entry.file.name }));
    const actions = h('div', { class: 'actions' }, [
      entry.file ? button(l10n.t('Open in Preview'), { appearance: 'secondary', onClick: () => this.actions.openPreview(id) }) : null,
      entry.file ? button(l10n.t('Save As…'), { appearance: 'secondary', onClick: () => this.actions.saveAs(id) }) : null,
      button(l10n.t('Copy as curl'), { appearance: 'secondary', onClick: () => this.actions.copyRequest(id, 'curl') }),
      button(l10n.t('Copy as TypeScript'), { appearance: 'secondary', onClick: () => this.actions.copyRequest(id, 'typescript') }),
      entry.status === 'running' ? null : button(l10n.t('Remove'), { appearance: 'secondary', onClick: () => this.actions.remove(id) }),
    ]);
    return h('article', { class: `entry ${entry.status}`, 'data-entry': id }, [
      h('div', { class: 'entry-text' }, [entry.text]),
      h('div', { class: 'muted entry-meta' }, [[entry.model, entry.voice, new Date(entry.createdAt).toLocaleString()].join(' · ')]),
      ...body,
      actions,
    ]);
  }
}
