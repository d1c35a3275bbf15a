import * as vscode from 'vscode';
import { ContextKeys } from '../ids';

/**
 * What a user has done at least once that no built-in completion event can see (a reply that arrived, an image
 * that was generated); each completes a step of the Get Started walkthrough.
 */
export type Milestone = 'chatted' | 'generatedImage';

export const MILESTONES: readonly Milestone[] = ['chatted', 'generatedImage'];

const STATE_KEY = 'dashscope.walkthrough.milestones';

const CONTEXT_KEYS: Readonly<Record<Milestone, string>> = { chatted: ContextKeys.walkthroughChatted, generatedImage: ContextKeys.walkthroughGeneratedImage };

/** The context key a walkthrough step's `onContext:` completion event waits for. */
export function milestoneContextKey(milestone: Milestone): string {
  return CONTEXT_KEYS[milestone];
}

/**
 * Remembers milestones in global state (so a step stays done in every window and after a reload) and
 * mirrors them into context keys, which is what `completionEvents` can observe.
 */
export class Milestones {
  private readonly reached: Set<Milestone>;

  constructor(private readonly state: vscode.Memento) {
    const saved = state.get<unknown>(STATE_KEY);
    this.reached = new Set(Array.isArray(saved) ? MILESTONES.filter((name) => saved.includes(name)) : []);
  }

  /** Publishes the remembered milestones as context keys; call once on activation. */
  async publish(): Promise<void> {
    await Promise.all([...this.reached].map((milestone) => this.setContext(milestone)));
  }

  has(milestone: Milestone): boolean {
    return this.reached.has(milestone);
  }

  async reach(milestone: Milestone): Promise<void> {
    if (this.reached.has(milestone)) return;
    this.reached.add(milestone);
    await this.state.update(STATE_KEY, [...this.reached]);
    await this.setContext(milestone);
  }

  /** Reaches `milestone` once `happened` holds: now (called with no value) or when `event` fires (with its value). */
  reachWhen<T>(event: vscode.Event<T>, happened: (value: T | undefined) => boolean, milestone: Milestone): vscode.Disposable {
    const check = (value: T | undefined) => {
      if (!this.reached.has(milestone) && happened(value)) void this.reach(milestone);
    };
    check(undefined);
    return event(check);
  }

  private async setContext(milestone: Milestone): Promise<void> {
    await vscode.commands.executeCommand('setContext', milestoneContextKey(milestone), true);
  }
}
