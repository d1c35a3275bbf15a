import * as l10n from '@vscode/l10n';
import { REGIONS, type RegionId } from '../dashscope/regions';
import { isLoopbackHost, type RegionSetting, type StudioSettings } from './settings';

/** Where requests go for the selected region, and how to describe it to the user. */
export interface Endpoint {
  readonly region: RegionSetting;
  /** Base URL handed to the client (origin plus optional path prefix). */
  readonly baseUrl: string | undefined;
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
 * An official region's requests (and so its key) go to its official host only; the base URL serves the custom
 * endpoint alone, which has no endpoint without one.
 */
export function resolveEndpoint(settings: StudioSettings, simulator: string | undefined, region: RegionSetting = settings.region): Endpoint {
  if (simulator !== undefined) {
    return { region, baseUrl: region === 'custom' ? settings.baseUrl ?? simulator : `${simulator}/${region}`, simulator: true };
  }
  return { region, baseUrl: region === 'custom' ? settings.baseUrl : REGIONS[region].origin, simulator: false };
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
    case 'custom':
      return l10n.t('Custom endpoint');
  }
}

/** The key-bound official regions other than `region`, in the order they are tried after a 401. */
export function otherRegions(region: RegionSetting): RegionId[] {
  return (Object.keys(REGIONS) as RegionId[]).filter((id) => id !== region);
}
