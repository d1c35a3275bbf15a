import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { DashScopeClient } from '../../dashscope';
import type { ModelListOptions } from '../../dashscope/chat';
import { planOffers, PLANS, type PlanApi, type PlanId } from '../../shared/models/plans';
import type { Connection } from '../connection';
import { targetTitle } from '../endpoint';
import { Commands } from '../ids';
import type { StudioSettings } from '../settings';

/**
 * The chat model ids the connection's plan offers: the server's model list, or the catalog's static list where the
 * plan has none (Coding Plan, Token Plan), which would otherwise refuse the request.
 */
export async function planChatModelIds(connection: Connection, client: DashScopeClient, options?: ModelListOptions): Promise<string[]> {
  const plan = PLANS[connection.settings.region === 'custom' ? 'payg' : connection.settings.plan];
  if (!planOffers(plan.id, 'models') && plan.chatModels) return [...plan.chatModels];
  return (await client.models.list(options)).map((model) => model.id);
}

/** `model` when the plan serves it, else the plan's first chat model: a Coding Plan has no qwen-plus. */
export function planChatModel(plan: PlanId, model: string): string {
  const models = PLANS[plan].chatModels;
  return models === undefined || models.includes(model) ? model : models[0] ?? model;
}

type GuardedApi = Exclude<PlanApi, 'chat' | 'models'>;

/**
 * Why a plan and region cannot serve `api`, naming the way out (a pay-as-you-go region); undefined when they can
 * (a custom endpoint is taken to serve everything).
 */
export function planRefusal({ plan, region }: Pick<StudioSettings, 'plan' | 'region'>, api: GuardedApi): string | undefined {
  if (region === 'custom' || planOffers(plan, api)) return undefined;
  const what = api === 'images' ? l10n.t('Image generation') : api === 'video' ? l10n.t('Video generation') : api === 'speech' ? l10n.t('Speech') : l10n.t('Tasks');
  return l10n.t('{0} is not part of {1}. Select a pay-as-you-go region with its key (sk-…) to use it.', what, targetTitle(plan, region));
}

/** Whether the selected plan serves `api`. */
export function planAllows(connection: Connection, api: GuardedApi): boolean {
  return planRefusal(connection.settings, api) === undefined;
}

/**
 * True when the selected plan serves `api`. Otherwise says so before anything is filled in or paid for, with the way
 * out (Select Region), and returns false.
 */
export async function planServes(connection: Connection, api: GuardedApi): Promise<boolean> {
  const refusal = planRefusal(connection.settings, api);
  if (refusal === undefined) return true;
  const select = l10n.t('Select Region');
  const choice = await vscode.window.showWarningMessage(refusal, select);
  if (choice === select) await vscode.commands.executeCommand(Commands.selectRegion);
  return false;
}
