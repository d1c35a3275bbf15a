/**
 * The vocabulary of the snippet catalog: requests described as data (method, API root, path, headers,
 * a JSON body template) plus the flow that runs them. Emitters turn one description into curl,
 * TypeScript, JavaScript or Python.
 */

export const SNIPPET_LANGUAGES = ['curl', 'typescript', 'javascript', 'python'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

/** A placeholder the user fills in: a tab stop with a default, or a choice list. */
export interface SlotSpec {
  readonly default: string;
  /** Offered as a choice list; the first is the default. */
  readonly choices?: readonly string[];
}

/** A tab stop in a JSON body, a path or a query value. */
export interface SlotRef {
  readonly slot: string;
}

/** A value known only when the code runs (an uploaded file's `oss://` URL, a task id). */
export interface RuntimeRef {
  readonly ref: string;
}

export type JsonTemplate =
  | null
  | boolean
  | number
  | string
  | SlotRef
  | RuntimeRef
  | readonly JsonTemplate[]
  | { readonly [key: string]: JsonTemplate };

export const slot = (name: string): SlotRef => ({ slot: name });
export const ref = (name: string): RuntimeRef => ({ ref: name });
const isMarker = (value: unknown, key: string) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Record<string, unknown>)[key] === 'string';
export const isSlot = (value: unknown): value is SlotRef => isMarker(value, 'slot');
export const isRef = (value: unknown): value is RuntimeRef => isMarker(value, 'ref');

/**
 * Where a path starts: the OpenAI-compatible root, the native `/api/v1` root, the `/api/v2` root
 * (memory), or Model Studio's OpenAPI endpoint (AK/SK signed).
 */
export type ApiRoot = 'compatible' | 'native' | 'nativeV2' | 'openApi';

/**
 * How the request runs:
 * - `json`: one or more requests, each answer printed;
 * - `sse`: an OpenAI-compatible stream, the text printed as it arrives;
 * - `task`: an asynchronous submit, then polling until a terminal status;
 * - `poll`: polling an existing task;
 * - `mcp`: an MCP session (initialize, initialized, then the call);
 * - `signed`: one request signed with ACS3-HMAC-SHA256;
 * - `upload`: only the temporary upload, printing the `oss://` URL.
 */
export type Flow = 'json' | 'sse' | 'task' | 'poll' | 'mcp' | 'signed' | 'upload';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestTemplate {
  readonly method: HttpMethod;
  readonly root: ApiRoot;
  /** Relative to the root; `{name}` is a slot, `{@name}` a runtime value. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | SlotRef>>;
  /** Extra headers beyond authorization and content type. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: JsonTemplate;
}

/** A local file uploaded first (temporary storage, §9); the body refers to it as `ref(variable)`. */
export interface FileInput {
  readonly variable: string;
  /** Slot holding the local path. */
  readonly slot: string;
}

export interface SnippetSpec {
  readonly id: string;
  readonly area: SnippetArea;
  readonly flow: Flow;
  readonly requests: readonly RequestTemplate[];
  readonly slots: Readonly<Record<string, SlotSpec>>;
  /** Local files uploaded before the call; the upload policy is asked for the model in slot `model`. */
  readonly files?: readonly FileInput[];
}

export const SNIPPET_AREAS = [
  'chat', 'streaming', 'vision', 'image', 'asyncImage', 'video', 'tasks', 'speech', 'application', 'memory', 'knowledge', 'search', 'upload',
] as const;
export type SnippetArea = (typeof SNIPPET_AREAS)[number];

/** Where a rendered snippet sends its requests when no environment variable overrides it. */
export interface SnippetEndpoint {
  /** DashScope origin (plus any path prefix), e.g. `https://dashscope-intl.aliyuncs.com`. */
  readonly origin: string;
  /** Model Studio OpenAPI endpoint for AK/SK-signed calls, e.g. `https://bailian.cn-beijing.aliyuncs.com`. */
  readonly openApi: string;
  /** The OpenAI-compatible base URL when the plan's is not `origin/compatible-mode/v1` (Coding Plan: `origin/v1`). */
  readonly compatibleBase?: string;
  /** The environment variable holding the key when it is not `DASHSCOPE_API_KEY`: a subscription plan's own key. */
  readonly apiKeyVariable?: string;
}

/** The environment variables every snippet reads (names of the official SDKs, §1.3 and §2.3). */
export const ENV = {
  apiKey: 'DASHSCOPE_API_KEY',
  nativeBase: 'DASHSCOPE_HTTP_BASE_URL',
  compatibleBase: 'DASHSCOPE_COMPATIBLE_BASE_URL',
  openApiEndpoint: 'BAILIAN_ENDPOINT',
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
} as const;
