import { isRef, isSlot, type ApiRoot, type JsonTemplate, type RequestTemplate, type SnippetEndpoint, type SnippetSpec } from '../model';
import { pathParts, type Piece } from '../pieces';

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
      return `${origin}/compatible-mode/v1`;
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

export const hasRefs = (value: JsonTemplate): boolean =>
  isRef(value) || (Array.isArray(value) ? value.some(hasRefs) : typeof value === 'object' && value !== null && !isSlot(value) && Object.values(value).some(hasRefs));

/**
 * An AK/SK-signed request in the parts its signature is built from: the path alone, and the query as an
 * object (the signature covers the parameters sorted and encoded, so the snippet encodes them itself).
 */
export function signedParts(request: RequestTemplate): { path: RequestTemplate; parameters: JsonTemplate } {
  const { query, ...path } = request;
  return { path, parameters: { ...query } };
}

/** The path and query of a request as pieces, runtime values written by `runtime`. */
export function urlPieces(request: RequestTemplate, runtime: (name: string) => string, literal: (text: string) => string = (text) => text): Piece[] {
  const pieces: Piece[] = pathParts(request.path).map((part) => (typeof part === 'string' ? literal(part) : isRef(part) ? runtime(part.ref) : part));
  const query = Object.entries(request.query ?? {});
  query.forEach(([name, value], index) => {
    pieces.push(literal(`${index === 0 ? '?' : '&'}${encodeURIComponent(name)}=`));
    pieces.push(typeof value === 'object' ? value : literal(encodeURIComponent(String(value))));
  });
  return pieces;
}

export interface JsonStyle {
  /** How an object key is written. */
  readonly key: (key: string) => string;
  readonly string: (text: string) => string;
  readonly literal: (value: null | boolean | number) => string;
  /** A runtime value (a variable of the generated code). */
  readonly ref: (name: string) => Piece[];
  /** Text around a slot (inside quotes). */
  readonly quote: string;
  /** One level of indentation (two spaces unless the language's style says otherwise). */
  readonly step?: string;
}

/** Writes a JSON template: objects one key per line, arrays of scalars on one line. */
export function writeJson(value: JsonTemplate, style: JsonStyle, indent: string): Piece[] {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return [style.literal(value)];
  if (typeof value === 'string') return [style.string(value)];
  if (isSlot(value)) return [style.quote, value, style.quote];
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

export const TERMINAL_FAILURES = ['FAILED', 'CANCELED', 'UNKNOWN'] as const;
/** Polling pace of the official SDKs (§3.5): start at 1 s, double, cap (15 s as the docs advise for video). */
export const POLL = { firstMs: 1000, maxMs: 15000 } as const;
