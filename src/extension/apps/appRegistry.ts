import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import * as vscode from 'vscode';
import { isAppId } from '../../dashscope';
import type { ModelChoice } from '../../shared/protocol/chat';
import { Disposable } from '../disposable';

/** A Bailian application the user added, under the name they chose. */
export interface RememberedApp {
  readonly appId: string;
  readonly name: string;
}

export const MAX_APPS = 50;
export const MAX_APP_NAME = 60;
/** How a conversation's `model` setting names an application: `app:` and its id (a valid model id). */
const APP_PREFIX = 'app:';

const rememberedApps = z.array(z.object({ appId: z.string().check(z.regex(/^[0-9a-f]{32}$/)), name: z.string().check(z.minLength(1), z.maxLength(MAX_APP_NAME)) }));

export const appModelId = (appId: string): string => `${APP_PREFIX}${appId}`;

/** The application id a conversation's model setting names, or undefined for a model. */
export function appIdOf(modelId: string): string | undefined {
  if (!modelId.startsWith(APP_PREFIX)) return undefined;
  const appId = modelId.slice(APP_PREFIX.length);
  return isAppId(appId) ? appId : undefined;
}

/** An application as the chat's picker offers it: its name shown, no images, no thinking switch. */
export const appChoice = (app: RememberedApp): ModelChoice => ({ id: appModelId(app.appId), label: app.name, vision: false, thinking: 'never', contextWindow: 131_072, known: true });

/** The error for an application id the user typed, or undefined when it is one. */
export function appIdProblem(value: string): string | undefined {
  return isAppId(value.trim()) ? undefined : l10n.t('An application id is 32 hexadecimal digits (0-9, a-f), as shown on the application\'s card in the Model Studio console.');
}

/** Where the applications are kept: their ids only exist for the account behind one plan and region. */
export interface AppScope {
  readonly settings: { readonly plan: string; readonly region: string };
}

/** Applications the user added, per plan and region, in global state (ids and names only, never keys). */
export class AppRegistry extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, private readonly scope: AppScope) {
    super();
  }

  /** The applications of the current plan and region; a damaged entry is ignored, not fatal. */
  list(): RememberedApp[] {
    const parsed = rememberedApps.safeParse(this.state.get(this.key()));
    return parsed.success ? parsed.data.slice(0, MAX_APPS) : [];
  }

  find(appId: string): RememberedApp | undefined {
    return this.list().find((app) => app.appId === appId);
  }

  /** Adds an application, or renames it when its id is already there; the most recent comes first. */
  async add(app: RememberedApp): Promise<void> {
    const others = this.list().filter((item) => item.appId !== app.appId);
    await this.state.update(this.key(), [{ appId: app.appId, name: app.name.trim().slice(0, MAX_APP_NAME) }, ...others].slice(0, MAX_APPS));
    this.changed.fire();
  }

  async remove(appId: string): Promise<void> {
    await this.state.update(this.key(), this.list().filter((item) => item.appId !== appId));
    this.changed.fire();
  }

  private key(): string {
    return `dashscope.apps.${this.scope.settings.plan}.${this.scope.settings.region}`;
  }
}
