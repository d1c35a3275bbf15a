import type { Source } from './sources';

/**
 * The ways Model Studio sells API access. A key belongs to one plan and one region (and a workspace host's key to
 * that workspace): any other plan's host answers 401, so the plan decides the host, the paths and what can be called.
 */
export const PLAN_IDS = ['payg', 'workspace', 'coding', 'token'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

/**
 * The extension's region ids: `cn` Beijing, `intl` Singapore, `us` Virginia, `hk` Hong Kong, and the regions that have
 * workspace-dedicated hosts only (no DashScope domain): `jp` Tokyo, `eu` Frankfurt.
 */
export type PlanRegion = 'cn' | 'intl' | 'us' | 'hk' | 'jp' | 'eu';

/** Regions served by workspace-dedicated hosts alone: no plan but `workspace` has a host there. */
export const WORKSPACE_ONLY_REGIONS = ['jp', 'eu'] as const;

/** The Alibaba Cloud region of each region that has only workspace-dedicated hosts. */
export const WORKSPACE_ONLY_CLOUD_REGIONS: Readonly<Record<(typeof WORKSPACE_ONLY_REGIONS)[number], string>> = { jp: 'ap-northeast-1', eu: 'eu-central-1' };

/** What a client can call: chat (compatible mode), image and video generation, speech, the task list, the model list. */
export type PlanApi = 'chat' | 'images' | 'video' | 'speech' | 'tasks' | 'models';

/** `sk-` is a pay-as-you-go key; `sk-sp-` a subscription key, the same prefix for Coding Plan and Token Plan. */
export type KeyShape = 'payg' | 'subscription';

/**
 * How a key is checked without spending money: the free model list, or (where there is none) a chat request with no
 * messages, which the service authenticates (401 for a wrong key) and then refuses as invalid (400) before any model runs.
 */
export type KeyCheckMethod = 'modelList' | 'emptyChat';

export interface Plan {
  readonly id: PlanId;
  readonly keyShape: KeyShape;
  /** Origin per region; `{WorkspaceId}` stands for the workspace id in workspace-dedicated hosts. */
  readonly hosts: Readonly<Partial<Record<PlanRegion, string>>>;
  /** The OpenAI-compatible API's path on the host. */
  readonly compatiblePath: string;
  /** The native DashScope API's path, where the plan has it. */
  readonly nativePath?: string;
  readonly anthropicPath: string;
  readonly apis: readonly PlanApi[];
  readonly keyCheck: KeyCheckMethod;
  /** The chat models of a plan without a model list (the catalog's static list). */
  readonly chatModels?: readonly string[];
  /** The only image models a plan's image API serves (Token Plan); undefined where every catalog model is served. */
  readonly imageModels?: readonly string[];
  /** The status a key of another plan (or region) gets from this plan's hosts. */
  readonly wrongKeyStatus: 401;
  /**
   * The environment variable generated code reads the plan's key from. A subscription key has its own, so a
   * pay-as-you-go `DASHSCOPE_API_KEY` is never sent where it is refused, nor the other way round.
   */
  readonly keyVariable: string;
  readonly source: Source;
}

const CHECKED = '2026-12-03';
const COMPATIBLE = '/compatible-mode/v1';
const NATIVE = '/api/v1';
const ANTHROPIC = '/apps/anthropic';

/** What the regional and the workspace-dedicated pay-as-you-go hosts both serve, and how a key is checked there. */
const PAYG_SERVICE = {
  compatiblePath: COMPATIBLE,
  nativePath: NATIVE,
  anthropicPath: ANTHROPIC,
  apis: ['chat', 'images', 'video', 'speech', 'tasks', 'models'],
  keyCheck: 'modelList',
  wrongKeyStatus: 401,
  keyVariable: 'DASHSCOPE_API_KEY',
} as const satisfies Partial<Plan>;

export const PLANS: Readonly<Record<PlanId, Plan>> = {
  payg: {
    id: 'payg',
    keyShape: 'payg',
    hosts: {
      cn: 'https://dashscope.aliyuncs.com',
      intl: 'https://dashscope-intl.aliyuncs.com',
      us: 'https://dashscope-us.aliyuncs.com',
      hk: 'https://cn-hongkong.dashscope.aliyuncs.com',
    },
    ...PAYG_SERVICE,
    source: {
      url: 'https://www.alibabacloud.com/help/en/model-studio/base-url',
      checked: CHECKED,
      confirmed: 'the regional DashScope domains take any workspace\'s key of their region; /compatible-mode/v1, /api/v1, /apps/anthropic; a key of another plan or region gets 401 (page last updated 2026-10-11); sk- keys are pay-as-you-go (get-api-key, "Plan type identification", last updated 2026-11-27)',
    },
  },
  workspace: {
    id: 'workspace',
    keyShape: 'payg',
    hosts: {
      cn: 'https://{WorkspaceId}.cn-beijing.maas.aliyuncs.com',
      intl: 'https://{WorkspaceId}.ap-southeast-1.maas.aliyuncs.com',
      us: 'https://{WorkspaceId}.us-east-1.maas.aliyuncs.com',
      jp: 'https://{WorkspaceId}.ap-northeast-1.maas.aliyuncs.com',
      eu: 'https://{WorkspaceId}.eu-central-1.maas.aliyuncs.com',
    },
    ...PAYG_SERVICE,
    source: {
      url: 'https://www.alibabacloud.com/help/en/model-studio/base-url',
      checked: CHECKED,
      confirmed: 'workspace-dedicated hosts {WorkspaceId}.{cn-beijing|ap-southeast-1|ap-northeast-1|eu-central-1|us-east-1}.maas.aliyuncs.com take only that workspace\'s keys, with /compatible-mode/v1 and /api/v1 (page last updated 2026-10-11); Japan (Tokyo) has only workspace-dedicated hosts, no DashScope or trial domain, with /compatible-mode/v1, /api/v1 and /apps/anthropic, workspace ids like llm-xxx, real-time inference but no batch (help.aliyun.com/zh/model-studio/japan-tokyo-global); Germany (Frankfurt) is a region of its own (alibabacloud.com/help/en/model-studio/germany-frankfurt-global) with no DashScope domain in the base-url page\'s list',
      unconfirmed: 'that the workspace hosts serve every native API (images, video, tasks) and the model list as the regional domain does; which models Tokyo and Frankfurt serve; a Hong Kong workspace host ({WorkspaceId}.cn-hongkong.maas.aliyuncs.com appears only on one translated page that also misnames Beijing\'s host, so it is left out)',
    },
  },
  coding: {
    id: 'coding',
    keyShape: 'subscription',
    hosts: {
      cn: 'https://coding.dashscope.aliyuncs.com',
      intl: 'https://coding-intl.dashscope.aliyuncs.com',
    },
    compatiblePath: '/v1',
    anthropicPath: ANTHROPIC,
    apis: ['chat'],
    keyCheck: 'emptyChat',
    chatModels: ['qwen3.5-plus', 'qwen3-max', 'qwen3-coder-next', 'qwen3-coder-plus', 'glm-5', 'glm-4.7', 'kimi-k2.5', 'MiniMax-M2.5'],
    wrongKeyStatus: 401,
    keyVariable: 'DASHSCOPE_CODING_PLAN_API_KEY',
    source: {
      url: 'https://help.aliyun.com/en/model-studio/more-tools',
      checked: CHECKED,
      confirmed: 'Coding Plan hosts coding.dashscope.aliyuncs.com (China) and coding-intl.dashscope.aliyuncs.com (international) with /v1 and /apps/anthropic; sk-sp- keys; text generation models only, billed per call (Token Plan FAQ, last updated 2026-04-30); the model list as docs.openclaw.ai/providers/modelstudio gives it; no /v1/models (github.com/SimonSchubert/Kai/issues/35, 2026-03-15)',
      unconfirmed: 'that an empty chat is refused with 400 after the key check; the service answers 405 "only available for Coding Agents" to some clients (github.com/Open-Less/openless/issues/947, 2026-08-12); a key variable of the plan\'s own: its pages (coding-plan-quickstart, other-tools-coding-plan) name none for direct calls, only each tool\'s (OPENAI_API_KEY for Codex, ANTHROPIC_AUTH_TOKEN for Claude Code), which would send another vendor\'s key here, so snippets read DASHSCOPE_CODING_PLAN_API_KEY',
    },
  },
  token: {
    id: 'token',
    keyShape: 'subscription',
    hosts: {
      cn: 'https://token-plan.cn-beijing.maas.aliyuncs.com',
      intl: 'https://token-plan.ap-southeast-1.maas.aliyuncs.com',
    },
    compatiblePath: COMPATIBLE,
    nativePath: NATIVE,
    anthropicPath: ANTHROPIC,
    apis: ['chat', 'images'],
    keyCheck: 'emptyChat',
    chatModels: ['qwen3.6-plus', 'qwen3.6-flash', 'glm-5', 'kimi-k2.5', 'MiniMax-M2.5', 'deepseek-v3.2'],
    imageModels: ['qwen-image-3.0-pro', 'qwen-image-2.0-pro', 'qwen-image-2.0'],
    wrongKeyStatus: 401,
    keyVariable: 'DASHSCOPE_TOKEN_PLAN_API_KEY',
    source: {
      url: 'https://www.alibabacloud.com/help/en/model-studio/token-plan-faq',
      checked: CHECKED,
      confirmed: 'Token Plan Team Edition: its own sk-sp- key and host; "invalid access token" with another plan\'s base URL, "Invalid API-key provided" with a pay-as-you-go or Coding Plan key; models such as qwen3.6-plus, glm-5, MiniMax-M2.5, deepseek-v3.2 (page last updated 2026-04-30); hosts token-plan.{cn-beijing|ap-southeast-1}.maas.aliyuncs.com/compatible-mode/v1 (more-tools page); images through the synchronous POST /api/v1/services/aigc/multimodal-generation/generation on the same host with the sk-sp- key, models qwen-image-3.0-pro, qwen-image-2.0-pro, qwen-image-2.0, wan2.7-image, wan2.7-image-pro (help.aliyun.com/en/model-studio/token-plan-image-generation)',
      unconfirmed: 'whether the host has a model list (taken as none); the overview (2026-05-01) says Singapore only; wan2.7-image and -pro, which the image page lists on the same synchronous endpoint, are left out: this extension sends them as tasks, and the Token Plan host has no task API; a key variable of the plan\'s own: its image page reads ANTHROPIC_AUTH_TOKEN (Claude Code\'s), so snippets read DASHSCOPE_TOKEN_PLAN_API_KEY',
    },
  },
};

const SUBSCRIPTION_PREFIX = 'sk-sp-';

/** What the key's prefix says about its plan; undefined for keys of no known shape (a gateway's own keys). */
export function keyShapeOf(key: string): KeyShape | undefined {
  if (key.startsWith(SUBSCRIPTION_PREFIX)) return 'subscription';
  return key.startsWith('sk-') ? 'payg' : undefined;
}

/** The plans a key of this shape can belong to: more than one means the shape cannot tell and the user is asked. */
export function plansOfShape(shape: KeyShape): PlanId[] {
  return PLAN_IDS.filter((id) => PLANS[id].keyShape === shape);
}

export function planRegions(plan: PlanId): PlanRegion[] {
  return Object.keys(PLANS[plan].hosts) as PlanRegion[];
}

export function planOffers(plan: PlanId, api: PlanApi): boolean {
  return PLANS[plan].apis.includes(api);
}

/** Whether the plan's image API serves `model` (a Token Plan serves a few image models only). */
export function planServesImageModel(plan: PlanId, model: string): boolean {
  const models = PLANS[plan].imageModels;
  return planOffers(plan, 'images') && (models === undefined || models.includes(model));
}

const WORKSPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The plan's origin in `region`, or undefined when the plan has no host there or (workspace hosts) no valid
 * workspace id: the id becomes part of a host name, so only letters, digits, `-` and `_` are accepted.
 */
export function planOrigin(plan: PlanId, region: PlanRegion, workspaceId?: string): string | undefined {
  const host = PLANS[plan].hosts[region];
  if (host === undefined || !host.includes('{WorkspaceId}')) return host;
  return workspaceId !== undefined && WORKSPACE_ID.test(workspaceId) ? host.replace('{WorkspaceId}', workspaceId) : undefined;
}

/**
 * Model Studio's official WebSearch MCP server (Streamable HTTP): a pay-as-you-go Beijing key (`sk-`, also for Coding
 * and Token Plan users, whose `sk-sp-` keys it refuses) as a Bearer header, on Beijing's DashScope domain only.
 */
export const WEB_SEARCH_MCP = {
  path: '/api/v1/mcps/WebSearch/mcp',
  plan: 'payg',
  region: 'cn',
  source: {
    url: 'https://help.aliyun.com/en/model-studio/web-search-for-coding-plan',
    checked: CHECKED,
    confirmed: 'Streamable HTTP endpoint https://dashscope.aliyuncs.com/api/v1/mcps/WebSearch/mcp (the legacy /WebSearch/sse is SSE) with "Authorization: Bearer <general Model Studio API key, sk-…>", not the Coding Plan or Token Plan sk-sp- key (also help.aliyun.com/zh/model-studio/token-plan-tool); enabled once in the console\'s MCP Marketplace; 2,000 free calls, then CNY 29 per 1,000 calls',
    unconfirmed: 'the server on the Singapore, Virginia and Hong Kong domains and on workspace hosts (not offered there); its tool names (one client calls bailian_web_search)',
  },
} as const satisfies { readonly path: string; readonly plan: PlanId; readonly region: PlanRegion; readonly source: Source };
