/**
 * Manifest checks shared by the unit suite (vscode double), the desktop smoke suite (`npm run test:desktop`)
 * and the code-server suite: what package.json promises must be what the extension registers.
 */

export interface Manifest {
  readonly contributes: {
    readonly commands: readonly { command: string }[];
    readonly menus: Record<string, readonly { command: string; when?: string }[]>;
    readonly views: Record<string, readonly { id: string; type?: string }[]>;
    readonly customEditors?: readonly { viewType: string }[];
  };
}

/** Commands contributed but not registered, and `dashscope.` commands registered but not contributed. */
export function commandMismatches(manifest: Manifest, registered: readonly string[]): { unregistered: string[]; uncontributed: string[] } {
  const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));
  const ours = new Set(registered.filter((id) => id.startsWith('dashscope.')));
  return {
    unregistered: [...contributed].filter((id) => !ours.has(id)).sort(),
    uncontributed: [...ours].filter((id) => !contributed.has(id)).sort(),
  };
}

/** Menu entries that name a command package.json does not contribute. */
export function menusWithUnknownCommands(manifest: Manifest): string[] {
  const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));
  return Object.entries(manifest.contributes.menus).flatMap(([menu, entries]) =>
    entries.filter((entry) => !contributed.has(entry.command)).map((entry) => `${menu}: ${entry.command}`));
}

/** Every `viewItem =~ /…/` pattern of the menus, with the menu entry it guards. */
export function viewItemPatterns(manifest: Manifest): { entry: string; pattern: RegExp }[] {
  return Object.entries(manifest.contributes.menus).flatMap(([menu, entries]) =>
    entries.flatMap((entry) => [...(entry.when ?? '').matchAll(/viewItem =~ \/((?:[^/\\]|\\.)+)\//g)].map((match) => ({
      entry: `${menu}: ${entry.command} (${entry.when})`,
      pattern: new RegExp(match[1]!.replace(/\\\\/g, '\\')),
    }))));
}

/** Menu entries whose `viewItem` pattern matches none of the context values the trees produce (dead menu entries). */
export function unreachableMenuEntries(manifest: Manifest, contextValues: readonly string[]): string[] {
  return viewItemPatterns(manifest).filter(({ pattern }) => !contextValues.some((value) => pattern.test(value))).map(({ entry }) => entry);
}

/** View ids the extension registered a provider for that package.json does not declare. */
export function undeclaredViews(manifest: Manifest, registeredViewIds: readonly string[]): string[] {
  const declared = new Set([
    ...Object.values(manifest.contributes.views).flatMap((views) => views.map((view) => view.id)),
    ...(manifest.contributes.customEditors ?? []).map((editor) => editor.viewType),
  ]);
  return registeredViewIds.filter((id) => !declared.has(id));
}

/** Webview panel serializers without their `onWebviewPanel:` activation event: such panels come back blank after a reload. */
export function serializersWithoutActivation(activationEvents: readonly string[], serializerIds: readonly string[]): string[] {
  return serializerIds.filter((id) => !activationEvents.includes(`onWebviewPanel:${id}`));
}

export interface WalkthroughManifest extends Manifest {
  readonly contributes: Manifest['contributes'] & {
    readonly walkthroughs?: readonly { id: string; steps: readonly { id: string; description: string; completionEvents?: readonly string[]; media: { image?: string; markdown?: string } }[] }[];
  };
}

/**
 * Walkthrough steps that cannot work: a `command:` link or `onCommand:` event naming no contributed command (a
 * view's `<id>.focus` command is built in), an `onView:` naming no view, an `onContext:` key nobody sets.
 */
export function brokenWalkthroughSteps(manifest: WalkthroughManifest, descriptions: Record<string, string>, knownContextKeys: readonly string[]): string[] {
  const commands = new Set(manifest.contributes.commands.map((entry) => entry.command));
  const views = new Set(Object.values(manifest.contributes.views).flatMap((list) => list.map((view) => view.id)));
  const commandExists = (id: string) => commands.has(id) || (id.endsWith('.focus') && views.has(id.slice(0, -'.focus'.length)));
  const problems: string[] = [];
  for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
    for (const step of walkthrough.steps) {
      const where = `${walkthrough.id}/${step.id}`;
      const text = descriptions[step.description.replace(/^%|%$/g, '')] ?? step.description;
      for (const [, id] of text.matchAll(/\(command:([\w.-]+)/g)) if (!commandExists(id!)) problems.push(`${where}: link to unknown command ${id}`);
      for (const event of step.completionEvents ?? []) {
        const [kind, target = ''] = event.split(/:(.*)/s);
        const known = kind === 'onCommand' ? commandExists(target) : kind === 'onView' ? views.has(target) : kind === 'onContext' ? knownContextKeys.includes(target) : false;
        if (!known) problems.push(`${where}: completion event ${event} can never fire`);
      }
    }
  }
  return problems;
}

/** The activation time the extension logs ("Activated in 12 ms"), if the log has it. */
export function activationMs(log: string): number | undefined {
  const match = /Activated in (\d+) ms/.exec(log);
  return match ? Number(match[1]) : undefined;
}
