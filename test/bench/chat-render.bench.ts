import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.join(__dirname, '..', '..');
const TOKENS = Number(process.env.CHAT_BENCH_TOKENS ?? 50_000);
const WINDOW = 1000;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The chat's renderer modules (the same sources as dist/webview/chat.js), bundled for the page with a code-block renderer like the chat's. */
async function rendererBundle(): Promise<string> {
  const entry = `
    import { StreamingMarkdown } from './src/webview/chat/streamingMarkdown';
    import { highlightedCode } from './src/webview/chat/markdown';
    const codeBlock = (code, language) => {
      const block = document.createElement('div');
      block.className = 'code-block';
      for (const label of ['Copy', 'Insert', 'Open']) {
        const action = document.createElement('button');
        action.textContent = label;
        block.append(action);
      }
      const pre = document.createElement('pre');
      pre.append(highlightedCode(code, language));
      block.append(pre);
      return block;
    };
    window.streamReply = (tokens, forceLayout) => {
      const renderer = new StreamingMarkdown(codeBlock);
      document.body.append(renderer.element);
      const costs = new Float64Array(tokens.length);
      const started = performance.now();
      for (let index = 0; index < tokens.length; index++) {
        const before = performance.now();
        renderer.append(tokens[index]);
        renderer.render();
        // As the chat does: keep the end in view, and lay the page out (a frame would).
        if (forceLayout) window.scrollTo(0, document.body.scrollHeight);
        costs[index] = performance.now() - before;
      }
      const endStarted = performance.now();
      renderer.end();
      void document.body.offsetHeight;
      const endMs = performance.now() - endStarted;
      const total = performance.now() - started;
      renderer.element.remove();
      return { total, endMs, costs: Array.from(costs) };
    };`;
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  });
  return result.outputFiles[0]!.text;
}

/** A reply like a model's: paragraphs with inline markup, lists and a code block every so often, one token per word. */
function mixedReply(count: number): string[] {
  const tokens: string[] = [];
  const words = ['The', 'stream', 'renders', '**incrementally**', 'with', '`code`', 'and', 'a', '[link](https://example.com)', 'per', 'token.'];
  for (let index = 0; tokens.length < count; index++) {
    if (index % 400 === 399) {
      tokens.push('\n\n```ts\n');
      for (let line = 0; line < 12; line++) tokens.push('const ', `value${line} `, '= ', `compute(${line});\n`);
      tokens.push('```\n\n');
    } else if (index % 120 === 119) {
      tokens.push('\n\n- first item\n', '- second ', 'item\n\n');
    } else if (index % 60 === 59) {
      tokens.push('\n\n');
    } else {
      tokens.push(`${words[index % words.length]} `);
    }
  }
  return tokens.slice(0, count);
}

/** The simulator's `[[sim:long=N]]` reply: one paragraph of N words, the worst case for re-rendering. */
function oneParagraph(count: number): string[] {
  const words = ['DashScope', 'simulates', 'a', 'streaming', 'reply', 'so', 'that', 'every', 'token', 'arrives.'];
  return Array.from({ length: count }, (_, index) => `${words[index % words.length]} `);
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Streams 50k-token replies token by token through the chat renderer in headless Chromium. */
export async function run(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(`<!DOCTYPE html><html><head><style>${readFileSync(path.join(ROOT, 'media', 'chat.css'), 'utf8')}</style></head><body></body></html>`);
    await page.addScriptTag({ content: await rendererBundle() });
    for (const [name, tokens] of [['mixed Markdown', mixedReply(TOKENS)], ['one paragraph', oneParagraph(TOKENS)]] as const) {
      // Warm-up, so the first window does not pay for compilation.
      await page.evaluate((sample) => (window as unknown as { streamReply(t: string[], f: boolean): unknown }).streamReply(sample, true), tokens.slice(0, 2000));
      const result = await page.evaluate((all) => (window as unknown as { streamReply(t: string[], f: boolean): { total: number; endMs: number; costs: number[] } }).streamReply(all.tokens, all.force), { tokens: [...tokens], force: process.env.CHAT_BENCH_LAYOUT !== "0" });
      const first = mean(result.costs.slice(0, WINDOW)) * 1000;
      const last = mean(result.costs.slice(-WINDOW)) * 1000;
      console.log(`${name}: ${TOKENS} tokens rendered one by one (scrolled to the end and laid out after each) in ${result.total.toFixed(0)} ms; final render ${result.endMs.toFixed(1)} ms`);
      console.log(`  per token: first ${WINDOW} ${first.toFixed(1)} µs, last ${WINDOW} ${last.toFixed(1)} µs, ratio ${(last / first).toFixed(2)} (target < 2)`);
    }
  } finally {
    await browser.close();
  }
}
