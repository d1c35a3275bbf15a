import { markers, stripMarkers } from './faults';

const WORDS = ['DashScope', 'simulates', 'a', 'streaming', 'reply', 'so', 'that', 'every', 'token', 'arrives', 'in', 'its', 'own', 'chunk', 'and', 'nothing', 'leaves', 'this', 'machine'];
const CJK = /[\u3400-\u9fff]/;

export interface Reply {
  readonly reasoning: string[];
  readonly content: string[];
  readonly toolCall?: { readonly name: string; readonly arguments: string };
}

/** Splits text into stream tokens: a word with its trailing space, or one CJK character. */
export function tokens(text: string): string[] {
  return text.match(/[\u3400-\u9fff]|[^\s\u3400-\u9fff]+\s*|\s+/g) ?? [];
}

/**
 * A deterministic reply for a prompt: `[[sim:long=N]]` gives N tokens, a prompt mentioning code gets a
 * fenced block, Chinese gets Chinese, a tool request with tools present gets a tool call.
 */
export function replyFor(prompt: string, options: { model: string; thinking: boolean; tools: boolean }): Reply {
  const found = markers(prompt);
  const text = stripMarkers(prompt);
  const reasoning = options.thinking ? tokens(`The user asked: "${text.slice(0, 80)}". I will answer briefly and clearly.`) : [];
  const long = Number(found.get('long'));
  if (Number.isFinite(long) && long > 0) {
    const content: string[] = [];
    for (let i = 0; i < long; i++) content.push(`${WORDS[i % WORDS.length]} `);
    return { reasoning, content };
  }
  if (options.tools && (/weather|tool/i.test(text) || found.has('tool'))) {
    return { reasoning, content: [], toolCall: { name: 'get_current_weather', arguments: JSON.stringify({ location: 'Hangzhou', unit: 'celsius' }) } };
  }
  if (CJK.test(text)) {
    return { reasoning, content: tokens(`你好！这是 DashScope 模拟器（${options.model}）的回答：你说的是“${text.slice(0, 60)}”。`) };
  }
  if (/\bcode\b/i.test(text)) {
    return {
      reasoning,
      content: tokens(`Here is the code you asked for:\n\n\`\`\`typescript\nexport function greet(name: string): string {\n  return \`Hello, \${name}!\`;\n}\n\`\`\`\n\nCall \`greet('Qwen')\` to try it.`),
    };
  }
  return { reasoning, content: tokens(`You said: "${text.slice(0, 200)}". This is the DashScope simulator answering as ${options.model}.`) };
}

/** A rough token count, like the service's usage numbers. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
