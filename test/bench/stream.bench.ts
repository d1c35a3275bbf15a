import { fork } from 'node:child_process';
import path from 'node:path';
import OpenAI from 'openai';
import { request } from 'undici';
import { DashScopeClient } from '../../src/dashscope';
import { measure, median } from './measure';

const TOKENS = 100_000;
const RUNS = 7;

/** Starts the simulator in its own process, so the clients are measured without its cost. */
async function simulatorProcess(): Promise<{ origin: string; stop(): void }> {
  const child = fork(path.join(__dirname, '..', 'simulator', 'cli.ts'), ['--port', '0', '--no-rate-limits'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      const match = /listening on (\S+)/.exec(data.toString());
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { origin, stop: () => child.kill('SIGTERM') };
}

/** Streams a 100k-token reply from the simulator through this client, the openai package and raw undici. */
export async function run(): Promise<void> {
  const sim = await simulatorProcess();
  const regionOrigin = `${sim.origin}/cn`;
  const key = 'sk-sim-cn-bench';
  const body = { model: 'qwen-plus', messages: [{ role: 'user' as const, content: `[[sim:long=${TOKENS}]]` }], stream: true as const, stream_options: { include_usage: true } };
  const client = new DashScopeClient({ apiKey: key, baseUrl: regionOrigin });
  const openai = new OpenAI({ apiKey: key, baseURL: `${regionOrigin}/compatible-mode/v1`, maxRetries: 0 });

  const contenders: Record<string, () => Promise<number>> = {
    'a) DashScopeClient.chat.stream': async () => {
      let count = 0;
      for await (const event of client.chat.stream(body)) if (event.type === 'content') count++;
      return count;
    },
    'b) openai package': async () => {
      let count = 0;
      for await (const chunk of await openai.chat.completions.create(body)) if (chunk.choices[0]?.delta.content) count++;
      return count;
    },
    'c) raw undici (body read, not parsed)': async () => {
      const response = await request(`${regionOrigin}/compatible-mode/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      let bytes = 0;
      for await (const chunk of response.body) bytes += (chunk as Buffer).length;
      return bytes;
    },
  };

  const results = new Map<string, { ms: number[]; rss: number[]; heap: number[]; value: number }>();
  for (const run of Object.values(contenders)) await run(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    for (const [name, run] of Object.entries(contenders)) {
      const sample = await measure(run);
      const entry = results.get(name) ?? { ms: [], rss: [], heap: [], value: sample.value };
      entry.ms.push(sample.ms);
      entry.rss.push(sample.peakRssMb);
      entry.heap.push(sample.peakHeapMb);
      results.set(name, entry);
    }
  }
  sim.stop();

  const rawBytes = results.get('c) raw undici (body read, not parsed)')!.value;
  console.log(`${TOKENS} tokens, ${(rawBytes / 2 ** 20).toFixed(1)} MB of SSE per run, median of ${RUNS} runs (simulator in a separate process)`);
  const medians = new Map<string, number>();
  for (const [name, entry] of results) {
    const ms = median(entry.ms);
    medians.set(name, ms);
    console.log(`${name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${(TOKENS / (ms / 1000)).toFixed(0).padStart(8)} tokens/s  ${(rawBytes / 2 ** 20 / (ms / 1000)).toFixed(1).padStart(6)} MB/s  peak RSS +${median(entry.rss).toFixed(1)} MB  peak heap +${median(entry.heap).toFixed(1)} MB`);
  }
  const [a, b, c] = [...medians.values()] as [number, number, number];
  console.log(`time a/b = ${(a / b).toFixed(2)} (target ≤ 1.00: at least as fast as openai)`);
  console.log(`time a/c = ${(a / c).toFixed(2)} (target ≤ 1.20 of raw undici)`);
}
