import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { REGION_IDS } from '../dashscope/regions';
import { isLoopbackHost } from '../shared/loopback';
import { MODEL_ID_PATTERN } from '../shared/modelId';
import { PLAN_IDS, planRegions, WORKSPACE_ONLY_REGIONS, type PlanId } from '../shared/models/plans';

/**
 * `dashscope.region`: one of the official regions (Tokyo and Frankfurt have workspace-dedicated hosts only), or
 * `custom` for a base URL of the user's own.
 */
export const REGION_SETTINGS = [...REGION_IDS, ...WORKSPACE_ONLY_REGIONS, 'custom'] as const;
export type RegionSetting = (typeof REGION_SETTINGS)[number];

/** The regions a plan has a host in; pay-as-you-go also has the custom endpoint. */
export const planRegionSettings = (plan: PlanId): readonly RegionSetting[] => (plan === 'payg' ? [...planRegions(plan), 'custom'] : planRegions(plan));

export interface StudioSettings {
  /** The billing plan the key belongs to: decides the host, its paths and which APIs exist. */
  readonly plan: PlanId;
  readonly region: RegionSetting;
  /** Normalised origin (plus optional path prefix), no trailing slash; undefined when not set. */
  readonly baseUrl: string | undefined;
  readonly workspaceId: string | undefined;
  readonly chatModel: string;
  readonly imageModel: string;
  readonly videoModel: string;
  readonly pollMinSeconds: number;
  readonly pollMaxSeconds: number;
  /** Absolute folder for downloaded results; undefined means the extension's global storage. */
  readonly downloadFolder: string | undefined;
}

export interface SettingProblem {
  readonly setting: string;
  readonly message: string;
}

export const DEFAULT_SETTINGS: StudioSettings = {
  plan: 'payg',
  region: 'cn',
  baseUrl: undefined,
  workspaceId: undefined,
  chatModel: 'qwen-plus',
  imageModel: 'qwen-image-plus',
  videoModel: 'wan2.6-t2v',
  pollMinSeconds: 2,
  pollMaxSeconds: 15,
  downloadFolder: undefined,
};

/** Accepts https URLs anywhere and http only on loopback; returns the URL without trailing slash. */
export function parseBaseUrl(raw: string): { url: string } | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return { error: l10n.t('"{0}" is not a URL. Example: https://dashscope-intl.aliyuncs.com', raw) };
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
    return { error: l10n.t('Use an https:// URL (http:// is accepted only for localhost).') };
  }
  if (parsed.search || parsed.hash) {
    return { error: l10n.t('Remove the query string or fragment from the URL.') };
  }
  return { url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}` };
}

/**
 * Settings that decide where the API key or downloaded files go. package.json declares them `machine`-scoped and
 * the extension reads them from user (or remote machine) settings only: a folder must not redirect the key.
 */
export const MACHINE_SETTINGS = ['baseUrl', 'downloadFolder'] as const;

/** The parts of `WorkspaceConfiguration.inspect()` a user-only read needs. */
interface InspectedSetting {
  readonly globalValue?: unknown;
  readonly defaultValue?: unknown;
}

/**
 * Reads one setting (key relative to `dashscope.`): a machine setting from user settings or its default, never a
 * workspace or folder value (VS Code drops those only for the dotted form, not for a nested `"dashscope": {…}`).
 */
export function readScoped(key: string, get: (key: string) => unknown, inspect: (key: string) => InspectedSetting | undefined): unknown {
  if (!(MACHINE_SETTINGS as readonly string[]).includes(key)) return get(key);
  const inspected = inspect(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

const modelId = z.string().trim().regex(MODEL_ID_PATTERN);
const workspaceId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Reads every setting through `get`, keeping valid values and replacing invalid ones with the default.
 * Each invalid value yields a problem naming the setting, so the caller can warn the user once.
 */
export function readSettings(get: (key: string) => unknown): { settings: StudioSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const invalid = (setting: string, message: string) => problems.push({ setting: `dashscope.${setting}`, message });

  function pick<T>(key: string, schema: z.ZodType<T>, fallback: T, message: string): T {
    const value = get(key);
    if (value === undefined || value === null || value === '') return fallback;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    invalid(key, message);
    return fallback;
  }

  const plan = pick('plan', z.enum(PLAN_IDS), DEFAULT_SETTINGS.plan, l10n.t('Expected one of: {0}.', PLAN_IDS.join(', ')));
  let region = pick('region', z.enum(REGION_SETTINGS), DEFAULT_SETTINGS.region,
    l10n.t('Expected one of: {0}.', REGION_SETTINGS.join(', ')));
  const served = planRegionSettings(plan);
  if (!served.includes(region)) {
    invalid('region', l10n.t('The {0} plan has no host in "{1}"; it serves: {2}.', plan, region, served.join(', ')));
    region = served[0]!;
  }

  let baseUrl: string | undefined;
  const rawBaseUrl = get('baseUrl');
  if (typeof rawBaseUrl === 'string' && rawBaseUrl.trim() !== '') {
    const result = parseBaseUrl(rawBaseUrl);
    if ('url' in result) baseUrl = result.url;
    else invalid('baseUrl', result.error);
  } else if (rawBaseUrl !== undefined && rawBaseUrl !== null && rawBaseUrl !== '') {
    invalid('baseUrl', l10n.t('Expected a URL string.'));
  }
  if (region === 'custom' && baseUrl === undefined) {
    invalid('baseUrl', l10n.t('The "custom" region needs a base URL.'));
  }

  const modelMessage = l10n.t('Expected a model id such as qwen-plus.');
  const pollMin = pick('tasks.pollMinSeconds', z.number().min(1).max(60), DEFAULT_SETTINGS.pollMinSeconds,
    l10n.t('Expected a number of seconds from {0} to {1}.', 1, 60));
  let pollMax = pick('tasks.pollMaxSeconds', z.number().min(5).max(300), DEFAULT_SETTINGS.pollMaxSeconds,
    l10n.t('Expected a number of seconds from {0} to {1}.', 5, 300));
  if (pollMax < pollMin) {
    invalid('tasks.pollMaxSeconds', l10n.t('Must not be smaller than dashscope.tasks.pollMinSeconds.'));
    pollMax = Math.max(pollMin, DEFAULT_SETTINGS.pollMaxSeconds);
  }

  const settings: StudioSettings = {
    plan,
    region,
    baseUrl,
    workspaceId: pick('workspaceId', workspaceId.optional(), undefined,
      l10n.t('Expected a workspace id made of letters, digits, "-" and "_".')),
    chatModel: pick('chat.defaultModel', modelId, DEFAULT_SETTINGS.chatModel, modelMessage),
    imageModel: pick('image.defaultModel', modelId, DEFAULT_SETTINGS.imageModel, modelMessage),
    videoModel: pick('video.defaultModel', modelId, DEFAULT_SETTINGS.videoModel, modelMessage),
    pollMinSeconds: pollMin,
    pollMaxSeconds: pollMax,
    downloadFolder: pick('downloadFolder', z.string().trim().min(1).optional(), undefined,
      l10n.t('Expected a folder path.')),
  };
  if (plan === 'workspace' && settings.workspaceId === undefined) {
    invalid('workspaceId', l10n.t('The workspace-dedicated host ({0}) needs the workspace id.', 'https://{WorkspaceId}.cn-beijing.maas.aliyuncs.com'));
  }
  return { settings, problems };
}
