import { REGIONS, type RegionId } from '../dashscope/regions';
import { snippetText } from './catalog';
import { emitCurl } from './emitters/curl';
import { emitPython } from './emitters/python';
import type { EmitInput } from './emitters/shared';
import { emitTypeScript } from './emitters/typescript';
import type { ApiRoot, HttpMethod, SnippetEndpoint, SnippetLanguage, SnippetSpec } from './model';
import { toPlain, toSnippet, type Piece } from './pieces';

export interface RenderedSnippet {
  /** VS Code snippet syntax: tab stops, choices, `$`, `}` and `\` escaped. */
  readonly snippet: string;
  /** The same code with every tab stop at its default. */
  readonly text: string;
}

function emit(language: SnippetLanguage, input: EmitInput): Piece[] {
  switch (language) {
    case 'curl':
      return emitCurl(input);
    case 'typescript':
      return emitTypeScript(input, true);
    case 'javascript':
      return emitTypeScript(input, false);
    case 'python':
      return emitPython(input);
  }
}

/** The endpoint of a region: DashScope's domain and Model Studio's OpenAPI endpoint there. */
export function regionEndpoint(region: RegionId, origin: string = REGIONS[region].origin): SnippetEndpoint {
  return { origin, openApi: `https://bailian.${REGIONS[region].cloudRegion}.aliyuncs.com` };
}

export interface RenderOptions {
  /** The user's default model: first in the model choices when the snippet offers it. */
  readonly preferredModel?: string;
  /** Values for slots in the plain text (defaults otherwise). */
  readonly values?: Readonly<Record<string, string>>;
}

/** Renders a catalog snippet for an endpoint. */
export function renderSnippet(spec: SnippetSpec, language: SnippetLanguage, endpoint: SnippetEndpoint, { preferredModel, values }: RenderOptions = {}): RenderedSnippet {
  const model = spec.slots.model;
  const slots = model?.choices?.includes(preferredModel ?? '')
    ? { ...spec.slots, model: { default: preferredModel!, choices: [preferredModel!, ...model.choices.filter((id) => id !== preferredModel)] } }
    : spec.slots;
  const pieces = emit(language, { spec: { ...spec, slots }, endpoint, title: `DashScope: ${snippetText(spec.id).title}` });
  return { snippet: toSnippet(pieces, slots), text: toPlain(pieces, slots, values) };
}

/** A request that was actually sent (a chat reply, an image or video task): what "Copy as…" reproduces. */
export interface RequestCall {
  readonly title: string;
  readonly root: Extract<ApiRoot, 'compatible' | 'native'>;
  readonly method: HttpMethod;
  /** Relative to the root, e.g. `/chat/completions` or `/services/aigc/video-generation/video-synthesis`. */
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** `sse` for a streamed chat, `task` for an asynchronous submit (the code then polls), else `json`. */
  readonly flow: 'json' | 'sse' | 'task';
}

/** The exact request as runnable code, the key read from the environment. Also used by the image panel. */
export function requestSnippet(call: RequestCall, language: SnippetLanguage, endpoint: SnippetEndpoint): string {
  const spec: SnippetSpec = {
    id: 'request',
    area: 'chat',
    flow: call.flow,
    slots: {},
    requests: [{
      method: call.method,
      root: call.root,
      path: call.path.replace(/[{}]/g, encodeURIComponent),
      headers: {
        ...(call.flow === 'task' ? { 'X-DashScope-Async': 'enable' } : {}),
        // Inputs uploaded to temporary storage are only readable with this header (§9).
        ...(JSON.stringify(call.body).includes('"oss://') ? { 'X-DashScope-OssResourceResolve': 'enable' } : {}),
      },
      body: call.body as SnippetSpec['requests'][number]['body'],
    }],
  };
  return toPlain(emit(language, { spec, endpoint, title: `DashScope: ${call.title}` }), {});
}
