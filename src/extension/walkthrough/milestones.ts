import * as vscode from 'vscode';
import { ContextKeys, WalkthroughSteps } from '../ids';
import type { Log } from '../log';

/** What a user has done at least once; each completes a step of the Get Started walkthrough. */
export type Milestone = 'addedKey' | 'chatted' | 'generatedImage' | 'watchedTasks' | 'insertedSnippet';

export const MILESTONES: readonly Milestone[] = ['addedKey', 'chatted', 'generatedImage', 'watchedTasks', 'insertedSnippet'];

const STEPS: Readonly<Record<Milestone, string>> = {
  addedKey: WalkthroughSteps.key,
  chatted: WalkthroughSteps.chat,
  generatedImage: WalkthroughSteps.image,
  watchedTasks: WalkthroughSteps.tasks,
  insertedSnippet: WalkthroughSteps.snippet,
};

/** The milestones no built-in completion event can see (a reply that arrived, an image that was generated): context keys of their own. */
const CONTEXT_KEYS: Readonly<Partial<Record<Milestone, string>>> = { chatted: ContextKeys.walkthroughChatted, generatedImage: ContextKeys.walkthroughGeneratedImage };

/** The context keys walkthrough steps' `onContext:` completion events wait for, besides `dashscope.hasKey`. */
export const MILESTONE_CONTEXT_KEYS: readonly string[] = Object.values(CONTEXT_KEYS);

/** The walkthrough step (as `welcome.markStepComplete` names it) a milestone completes. */
export function milestoneStep(milestone: Milestone): string {
  return STEPS[milestone];
}

const REACHED_KEY = 'dashscope.walkthrough.milestones';
const TICKED_KEY = 'dashscope.walkthrough.ticked';

/** Reads a saved list of milestones, keeping only the ones this version knows. */
function savedMilestones(state: vscode.Memento, key: string): Set<Milestone> {
  const saved = state.get<unknown>(key);
  return new Set(Array.isArray(saved) ? MILESTONES.filter((name) => saved.includes(name)) : []);
}

/**
 * Remembers milestones in global state (so a step stays done in every window and after a reload), mirrors them
 * into context keys, and ticks their walkthrough steps with `welcome.markStepComplete`.
 *
 * The completion events alone do not tick a step: VS Code's walkthrough service exists only once something
 * (the Welcome page) asks for it, so it misses everything done before, and an `onContext:` key that is already
 * true when it registers the step is counted as seen and never completes it in that window.
 */
export class Milestones {
  private readonly reached: Set<Milestone>;
  /** Milestones whose step VS Code has accepted as complete, so a window does not wake the walkthrough service again. */
  private readonly ticked: Set<Milestone>;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    this.reached = savedMilestones(state, REACHED_KEY);
    this.ticked = savedMilestones(state, TICKED_KEY);
  }

  /** Publishes the remembered milestones as context keys, and ticks the steps not ticked yet; call once on activation. */
  async publish(): Promise<void> {
    await Promise.all([...this.reached].map((milestone) => this.show(milestone)));
  }

  has(milestone: Milestone): boolean {
    return this.reached.has(milestone);
  }

  async reach(milestone: Milestone): Promise<void> {
    if (this.reached.has(milestone)) return;
    this.reached.add(milestone);
    await this.remember(REACHED_KEY, milestone);
    await this.show(milestone);
  }

  /** Reaches `milestone` once `happened` holds: now (called with no value) or when `event` fires (with its value). */
  reachWhen<T>(event: vscode.Event<T>, happened: (value: T | undefined) => boolean, milestone: Milestone): vscode.Disposable {
    const check = (value: T | undefined) => {
      if (!this.reached.has(milestone) && happened(value)) void this.reach(milestone);
    };
    check(undefined);
    return event(check);
  }

  private async show(milestone: Milestone): Promise<void> {
    const contextKey = CONTEXT_KEYS[milestone];
    if (contextKey) await vscode.commands.executeCommand('setContext', contextKey, true);
    if (this.ticked.has(milestone)) return;
    try {
      await vscode.commands.executeCommand('welcome.markStepComplete', milestoneStep(milestone));
    } catch (error) {
      // VS Code saves the step as done before it looks the step up, which fails while it still registers the
      // walkthrough (up to 5 s after its service starts): the next activation confirms it.
      this.log.info(`Walkthrough step ${milestoneStep(milestone)} not confirmed yet: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.ticked.add(milestone);
    await this.remember(TICKED_KEY, milestone);
  }

  /** Adds to the list as stored now: other windows add theirs to the same list. */
  private async remember(key: string, milestone: Milestone): Promise<void> {
    await this.state.update(key, [...new Set([...savedMilestones(this.state, key), milestone])]);
  }
}
