import { ENV, isRef, isSlot, type ApiRoot, type JsonTemplate, type RequestTemplate, type SnippetEndpoint, type SnippetSpec } from '../model';
import { pathParts, slotIn, type Piece } from '../pieces';
import { quote, type Quoting } from '../quoting/text';

/** What every emitter works from. */
export interface EmitInput {
  readonly spec: SnippetSpec;
  readonly endpoint: SnippetEndpoint;
  /** First comment line. */
  readonly title: string;
}

/** The single API root a snippet talks to; uploads and polling live on the native root too. */
export function rootOf(spec: SnippetSpec): ApiRoot {
  const root = spec.requests[0]?.root;
  if (!root || spec.requests.some((request) => request.root !== root)) throw new Error(`Snippet ${spec.id}: every request must use one API root.`);
  if ((spec.files?.length || spec.flow === 'task' || spec.flow === 'poll' || spec.flow === 'upload') && root !== 'native') throw new Error(`Snippet ${spec.id}: uploads and tasks need the native root.`);
  return root;
}

/** The default base URL of a root for an endpoint (what the environment variable overrides). */
export function defaultBase(root: ApiRoot, endpoint: SnippetEndpoint): string {
  const origin = endpoint.origin.replace(/\/+$/, '');
  switch (root) {
    case 'compatible':
      return endpoint.compatibleBase ?? `${origin}/compatible-mode/v1`;
    case 'native':
    case 'nativeV2':
      return `${origin}/api/v1`;
    case 'openApi':
      return endpoint.openApi.replace(/\/+$/, '');
  }
}

/** Headers a request sends besides authorization: content type for bodies, the OSS resolve flag when files were uploaded. */
export function requestHeaders(spec: SnippetSpec, request: RequestTemplate): [string, string][] {
  return [
    ...(request.body !== undefined ? [['Content-Type', 'application/json'] as [string, string]] : []),
    ...Object.entries(request.headers ?? {}),
    ...(spec.files?.length ? [['X-DashScope-OssResourceResolve', 'enable'] as [string, string]] : []),
  ];
}

/** The runtime values a JSON template refers to, in order, each once. */
export function refsOf(value: JsonTemplate): string[] {
  if (isRef(value)) return [value.ref];
  if (typeof value !== 'object' || value === null || isSlot(value)) return [];
  return [...new Set((Array.isArray(value) ? value as readonly JsonTemplate[] : Object.values(value)).flatMap(refsOf))];
}

/**
 * An AK/SK-signed request in the parts its signature is built from: the path alone, and the query as an
 * object (the signature covers the parameters sorted and encoded, so the snippet encodes them itself).
 */
export function signedParts(request: RequestTemplate): { path: RequestTemplate; parameters: JsonTemplate } {
  const { query, ...path } = request;
  return { path, parameters: { ...query } };
}

/**
 * The path and query of a request as pieces inside the language's URL string: literal text written by
 * `literal`, runtime values by `runtime`, slot values percent-encoded (a value never adds a path segment).
 */
export function urlPieces(request: RequestTemplate, runtime: (name: string) => string, literal: (text: string) => string): Piece[] {
  const inUrl: Quoting = { open: '', close: '', escape: (text) => literal(encodeURIComponent(text)) };
  const pieces: Piece[] = pathParts(request.path).map((part) => (typeof part === 'string' ? literal(part) : isRef(part) ? runtime(part.ref) : slotIn(part.slot, inUrl)));
  const query = Object.entries(request.query ?? {});
  query.forEach(([name, value], index) => {
    pieces.push(literal(`${index === 0 ? '?' : '&'}${encodeURIComponent(name)}=`));
    pieces.push(typeof value === 'object' ? slotIn(value.slot, inUrl) : literal(encodeURIComponent(String(value))));
  });
  return pieces;
}

export interface JsonStyle {
  /** How an object key is written. */
  readonly key: (key: string) => string;
  /** How a string (a text or a slot's value) is written. */
  readonly quoting: Quoting;
  readonly literal: (value: null | boolean | number) => string;
  /** A runtime value (a variable of the generated code). */
  readonly ref: (name: string) => Piece[];
  /** One level of indentation (two spaces unless the language's style says otherwise). */
  readonly step?: string;
}

/** Writes a JSON template: objects one key per line, arrays of scalars on one line. */
export function writeJson(value: JsonTemplate, style: JsonStyle, indent: string): Piece[] {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return [style.literal(value)];
  if (typeof value === 'string') return [quote(style.quoting, value)];
  if (isSlot(value)) return [slotIn(value.slot, style.quoting)];
  if (isRef(value)) return style.ref(value.ref);
  const inner = indent + (style.step ?? '  ');
  if (Array.isArray(value)) {
    const items = value as readonly JsonTemplate[];
    if (items.length === 0) return ['[]'];
    if (items.every((item) => typeof item !== 'object' || item === null || isSlot(item) || isRef(item))) {
      return ['[', ...items.flatMap((item, index) => [...(index ? [', '] : []), ...writeJson(item, style, inner)]), ']'];
    }
    return ['[\n', ...items.flatMap((item) => [inner, ...writeJson(item, style, inner), ',\n']), indent, ']'];
  }
  const entries = Object.entries(value as Record<string, JsonTemplate>);
  if (entries.length === 0) return ['{}'];
  return ['{\n', ...entries.flatMap(([key, item]) => [inner, style.key(key), ': ', ...writeJson(item, style, inner), ',\n']), indent, '}'];
}

/** Strict JSON (curl bodies): no trailing commas. */
export function writeStrictJson(value: JsonTemplate, style: JsonStyle, indent: string): Piece[] {
  if (value === null || typeof value !== 'object' || isSlot(value) || isRef(value)) return writeJson(value, style, indent);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly JsonTemplate[];
    if (items.every((item) => typeof item !== 'object' || item === null || isSlot(item) || isRef(item))) return writeJson(value, style, indent);
    return ['[\n', ...items.flatMap((item, index) => [inner, ...writeStrictJson(item, style, inner), index < items.length - 1 ? ',\n' : '\n']), indent, ']'];
  }
  const entries = Object.entries(value as Record<string, JsonTemplate>);
  if (entries.length === 0) return ['{}'];
  return ['{\n', ...entries.flatMap(([key, item], index) => [inner, style.key(key), ': ', ...writeStrictJson(item, style, inner), index < entries.length - 1 ? ',\n' : '\n']), indent, '}'];
}

/** The environment variable a snippet reads its key from: the plan's own, else `DASHSCOPE_API_KEY`. */
export const keyVariable = (endpoint: SnippetEndpoint): string => endpoint.apiKeyVariable ?? ENV.apiKey;

/** What every snippet prints, in every language, when its key is not in the environment (it then exits 1). */
export const missingKey = (endpoint: SnippetEndpoint): string => `Set the ${keyVariable(endpoint)} environment variable.`;
/** The same when the credentials are the access key pair (AK/SK-signed calls). */
export const MISSING_ACCESS_KEY = `Set the ${ENV.accessKeyId} and ${ENV.accessKeySecret} environment variables.`;

export const TERMINAL_FAILURES = ['FAILED', 'CANCELED', 'UNKNOWN'] as const;
/** Polling pace of the official SDKs (§3.5): start at 1 s, double, cap (15 s as the docs advise for video). */
export const POLL = { firstMs: 1000, maxMs: 15000 } as const;
