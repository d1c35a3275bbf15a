import { markers, stripMarkers } from './faults';

const WORDS = ['DashScope', 'simulates', 'a', 'streaming', 'reply', 'so', 'that', 'every', 'token', 'arrives', 'in', 'its', 'own', 'chunk', 'and', 'nothing', 'leaves', 'this', 'machine.'];
const CJK = /[\u3400-\u9fff]/;

export interface ToolDefinition {
  readonly name: string;
  readonly parameters?: unknown;
}

export interface Reply {
  readonly reasoning: string[];
  readonly content: string[];
  readonly toolCall?: { readonly id: string; readonly name: string; readonly arguments: string };
  /** `[[sim:pace=MS]]`: a pause after every streamed chunk, like a real model's output rate. */
  readonly paceMs?: number;
}

export interface ReplyOptions {
  readonly model: string;
  readonly thinking: boolean;
  readonly tools: readonly ToolDefinition[];
  /** Reply with a JSON object (response_format json_object). */
  readonly json?: boolean;
  /** Seeds the tool-call id. */
  readonly requestId: string;
}

/** Splits text into stream tokens: a word with its trailing space, or one CJK character. */
export function tokens(text: string): string[] {
  return text.match(/[\u3400-\u9fff]|[^\s\u3400-\u9fff]+\s*|\s+/g) ?? [];
}

/** Arguments of a tool without declared parameters: long enough to arrive in several fragments. */
const SAMPLE_ARGUMENTS = { location: 'Hangzhou', unit: 'celsius' };

/** Arguments for a tool call, filled from the tool's JSON schema. */
function toolArguments(tool: ToolDefinition): string {
  const schema = (tool.parameters ?? {}) as { properties?: Record<string, { type?: string; enum?: unknown[] }>; required?: string[] };
  const names = schema.required ?? Object.keys(schema.properties ?? {});
  if (names.length === 0) return JSON.stringify(SAMPLE_ARGUMENTS);
  const args: Record<string, unknown> = {};
  for (const name of names) {
    const property = schema.properties?.[name] ?? {};
    if (property.enum?.length) args[name] = property.enum[0];
    else if (property.type === 'number' || property.type === 'integer') args[name] = 1;
    else if (property.type === 'boolean') args[name] = true;
    else args[name] = /location|city|place/i.test(name) ? 'Hangzhou' : `sample ${name}`;
  }
  return JSON.stringify(args);
}

/**
 * A deterministic reply for a prompt: `[[sim:long=N]]` gives N tokens (`[[sim:pace=MS]]` streams them slowly), a prompt mentioning code gets Markdown
 * with a fenced block, Chinese gets Chinese, a prompt asking for a tool (or `[[sim:tool]]`) with tools present
 * gets a call of the first tool.
 */
export function replyFor(prompt: string, options: ReplyOptions): Reply {
  const found = markers(prompt);
  const pace = Number(found.get('pace'));
  const reply = replyText(found, stripMarkers(prompt), options);
  return Number.isInteger(pace) && pace > 0 ? { ...reply, paceMs: pace } : reply;
}

function replyText(found: Map<string, string | undefined>, text: string, options: ReplyOptions): Reply {
  const reasoning = options.thinking ? tokens(`The user asked: "${text.slice(0, 80)}". I will answer briefly and clearly.`) : [];
  const long = Number(found.get('long'));
  if (Number.isInteger(long) && long > 0) {
    const content: string[] = [];
    for (let i = 0; i < long; i++) content.push(`${WORDS[i % WORDS.length]} `);
    return { reasoning, content };
  }
  const tool = options.tools[0];
  if (tool && (found.has('tool') || /weather|\btools?\b|function/i.test(text))) {
    return { reasoning, content: [], toolCall: { id: `call_${options.requestId.replace(/-/g, '').slice(0, 24)}`, name: tool.name, arguments: toolArguments(tool) } };
  }
  if (options.json) return { reasoning, content: tokens(JSON.stringify({ answer: `You said: ${text.slice(0, 80)}`, model: options.model })) };
  if (CJK.test(text)) {
    return { reasoning, content: tokens(`你好！这是 DashScope 模拟器（${options.model}）的回答：你说的是“${text.slice(0, 60)}”。`) };
  }
  if (/\bcode\b/i.test(text)) {
    return {
      reasoning,
      content: tokens(`Here is the code you asked for:\n\n\`\`\`typescript\nexport function greet(name: string): string {\n  return \`Hello, \${name}!\`;\n}\n\`\`\`\n\nCall \`greet('Qwen')\` to try it.`),
    };
  }
  return { reasoning, content: tokens(`You said: "${text.slice(0, 200)}". This is the **DashScope simulator** answering as \`${options.model}\`.`) };
}

/** A rough token count for usage numbers. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The text of the last user message (string or content parts), where prompt markers are read from. */
export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  const last = [...messages].reverse().find((message) => (message as { role?: unknown })?.role === 'user') as { content?: unknown } | undefined;
  const content = last?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof (part as { text?: unknown })?.text === 'string' ? (part as { text: string }).text : '')).join(' ');
}

/** The prompt of any request body: last user message, `input.prompt` or `input.text`. Markers are read from it. */
export function promptOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const request = body as { messages?: unknown; input?: { messages?: unknown; prompt?: unknown; text?: unknown } };
  if (request.messages) return lastUserText(request.messages);
  const input = request.input;
  if (!input || typeof input !== 'object') return '';
  if (input.messages) return lastUserText(input.messages);
  if (typeof input.prompt === 'string') return input.prompt;
  return typeof input.text === 'string' ? input.text : '';
}
