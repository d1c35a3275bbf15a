import * as l10n from '@vscode/l10n';
import { planOrigin, PLANS, type PlanId } from '../shared/models/plans';
import { REGION_IDS, type RegionId } from '../dashscope/regions';
import { isLoopbackHost } from '../shared/loopback';
import type { RegionSetting, StudioSettings } from './settings';

/** Where requests go for the selected plan and region, and how to describe it to the user. */
export interface Endpoint {
  readonly plan: PlanId;
  readonly region: RegionSetting;
  /** Base URL handed to the client (origin plus optional path prefix). */
  readonly baseUrl: string | undefined;
  /** The plan's path of the OpenAI-compatible API on that host. */
  readonly compatiblePath: string;
  /** True when every request goes to the local DashScope simulator. */
  readonly simulator: boolean;
}

/** Environment variable set by `npm start` and the end-to-end tests: the local simulator's origin. */
export const SIMULATOR_ENV = 'DASHSCOPE_STUDIO_SIMULATOR_URL';

/** The simulator origin from the environment, accepted only on loopback so it can never redirect traffic elsewhere. */
export function simulatorOrigin(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env[SIMULATOR_ENV];
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A plan's requests (and so its key) go to that plan's official host in the region only; the base URL serves the
 * custom endpoint alone, which has no endpoint without one, nor has a workspace host without its workspace id.
 * The simulator serves each plan's hosts under path prefixes: `/<region>`, `/<plan>/<region>`, `/workspace/<region>/<id>`.
 */
export function resolveEndpoint(
  settings: StudioSettings,
  simulator: string | undefined,
  region: RegionSetting = settings.region,
  plan: PlanId = settings.plan,
): Endpoint {
  const at = (baseUrl: string | undefined, onSimulator: boolean) =>
    ({ plan, region, baseUrl, compatiblePath: PLANS[plan].compatiblePath, simulator: onSimulator });
  if (region === 'custom') return at(plan === 'payg' ? settings.baseUrl ?? simulator : undefined, simulator !== undefined);
  const origin = planOrigin(plan, region, settings.workspaceId);
  if (simulator === undefined || origin === undefined) return at(origin, false);
  const prefix = plan === 'payg' ? region : plan === 'workspace' ? `workspace/${region}/${settings.workspaceId}` : `${plan}/${region}`;
  return at(`${simulator}/${prefix}`, true);
}

/**
 * The DashScope region whose console and OpenAPI endpoint a region uses: itself where it has a DashScope domain;
 * Tokyo and Frankfurt (workspace hosts only) are managed in the international console; a custom endpoint as Beijing.
 */
export function consoleRegionOf(region: RegionSetting): RegionId {
  if ((REGION_IDS as readonly string[]).includes(region)) return region as RegionId;
  return region === 'custom' ? 'cn' : 'intl';
}

export function planLabel(plan: PlanId): string {
  switch (plan) {
    case 'payg':
      return l10n.t('Pay-as-you-go');
    case 'workspace':
      return l10n.t('Pay-as-you-go, workspace host');
    case 'coding':
      return l10n.t('Coding Plan');
    case 'token':
      return l10n.t('Token Plan');
  }
}

export function regionLabel(region: RegionSetting): string {
  switch (region) {
    case 'cn':
      return l10n.t('Beijing');
    case 'intl':
      return l10n.t('Singapore');
    case 'us':
      return l10n.t('Virginia');
    case 'hk':
      return l10n.t('Hong Kong');
    case 'jp':
      return l10n.t('Tokyo');
    case 'eu':
      return l10n.t('Frankfurt');
    case 'custom':
      return l10n.t('Custom endpoint');
  }
}

/** How a plan and region are named to the user; pay-as-you-go keeps the bare region name it always had. */
export function targetTitle(plan: PlanId, region: RegionSetting): string {
  const where = region === 'custom' ? regionLabel(region) : `${regionLabel(region)} (${region})`;
  return plan === 'payg' ? where : `${planLabel(plan)} · ${where}`;
}
