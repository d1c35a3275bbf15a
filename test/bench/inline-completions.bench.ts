import { mayComplete, parseCompletionSettings, PREFIX_CHARS, SUFFIX_CHARS } from '../../src/extension/lm/completionContext';
import { fimRequest, partialRequest } from '../../src/extension/lm/completionRequests';
import { InlineCompletionEngine } from '../../src/extension/lm/inlineCompletionEngine';
import { cancellation as token } from '../unit/fakeCancellation';
import type { CompletionRoute } from '../../src/shared/models/completion';

const COMPLETIONS = 2_000;
const BURST_CHARS = 100;
/** A brisk typist: 100 characters in 6 s. */
const KEYSTROKE_MS = 60;
const DEBOUNCE_MS = 300;

const settings = parseCompletionSettings((key) => ({ enabled: true, languages: { '*': true }, exclude: ['**/node_modules/**', '**/dist/**', '**/*.min.js'], model: '', debounceMs: 0 })[key]);
/** A 5,000-line file, the cursor in its middle. */
const documentText = Array.from({ length: 5_000 }, (_, line) => `  const value${line} = compute(${line}, 'some argument', options); // line ${line}`).join('\n');

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/**
 * What the extension adds to a completion beyond the network: the checks on the document, the context
 * windows, the request body as the transport serializes it, and cleaning the reply. The network is a
 * reply that is already there; the debounce (a deliberate wait) is 0.
 */
async function addedLatency(route: CompletionRoute): Promise<{ p50: number; p95: number }> {
  const build = route.mode === 'fim' ? fimRequest : partialRequest;
  const engine = new InlineCompletionEngine({
    debounceMs: () => settings.debounceMs,
    route: async () => route,
    fetch: async (chosen, input) => (JSON.stringify(build(chosen.model, input)).length > 0 ? '42;\n}' : ''),
    onError: (error) => {
      throw error;
    },
  });
  const facts = { path: '/workspace/src/service/handlers.ts', languageId: 'typescript', isUntitled: false, head: () => '' };
  const times: number[] = [];
  for (let index = 0; index < COMPLETIONS; index++) {
    const started = performance.now();
    const cursor = documentText.length / 2 + (index % 1_000);
    if (!mayComplete(facts, settings)) throw new Error('the bench document must be completable');
    const input = { prefix: documentText.slice(Math.max(0, cursor - PREFIX_CHARS), cursor), suffix: documentText.slice(cursor, cursor + SUFFIX_CHARS), languageId: 'typescript', fileName: 'handlers.ts' };
    await engine.complete(input, token());
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** Types `chars` characters one keystroke at a time (each cancelling the previous request, as VS Code does), pausing where asked. */
async function typedBurst(pauseAfter: readonly number[]): Promise<number> {
  let requests = 0;
  const engine = new InlineCompletionEngine({
    debounceMs: () => DEBOUNCE_MS,
    route: async () => ({ mode: 'fim', model: 'qwen-coder-turbo' }),
    fetch: async () => (requests++, '42;'),
    onError: () => undefined,
  });
  let current: ReturnType<typeof token> | undefined;
  const pending: Promise<unknown>[] = [];
  for (let typed = 1; typed <= BURST_CHARS; typed++) {
    current?.cancel();
    current = token();
    pending.push(engine.complete({ prefix: 'x'.repeat(typed), suffix: '', languageId: 'typescript', fileName: 'a.ts' }, current));
    await new Promise((resolve) => setTimeout(resolve, pauseAfter.includes(typed) ? DEBOUNCE_MS * 2 : KEYSTROKE_MS));
  }
  await Promise.all(pending);
  return requests;
}

export async function run(): Promise<void> {
  for (const route of [{ mode: 'fim', model: 'qwen-coder-turbo' }, { mode: 'partial', model: 'qwen3-coder-flash' }] as const) {
    const { p50, p95 } = await addedLatency(route);
    console.log(`added latency per completion (${route.mode}, ${COMPLETIONS} completions, 5,000-line file): p50 ${p50.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms (target p95 < 5 ms)`);
  }
  const straight = await typedBurst([]);
  console.log(`requests for ${BURST_CHARS} characters typed at ${KEYSTROKE_MS} ms per key, debounce ${DEBOUNCE_MS} ms, one pause at the end: ${straight} (target ≤ 1 per pause)`);
  const twoPauses = await typedBurst([50]);
  console.log(`the same with a pause after 50 characters (2 pauses): ${twoPauses} requests`);
}
