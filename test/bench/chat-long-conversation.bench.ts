import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { ChatMessageView, ChatState } from '../../src/shared/protocol/chat';

const ROOT = path.join(__dirname, '..', '..');
const MESSAGES = Number(process.env.CHAT_BENCH_MESSAGES ?? 500);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** How far the messages scroll per frame: a brisk wheel or trackpad fling. */
const SCROLL_STEP_PX = 120;
/** One frame at 60 Hz; frame times are this (and its multiples), give or take the timer's jitter of 0.1 ms. */
const FRAME_MS = 16.7;

/** A saved conversation of `count` messages: prompts, and replies of Markdown with a code block every few. */
function conversation(count: number): ChatState {
  const paragraph = 'The reply explains **one thing** at a time, with `inline code`, a [link](https://example.com) and enough words to wrap over a few lines in a sidebar. ';
  const messages: ChatMessageView[] = Array.from({ length: count }, (_, index): ChatMessageView => index % 2 === 0
    ? { id: `m${index}`, role: 'user', content: `Question ${index}: how does the part number ${index} work?` }
    : {
        id: `m${index}`, role: 'assistant', model: 'qwen-plus', status: 'done',
        content: `${paragraph.repeat(3)}\n\n- first point\n- second point\n\n${index % 6 === 1 ? '```ts\nexport function part(n: number): number {\n  return n * 2;\n}\n```\n\n' : ''}${paragraph.repeat(2)}`,
        metrics: { firstTokenMs: 300, totalMs: 2400, usage: { promptTokens: 1000 + index, completionTokens: 250, totalTokens: 1250 + index } },
      });
  return {
    conversation: { id: 'c1', title: 'A long conversation', settings: { model: 'qwen-plus', systemPrompt: '', thinking: false }, messages },
    conversations: [{ id: 'c1', title: 'A long conversation', updatedAt: 1 }],
    models: [{ id: 'qwen-plus', vision: false, thinking: 'optional', contextWindow: 131_072, known: true }],
    hasKey: true,
    busy: false,
    draftAttachments: [],
    meter: { usedTokens: 100_000, limitTokens: 131_072, level: 'ok' },
  };
}

/**
 * Run in the page, as plain script (tsx would add helpers to functions passed to `evaluate`). `benchOpen`: a state
 * received → its first frame painted. `benchScroll`: the interval between frames while scrolling end → start → end.
 */
const MEASURES = `
window.benchOpen = (params) => new Promise((resolve) => {
  const started = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: { type: 'notification', method: 'state', params } }));
  const sync = performance.now() - started;
  requestAnimationFrame(() => setTimeout(() => resolve({ sync, painted: performance.now() - started })));
});
window.benchIdle = (count) => new Promise((resolve) => {
  const times = [];
  let last = 0;
  const frame = (now) => {
    if (last) times.push(now - last);
    last = now;
    if (times.length >= count) return resolve(times);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});
window.benchScroll = (step) => new Promise((resolve) => {
  const list = document.querySelector('.messages');
  const times = [];
  let last = 0;
  const frame = (now) => {
    if (last) times.push(now - last);
    last = now;
    list.scrollTop += step;
    if (step < 0 ? list.scrollTop <= 0 : list.scrollTop + list.clientHeight >= list.scrollHeight - 1) return resolve(times);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});`;

interface Measures {
  benchOpen(state: ChatState): Promise<{ sync: number; painted: number }>;
  benchIdle(count: number): Promise<number[]>;
  benchScroll(step: number): Promise<number[]>;
}

interface TraceEvent { readonly name: string; readonly ph: string; readonly tid: number; readonly tdur?: number; readonly args?: { readonly name?: string } }

/**
 * Runs `work` while tracing the page, and returns the page's main-thread CPU time in its tasks (thread time, so
 * other processes on the machine do not count, unlike in frame times).
 */
async function mainThreadTasks<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; taskMs: number[] }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => void events.push(...(data.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'toplevel,__metadata', transferMode: 'ReportEvents' });
  const result = await work();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')?.tid;
  const taskMs = events.filter((event) => event.tid === main && event.name === 'ThreadControllerImpl::RunTask' && event.ph === 'X').map((event) => (event.tdur ?? 0) / 1000);
  return { result, taskMs };
}

const percentile = (values: readonly number[], at: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * at))]!;

/**
 * Opens a 500-message conversation in the real chat page (its bundle and stylesheet, in headless Chromium, sized
 * like a sidebar) and scrolls it from the end to the start and back: the time to open (state received → first
 * frame painted) and the frame times while scrolling up (earlier messages are rendered then) and back down, with the
 * page's main-thread CPU time meanwhile (on a machine shared with other work, frame times also measure the others).
 */
export async function run(): Promise<void> {
  const built = await esbuild.build({ entryPoints: [path.join(ROOT, 'src', 'webview', 'chat', 'main.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', minify: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.setContent(`<!DOCTYPE html><html><head><style>${readFileSync(path.join(ROOT, 'media', 'chat.css'), 'utf8')}</style>
      <script>window.__dashscopeVsCodeApi = { postMessage() {}, getState() {}, setState() {} }; window.__dashscopeMounted = () => {};</script></head><body><div id="app"></div></body></html>`);
    page.on('pageerror', (error) => console.error(error));
    await page.addScriptTag({ content: built.outputFiles[0]!.text });
    await page.waitForSelector('.composer');
    const state = conversation(MESSAGES);
    await page.addScriptTag({ content: MEASURES });
    const openMs = await page.evaluate((params) => (window as unknown as Measures).benchOpen(params), state);
    const shown = await page.locator('.messages .message').count();
    // The machine's own noise: frames of the page doing nothing (other processes share the cores).
    const idle = await page.evaluate((count) => (window as unknown as Measures).benchIdle(count), 300);
    const scroll = (step: number) => mainThreadTasks(page, () => page.evaluate((by) => (window as unknown as Measures).benchScroll(by), step));
    const up = await scroll(-SCROLL_STEP_PX);
    const down = await scroll(SCROLL_STEP_PX);
    const unbuilt = await page.locator('.messages .message:empty').count();
    console.log(`${MESSAGES} messages (${shown} shown, ${unbuilt} still unbuilt after scrolling): open ${openMs.painted.toFixed(0)} ms to the first painted frame (${openMs.sync.toFixed(0)} ms building the page) (target < 1000 ms)`);
    for (const [name, times, tasks] of [['idle (the machine\'s noise)', idle, undefined], ['scrolling up from the end (earlier messages rendered as they come near)', up.result, up.taskMs], ['scrolling back down (all rendered)', down.result, down.taskMs]] as const) {
      console.log(`  ${name}, ${SCROLL_STEP_PX} px a frame, ${times.length} frames: median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms, ${times.filter((ms) => ms > FRAME_MS * 1.5).length} late (over 1.5 frames), ${times.filter((ms) => ms > 50).length} over 50 ms (target p95 ≤ one frame, ${FRAME_MS} ms)`);
      if (tasks) console.log(`    page's main thread (CPU time, not slowed by other processes): ${(tasks.reduce((sum, ms) => sum + ms, 0) / times.length).toFixed(2)} ms a frame, tasks p95 ${percentile(tasks.filter((ms) => ms > 0.1), 0.95).toFixed(1)} ms, max ${Math.max(...tasks).toFixed(1)} ms, ${tasks.filter((ms) => ms > FRAME_MS).length} over one frame`);
    }
  } finally {
    await browser.close();
  }
}
