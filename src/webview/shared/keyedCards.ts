/**
 * A list of cards, one per entry, that redraws only the cards whose entry changed: media playing in another
 * card keeps playing. Shows `empty` when there is no entry.
 */
export class KeyedCards<E extends { readonly id: string }> {
  private cards = new Map<string, { readonly data: string; readonly element: HTMLElement }>();

  constructor(readonly container: HTMLElement, private readonly card: (entry: E) => HTMLElement, private readonly empty: () => HTMLElement) {}

  render(entries: readonly E[]): void {
    if (entries.length === 0) {
      this.cards.clear();
      this.container.replaceChildren(this.empty());
      return;
    }
    const cards = entries.map((entry) => {
      const data = JSON.stringify(entry);
      const known = this.cards.get(entry.id);
      return { id: entry.id, data, element: known?.data === data ? known.element : this.card(entry) };
    });
    const kept = new Set(cards.map((card) => card.element));
    for (const child of [...this.container.children]) if (!kept.has(child as HTMLElement)) child.remove();
    this.cards = new Map(cards.map((card) => [card.id, card]));
    cards.forEach((card, index) => {
      if (this.container.children[index] !== card.element) this.container.insertBefore(card.element, this.container.children[index] ?? null);
    });
  }
}
