import type { RegionId } from '../../src/dashscope/regions';
import { authorize, refuseKey } from './auth';
import type { SimRequest } from './http';

/** A region of the simulator: the pay-as-you-go ones and those with workspace hosts only (Tokyo, Frankfurt). */
export type SimRegion = RegionId | 'jp' | 'eu';

/** The plans whose hosts the simulator serves, as path prefixes of its one origin. */
export type SimPlan = 'payg' | 'workspace' | 'coding' | 'token';

/** The host a request addressed: its plan, region (and workspace), and the path it means on the simulator's routes. */
export interface SimHost {
  readonly plan: SimPlan;
  readonly region: SimRegion;
  readonly workspaceId?: string;
  /** The path without the host prefix, in the routes' terms (Coding Plan's `/v1/…` is compatible mode). */
  readonly path: string;
  /** False for an API the plan's host does not have (Coding Plan: chat only; Token Plan: chat and images; neither lists models). */
  readonly served: boolean;
}

const PAYG = /^\/(cn|intl|us|hk)(?=\/)/;
const SUBSCRIPTION = /^\/(coding|token)\/(cn|intl)(?=\/)/;
const WORKSPACE = /^\/(?:workspace)\/(cn|intl|us|jp|eu)\/([A-Za-z0-9_-]{1,64})(?=\/)/;
const CHAT = '/compatible-mode/v1/chat/completions';
/** Token Plan's image API: the synchronous multimodal generation. */
const TOKEN_IMAGES = '/api/v1/services/aigc/multimodal-generation/generation';

/**
 * `/<region>/…` pay-as-you-go, `/workspace/<region>/<id>/…` a workspace-dedicated host, `/coding/<region>/v1/…` and
 * `/token/<region>/compatible-mode/v1/…` the subscription plans' hosts; no prefix is Beijing's pay-as-you-go host.
 */
export function simHostOf(pathname: string): SimHost {
  const subscription = SUBSCRIPTION.exec(pathname);
  if (subscription) {
    const plan = subscription[1] as 'coding' | 'token';
    const rest = pathname.slice(subscription[0].length);
    const path = plan === 'coding' && rest.startsWith('/v1/') ? `/compatible-mode${rest}` : rest;
    const served = plan === 'token' ? path === CHAT || path === TOKEN_IMAGES : path === CHAT && rest.startsWith('/v1/');
    return { plan, region: subscription[2] as RegionId, path, served };
  }
  const workspace = WORKSPACE.exec(pathname);
  if (workspace) return { plan: 'workspace', region: workspace[1] as SimRegion, workspaceId: workspace[2], path: pathname.slice(workspace[0].length), served: true };
  const payg = PAYG.exec(pathname);
  return { plan: 'payg', region: (payg?.[1] ?? 'cn') as RegionId, path: payg ? pathname.slice(payg[0].length) : pathname, served: true };
}

/** A subscription key: `sk-sp-` like the real ones, bound to its plan and region. */
export const planKey = (plan: 'coding' | 'token', region: RegionId) => `sk-sp-sim-${plan}-${region}-demo`;
/** A workspace's key: works on its workspace host and (like any workspace's key) on its region's pay-as-you-go host. */
export const workspaceKey = (region: SimRegion, workspaceId: string) => `sk-sim-${region}-${workspaceId}-demo`;

/** Checks the Bearer key against the host's plan; answers the 401 a key of another plan or region gets. */
export function authorizeOnHost(req: SimRequest, host: SimHost): string | undefined {
  if (host.plan === 'payg') return authorize(req);
  const key = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim();
  const owner = host.plan === 'workspace' ? `sk-sim-${host.region}-${host.workspaceId}-` : `sk-sp-sim-${host.plan}-${host.region}-`;
  if (key?.startsWith(owner)) return key;
  refuseKey(req, key !== undefined);
  return undefined;
}
