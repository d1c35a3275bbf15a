import * as l10n from '@vscode/l10n';
import { button, h, progressRing } from '../components/toolkit';
import type { SpeechEntryView } from '../../shared/protocol/speech';
import { KeyedCards } from '../shared/keyedCards';

/** What a result card's buttons ask of the host. */
export interface ResultActions {
  openPreview(entryId: string): void;
  saveAs(entryId: string): void;
  copyRequest(entryId: string, language: 'curl' | 'typescript'): void;
  remove(entryId: string): void;
}

/** The list of syntheses, newest first (audio playing in one card keeps playing while others change). */
export class ResultList {
  readonly element = h('section', { class: 'results', 'aria-label': l10n.t('Results') });
  private readonly cards = new KeyedCards<SpeechEntryView>(this.element, (entry) => this.card(entry), () => h('p', { class: 'muted' }, [l10n.t('Spoken results appear here and are saved at once as WAV files (the service\'s links expire).')]));

  constructor(private readonly actions: ResultActions) {}

  render(entries: readonly SpeechEntryView[]): void {
    this.cards.render(entries);
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
