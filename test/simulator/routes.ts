import type { SimContext } from './context';
import type { Family, SimRequest } from './http';
import { appCompletion } from './routes/apps';
import { chatCompletions, listModels } from './routes/compatChat';
import { completions } from './routes/fim';
import { imageGeneration, imageSynthesis } from './routes/images';
import { multimodalGeneration, textGeneration } from './routes/nativeGeneration';
import { transcription } from './routes/speech';
import { cancelTask, getTask, listTasks } from './routes/tasks';
import { videoSynthesis } from './routes/video';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: RegExp;
  /** Error shape; `open` routes (results, the OSS target, the AK/SK-signed OpenAPI endpoint) take no API key. */
  readonly family: Family | 'open';
  /** A native model call: JSON body with `model` and `input`, `oss://` URLs resolved. */
  readonly modelCall?: boolean;
  /** Refused without `X-DashScope-Async: enable` (§2.1). */
  readonly asyncOnly?: boolean;
  readonly handle: (req: SimRequest, ctx: SimContext, params: readonly string[]) => void | Promise<void>;
}

const SERVICES = '/api/v1/services';
const MEMORY = '/api/v2/apps/memory';

/** Every route, matched on the path without its region prefix. */
export const ROUTES: readonly Route[] = [
  { method: 'POST', path: /^\/compatible-mode\/v1\/chat\/completions$/, family: 'compat', handle: chatCompletions },
  { method: 'GET', path: /^\/compatible-mode\/v1\/models$/, family: 'compat', handle: listModels },
  { method: 'POST', path: /^\/compatible-mode\/v1\/completions$/, family: 'compat', handle: completions },
  { method: 'POST', path: new RegExp(`^${SERVICES}/aigc/text-generation/generation$`), family: 'native', modelCall: true, handle: textGeneration },
  { method: 'POST', path: new RegExp(`^${SERVICES}/aigc/multimodal-generation/generation$`), family: 'native', modelCall: true, handle: multimodalGeneration },
  { method: 'POST', path: new RegExp(`^${SERVICES}/aigc/image-generation/generation$`), family: 'native', modelCall: true, asyncOnly: true, handle: imageGeneration },
  { method: 'POST', path: new RegExp(`^${SERVICES}/aigc/text2image/image-synthesis$`), family: 'native', modelCall: true, asyncOnly: true, handle: (req, ctx) => imageSynthesis(req, ctx, false) },
  { method: 'POST', path: new RegExp(`^${SERVICES}/aigc/image2image/image-synthesis$`), family: 'native', modelCall: true, asyncOnly: true, handle: (req, ctx) => imageSynthesis(req, ctx, true) },
  { method: 'POST', path: new RegExp(`^${SERVICES}/aigc/video-generation/video-synthesis$`), family: 'native', modelCall: true, asyncOnly: true, handle: (req, ctx) => videoSynthesis(req, ctx, false) },
  { method: 'POST', path: new RegExp(`^${SERVICES}/aigc/image2video/video-synthesis$`), family: 'native', modelCall: true, asyncOnly: true, handle: (req, ctx) => videoSynthesis(req, ctx, true) },
  { method: 'POST', path: new RegExp(`^${SERVICES}/audio/asr/transcription$`), family: 'native', modelCall: true, asyncOnly: true, handle: transcription },
  { method: 'GET', path: /^\/api\/v1\/tasks\/?$/, family: 'native', handle: listTasks },
  { method: 'GET', path: /^\/api\/v1\/tasks\/([^/]+)$/, family: 'native', handle: (req, ctx, [id]) => getTask(req, ctx, id!) },
  { method: 'POST', path: /^\/api\/v1\/tasks\/([^/]+)\/cancel$/, family: 'native', handle: (req, ctx, [id]) => cancelTask(req, ctx, id!) },
  { method: 'GET', path: /^\/api\/v1\/uploads$/, family: 'native', handle: (req, ctx) => ctx.uploads.getPolicy(req, ctx) },
  { method: 'POST', path: /^\/oss\/?$/, family: 'open', handle: (req, ctx) => ctx.uploads.post(req) },
  { method: 'GET', path: /^\/results\/[^/]+$/, family: 'open', handle: (req, ctx) => ctx.results.serve(req, ctx.now()) },
  { method: 'POST', path: /^\/api\/v1\/apps\/([^/]+)\/completion$/, family: 'native', handle: (req, ctx, [appId]) => appCompletion(req, ctx, appId!) },
  { method: 'POST', path: new RegExp(`^${MEMORY}/add$`), family: 'native', handle: (req, ctx) => ctx.memory.add(req) },
  { method: 'POST', path: new RegExp(`^${MEMORY}/memory_nodes/search$`), family: 'native', handle: (req, ctx) => ctx.memory.search(req) },
  { method: 'GET', path: new RegExp(`^${MEMORY}/memory_nodes$`), family: 'native', handle: (req, ctx) => ctx.memory.list(req) },
  { method: 'PUT', path: new RegExp(`^${MEMORY}/memory_nodes/([^/]+)$`), family: 'native', handle: (req, ctx, [id]) => ctx.memory.update(req, id!) },
  { method: 'DELETE', path: new RegExp(`^${MEMORY}/memory_nodes/([^/]+)$`), family: 'native', handle: (req, ctx, [id]) => ctx.memory.remove(req, id!) },
  { method: 'POST', path: /^\/api\/v1\/mcps\/WebSearch\/mcp$/, family: 'native', handle: (req, ctx) => ctx.mcp.handle(req) },
  // Model Studio's OpenAPI endpoint (bailian.<region>.aliyuncs.com) at the simulator's root, signed with AK/SK.
  { method: 'POST', path: /^\/([^/]+)\/index\/retrieve$/, family: 'open', handle: (req, ctx, [workspaceId]) => ctx.knowledge.handle(req, workspaceId!) },
];

export function findRoute(method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET' && route.family === 'open')) continue;
    const match = route.path.exec(path);
    if (match) return { route, params: match.slice(1).map((param) => decodeURIComponent(param)) };
  }
  return undefined;
}

/** The family a path would answer in when no route matches. */
export const familyOfPath = (path: string): Family => (path.startsWith('/compatible-mode/') ? 'compat' : 'native');
export const isServicePath = (path: string) => path.startsWith(`${SERVICES}/`);
