import * as l10n from '@vscode/l10n';
import { IMAGE_MODELS, VIDEO_MODELS } from '../dashscope/models';
import { ref, slot, type SlotSpec, type SnippetArea, type SnippetSpec } from './model';

/**
 * Every DashScope API snippet, as data. The command, the completion files and "Copy as…" all render
 * from here; the shapes follow the API notes (dashscope-api.md wins over the Bailian reference).
 */

const PROMPT = slot('prompt');
const MODEL = slot('model');
const ASYNC = { 'X-DashScope-Async': 'enable' } as const;

const choice = (ids: readonly string[]): SlotSpec => ({ default: ids[0]!, choices: ids });
const text = (value: string): SlotSpec => ({ default: value });

const CHAT_MODELS = ['qwen-plus', 'qwen-max', 'qwen3-max', 'qwen-flash', 'qwen-turbo'];
const VISION_MODELS = ['qwen-vl-max', 'qwen-vl-plus', 'qwen3-vl-plus'];
const imageModels = (family: string, edit: boolean) => IMAGE_MODELS.filter((m) => m.family === family && m.edit === edit).map((m) => m.id);
const NEW_VIDEO = /^(wan2\.7|happyhorse)/;

export const SNIPPETS: readonly SnippetSpec[] = [
  {
    id: 'chat',
    area: 'chat',
    flow: 'json',
    slots: { model: choice(CHAT_MODELS), prompt: text('Say hello in three languages.') },
    requests: [{ method: 'POST', root: 'compatible', path: '/chat/completions', body: {
      model: MODEL, messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: PROMPT }],
    } }],
  },
  {
    id: 'chat-stream',
    area: 'streaming',
    flow: 'sse',
    slots: { model: choice(CHAT_MODELS), prompt: text('Write a haiku about the sea.') },
    requests: [{ method: 'POST', root: 'compatible', path: '/chat/completions', body: {
      model: MODEL, messages: [{ role: 'user', content: PROMPT }], stream: true, stream_options: { include_usage: true },
    } }],
  },
  {
    id: 'vision',
    area: 'vision',
    flow: 'json',
    slots: { model: choice(VISION_MODELS), prompt: text('Describe this image.'), imageUrl: text('https://dashscope.oss-cn-beijing.aliyuncs.com/images/dog_and_girl.jpeg') },
    requests: [{ method: 'POST', root: 'compatible', path: '/chat/completions', body: {
      model: MODEL, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: slot('imageUrl') } }, { type: 'text', text: PROMPT }] }],
    } }],
  },
  {
    id: 'image',
    area: 'image',
    flow: 'json',
    slots: { model: choice(imageModels('multimodal', false)), prompt: text('A watercolor fox in a snowy forest') },
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/multimodal-generation/generation', body: {
      model: MODEL, input: { messages: [{ role: 'user', content: [{ text: PROMPT }] }] }, parameters: { size: '1328*1328', n: 1, prompt_extend: true, watermark: false },
    } }],
  },
  {
    id: 'image-edit',
    area: 'image',
    flow: 'json',
    slots: { model: choice(imageModels('multimodal', true)), prompt: text('Turn the sky into a sunset'), image: text('input.png') },
    files: [{ variable: 'imageUrl', slot: 'image' }],
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/multimodal-generation/generation', body: {
      model: MODEL, input: { messages: [{ role: 'user', content: [{ image: ref('imageUrl') }, { text: PROMPT }] }] }, parameters: { n: 1, watermark: false },
    } }],
  },
  {
    id: 'image-async',
    area: 'asyncImage',
    flow: 'task',
    slots: { model: choice(imageModels('imageGeneration', false)), prompt: text('A lighthouse on a cliff at dawn, oil painting') },
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/image-generation/generation', headers: ASYNC, body: {
      model: MODEL, input: { messages: [{ role: 'user', content: [{ text: PROMPT }] }] }, parameters: { n: 1, watermark: false },
    } }],
  },
  {
    id: 'video-t2v',
    area: 'video',
    flow: 'task',
    slots: { model: choice(VIDEO_MODELS.filter((m) => m.mode === 't2v' && NEW_VIDEO.test(m.id)).map((m) => m.id)), prompt: text('A kitten chasing a butterfly in a meadow, cinematic') },
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/video-generation/video-synthesis', headers: ASYNC, body: {
      model: MODEL, input: { prompt: PROMPT }, parameters: { resolution: '720P', ratio: '16:9', duration: 5, prompt_extend: true },
    } }],
  },
  {
    id: 'video-i2v',
    area: 'video',
    flow: 'task',
    slots: { model: choice(VIDEO_MODELS.filter((m) => m.mode === 'i2v' && !m.mediaInput).map((m) => m.id)), prompt: text('The subject turns and smiles'), image: text('first-frame.png') },
    files: [{ variable: 'imageUrl', slot: 'image' }],
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/video-generation/video-synthesis', headers: ASYNC, body: {
      model: MODEL, input: { prompt: PROMPT, img_url: ref('imageUrl') }, parameters: { resolution: '720P', duration: 5, prompt_extend: true },
    } }],
  },
  {
    id: 'video-kf2v',
    area: 'video',
    flow: 'task',
    slots: { model: choice(VIDEO_MODELS.filter((m) => m.mode === 'kf2v').map((m) => m.id)), prompt: text('A smooth transition from day to night'), firstFrame: text('first-frame.png'), lastFrame: text('last-frame.png') },
    files: [{ variable: 'firstFrameUrl', slot: 'firstFrame' }, { variable: 'lastFrameUrl', slot: 'lastFrame' }],
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/image2video/video-synthesis', headers: ASYNC, body: {
      model: MODEL, input: { prompt: PROMPT, first_frame_url: ref('firstFrameUrl'), last_frame_url: ref('lastFrameUrl') }, parameters: { resolution: '720P', prompt_extend: true },
    } }],
  },
  {
    id: 'video-r2v',
    area: 'video',
    flow: 'task',
    slots: { model: choice(VIDEO_MODELS.filter((m) => m.mode === 'r2v' && !m.mediaInput).map((m) => m.id)), prompt: text('character1 waves at the camera on a beach'), reference: text('reference.png') },
    files: [{ variable: 'referenceUrl', slot: 'reference' }],
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/video-generation/video-synthesis', headers: ASYNC, body: {
      model: MODEL, input: { prompt: PROMPT, reference_urls: [ref('referenceUrl')] }, parameters: { size: '1280*720', duration: 5 },
    } }],
  },
  {
    id: 'video-edit',
    area: 'video',
    flow: 'task',
    slots: { model: choice(VIDEO_MODELS.filter((m) => m.mode === 'edit' && m.mediaInput).map((m) => m.id)), prompt: text('Convert to a clay animation style'), video: text('input.mp4') },
    files: [{ variable: 'videoUrl', slot: 'video' }],
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/video-generation/video-synthesis', headers: ASYNC, body: {
      model: MODEL, input: { prompt: PROMPT, media: [{ type: 'video', url: ref('videoUrl') }] }, parameters: { resolution: '720P', prompt_extend: true },
    } }],
  },
  {
    id: 'task-poll',
    area: 'tasks',
    flow: 'poll',
    slots: { taskId: text('YOUR_TASK_ID') },
    requests: [{ method: 'GET', root: 'native', path: '/tasks/{taskId}' }],
  },
  {
    id: 'task-cancel',
    area: 'tasks',
    flow: 'json',
    slots: { taskId: text('YOUR_TASK_ID') },
    requests: [{ method: 'POST', root: 'native', path: '/tasks/{taskId}/cancel' }],
  },
  {
    id: 'task-list',
    area: 'tasks',
    flow: 'json',
    slots: { status: choice(['SUCCEEDED', 'PENDING', 'RUNNING', 'FAILED', 'CANCELED']) },
    requests: [{ method: 'GET', root: 'native', path: '/tasks', query: { status: slot('status'), page_no: 1, page_size: 10 } }],
  },
  {
    id: 'tts',
    area: 'speech',
    flow: 'json',
    slots: { model: choice(['qwen3-tts-flash', 'qwen-tts']), prompt: text('Hello! This is Qwen speaking.'), voice: choice(['Cherry', 'Ethan', 'Serena', 'Chelsie']) },
    requests: [{ method: 'POST', root: 'native', path: '/services/aigc/multimodal-generation/generation', body: {
      model: MODEL, input: { text: PROMPT, voice: slot('voice'), language_type: 'Auto' },
    } }],
  },
  {
    id: 'asr',
    area: 'speech',
    flow: 'task',
    slots: { model: choice(['fun-asr', 'paraformer-v2']), audio: text('audio.wav') },
    files: [{ variable: 'audioUrl', slot: 'audio' }],
    requests: [{ method: 'POST', root: 'native', path: '/services/audio/asr/transcription', headers: ASYNC, body: {
      model: MODEL, input: { file_urls: [ref('audioUrl')] }, parameters: { language_hints: ['zh', 'en'] },
    } }],
  },
  {
    id: 'app',
    area: 'application',
    flow: 'json',
    slots: { appId: text('YOUR_APP_ID'), prompt: text('What can you help me with?') },
    requests: [{ method: 'POST', root: 'native', path: '/apps/{appId}/completion', body: { input: { prompt: PROMPT }, parameters: {} } }],
  },
  {
    id: 'memory',
    area: 'memory',
    flow: 'json',
    slots: { userId: text('user_001'), prompt: text('I prefer Python for scripting.'), query: text('programming preferences') },
    requests: [
      { method: 'POST', root: 'nativeV2', path: '/apps/memory/add', body: { user_id: slot('userId'), messages: [{ role: 'user', content: PROMPT }] } },
      { method: 'POST', root: 'nativeV2', path: '/apps/memory/memory_nodes/search', body: { user_id: slot('userId'), query: slot('query'), top_k: 5 } },
    ],
  },
  {
    id: 'knowledge',
    area: 'knowledge',
    flow: 'signed',
    slots: { workspaceId: text('YOUR_WORKSPACE_ID'), indexId: text('YOUR_INDEX_ID'), prompt: text('How do I rotate an API key?') },
    // ROA style as in Alibaba Cloud's bailian-20231229 SDKs: the workspace in the path, the parameters in the query, no body.
    requests: [{ method: 'POST', root: 'openApi', path: '/{workspaceId}/index/retrieve', headers: { 'x-acs-action': 'Retrieve', 'x-acs-version': '2023-12-29' }, query: {
      IndexId: slot('indexId'), Query: PROMPT, DenseSimilarityTopK: 100, SparseSimilarityTopK: 100, RerankTopN: 5,
    } }],
  },
  {
    id: 'web-search',
    area: 'search',
    flow: 'mcp',
    slots: { prompt: text('Alibaba Cloud Model Studio news') },
    requests: [
      { method: 'POST', root: 'native', path: '/mcps/WebSearch/mcp', body: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'dashscope-snippet', version: '1.0.0' } } } },
      { method: 'POST', root: 'native', path: '/mcps/WebSearch/mcp', body: { jsonrpc: '2.0', method: 'notifications/initialized' } },
      { method: 'POST', root: 'native', path: '/mcps/WebSearch/mcp', body: { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'web-search_search-news', arguments: { query: PROMPT, count: 5 } } } },
    ],
  },
  {
    id: 'upload',
    area: 'upload',
    flow: 'upload',
    slots: { model: choice(['qwen-vl-plus', 'qwen-image-edit-plus', 'wan2.6-i2v', 'fun-asr']), file: text('input.png') },
    requests: [{ method: 'GET', root: 'native', path: '/uploads' }],
  },
];

/** The quick pick's group names. */
export function areaLabel(area: SnippetArea): string {
  switch (area) {
    case 'chat': return l10n.t('Chat');
    case 'streaming': return l10n.t('Streaming chat');
    case 'vision': return l10n.t('Vision');
    case 'image': return l10n.t('Image generation and edit');
    case 'asyncImage': return l10n.t('Async image');
    case 'video': return l10n.t('Video');
    case 'tasks': return l10n.t('Tasks');
    case 'speech': return l10n.t('Speech');
    case 'application': return l10n.t('Applications');
    case 'memory': return l10n.t('Memory');
    case 'knowledge': return l10n.t('Knowledge retrieval');
    case 'search': return l10n.t('Web search (MCP)');
    case 'upload': return l10n.t('File upload');
  }
}

/** A snippet's name and one-line description, localized. */
export function snippetText(id: string): { title: string; description: string } {
  switch (id) {
    case 'chat': return { title: l10n.t('Chat completion'), description: l10n.t('OpenAI-compatible chat completion with a system prompt') };
    case 'chat-stream': return { title: l10n.t('Streaming chat'), description: l10n.t('Chat completion streamed as server-sent events, with usage at the end') };
    case 'vision': return { title: l10n.t('Ask about an image'), description: l10n.t('A vision model answers a question about an image URL') };
    case 'image': return { title: l10n.t('Generate an image'), description: l10n.t('Qwen-Image, synchronous: the answer carries the image URL') };
    case 'image-edit': return { title: l10n.t('Edit an image'), description: l10n.t('Uploads a local image, then edits it with an instruction') };
    case 'image-async': return { title: l10n.t('Generate an image (async task)'), description: l10n.t('Wan image generation: submit a task and poll until it succeeds') };
    case 'video-t2v': return { title: l10n.t('Text to video'), description: l10n.t('Submit a video task from a prompt and poll until it succeeds') };
    case 'video-i2v': return { title: l10n.t('Image to video'), description: l10n.t('Uploads a first frame, then animates it') };
    case 'video-kf2v': return { title: l10n.t('First and last frame to video'), description: l10n.t('Uploads two key frames and generates the video between them') };
    case 'video-r2v': return { title: l10n.t('Reference to video'), description: l10n.t('Uploads a reference image and casts it in a new video') };
    case 'video-edit': return { title: l10n.t('Edit a video'), description: l10n.t('Uploads a video and restyles it with an instruction') };
    case 'task-poll': return { title: l10n.t('Wait for a task'), description: l10n.t('Polls a task until SUCCEEDED, FAILED, CANCELED or UNKNOWN') };
    case 'task-cancel': return { title: l10n.t('Cancel a task'), description: l10n.t('Cancels a task that is still PENDING') };
    case 'task-list': return { title: l10n.t('List tasks'), description: l10n.t('Lists recent tasks by status, one page at a time') };
    case 'tts': return { title: l10n.t('Text to speech'), description: l10n.t('Qwen TTS: the answer carries a WAV URL') };
    case 'asr': return { title: l10n.t('Transcribe an audio file'), description: l10n.t('Uploads audio, submits a transcription task and polls it') };
    case 'app': return { title: l10n.t('Call an application'), description: l10n.t('Runs a Model Studio agent or workflow application') };
    case 'memory': return { title: l10n.t('Add and search memory'), description: l10n.t('Stores a memory for a user, then searches that user\'s memories') };
    case 'knowledge': return { title: l10n.t('Retrieve from a knowledge base'), description: l10n.t('Knowledge base retrieval signed with ACS3-HMAC-SHA256 (AccessKey pair)') };
    case 'web-search': return { title: l10n.t('Web search (MCP)'), description: l10n.t('Opens an MCP session with the WebSearch server and calls its search tool') };
    case 'upload': return { title: l10n.t('Upload a file'), description: l10n.t('Temporary upload for a model: prints the oss:// URL (valid 48 hours)') };
    default: return { title: id, description: '' };
  }
}
