import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SseParser } from '../../src/dashscope/sse';
import { median } from './measure';

const TOTAL = 16 * 2 ** 20;
const READ = 64 * 1024;
const RUNS = 3;

/** Feeds `text` to a parser in network-sized reads, yielding to the event loop between reads as a socket does. */
async function parse(text: string, maxEventChars?: number): Promise<{ ms: number; events: number; stallMs: number; error?: string }> {
  const bytes = new TextEncoder().encode(text);
  const parser = new SseParser('POST /bench', maxEventChars);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  let events = 0;
  let error: string | undefined;
  try {
    for (let offset = 0; offset < bytes.length; offset += READ) {
      events += parser.push(bytes.subarray(offset, offset + READ)).length;
      await nextTurn();
    }
    events += parser.end().length;
  } catch (failure) {
    error = (failure as Error).message;
  }
  const ms = performance.now() - started;
  delay.disable();
  return { ms, events, stallMs: delay.max / 1e6, error };
}

/** One 16 MB event against 16 MB of small events: the time, and the longest the event loop was blocked. */
export async function run(): Promise<void> {
  const oneEvent = `data: ${'x'.repeat(TOTAL)}\n\n`;
  const small = `data: ${'x'.repeat(1000)}\n\n`;
  const smallEvents = small.repeat(Math.ceil(TOTAL / small.length));
  const cases: [string, string, number | undefined][] = [
    ['16 MB of 1 KB events (default cap)', smallEvents, undefined],
    ['one 16 MB event (cap raised to 32 MB)', oneEvent, 32 * 2 ** 20],
    ['one 16 MB event (default cap)', oneEvent, undefined],
  ];
  console.log(`median of ${RUNS} runs, ${READ / 1024} KB reads`);
  for (const [name, text, cap] of cases) {
    const results = [];
    for (let i = 0; i < RUNS; i++) {
      global.gc?.();
      results.push(await parse(text, cap));
    }
    const { events, error } = results[0]!;
    const ms = median(results.map((result) => result.ms));
    const stall = median(results.map((result) => result.stallMs));
    console.log(`${name.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms  ${String(events).padStart(6)} events  longest stall ${stall.toFixed(1)} ms${error ? `  refused: ${error}` : ''}`);
  }
}
