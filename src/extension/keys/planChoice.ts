import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { keyShapeOf, PLAN_IDS, planOrigin, planRegions, PLANS, plansOfShape, type PlanId } from '../../shared/models/plans';
import { planLabel, regionLabel } from '../endpoint';
import { planRegionSettings } from '../settings';
import type { KeyTarget } from './keyStore';

/** One line on what a plan is, for pickers. */
export const planDetail = (plan: PlanId) => {
  switch (plan) {
    case 'payg':
      return l10n.t('Billed per token; every API; key from the API Key page (sk-…)');
    case 'workspace':
      return l10n.t('Pay-as-you-go through your workspace\'s own host; only that workspace\'s keys');
    case 'coding':
      return l10n.t('Monthly subscription for coding tools; chat only (sk-sp-…)');
    case 'token':
      return l10n.t('Team seats billed in credits; chat only here (sk-sp-…)');
  }
};

/**
 * The plan and region a pasted key is checked on. The key's shape decides when it can (`sk-sp-` is never
 * pay-as-you-go); only when it cannot tell between the selected plan and others (Coding Plan or Token Plan?) is
 * the user asked. Undefined when the user dismissed the question.
 */
export async function targetForKey(key: string, current: KeyTarget): Promise<KeyTarget | undefined> {
  const shape = keyShapeOf(key);
  if (current.region === 'custom' || shape === undefined || PLANS[current.plan].keyShape === shape || shape === 'payg') return current;
  const picked = await vscode.window.showQuickPick(
    plansOfShape(shape).map((plan) => ({ label: planLabel(plan), detail: planDetail(plan), plan })),
    { title: l10n.t('What kind of key is this?'), placeHolder: l10n.t('Keys starting with sk-sp- belong to a Coding Plan or a Token Plan'), ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const regions = planRegions(picked.plan);
  return { plan: picked.plan, region: regions.find((region) => region === current.region) ?? regions[0]! };
}

export interface TargetItem extends vscode.QuickPickItem {
  readonly target?: KeyTarget;
}

/** Every plan and region, grouped by plan, each saying whether it has a key: the Select Region picker. */
export async function selectableTargets(
  current: KeyTarget,
  workspaceId: string | undefined,
  keyOf: (target: KeyTarget) => Promise<string | undefined>,
): Promise<TargetItem[]> {
  const targets = PLAN_IDS.flatMap((plan) => planRegionSettings(plan).map((region) => ({ plan, region })));
  // Read at once: one slow secret store read each, in turn, kept the picker from opening.
  const saved = await Promise.all(targets.map(async (target) => (await keyOf({ ...target, workspaceId })) !== undefined));
  const items: TargetItem[] = [];
  targets.forEach(({ plan, region }, index) => {
    if (index === 0 || targets[index - 1]!.plan !== plan) items.push({ label: planLabel(plan), kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: plan !== 'payg' ? `${planLabel(plan)} — ${regionLabel(region)}` : region === 'custom' ? l10n.t('Custom endpoint…') : `${regionLabel(region)} (${region})`,
      description: saved[index] ? l10n.t('key saved') : l10n.t('no key'),
      detail: region === 'custom'
        ? l10n.t('A gateway of your own, e.g. https://gateway.example.com')
        : `${planOrigin(plan, region, workspaceId) ?? PLANS[plan].hosts[region]}${PLANS[plan].compatiblePath} · ${planDetail(plan)}`,
      picked: plan === current.plan && region === current.region,
      target: { plan, region },
    });
  });
  return items;
}
