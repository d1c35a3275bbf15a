import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { estimateCost } from '../../src/extension/usage/usageCost';
import { csvCell, usageCsv } from '../../src/extension/usage/usageCsv';
import { parseEntry, type UsageEntry } from '../../src/extension/usage/usageEntry';
import { usageFigures } from '../../src/extension/usage/usageFigures';
import { RETENTION_DAYS, UsageLedger } from '../../src/extension/usage/usageLedger';
import { UsageRecorder } from '../../src/extension/usage/usageRecorder';
import { periodStart, summarize } from '../../src/extension/usage/usageSummary';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 3, 12);
const entry = (over: Partial<UsageEntry> = {}): UsageEntry => ({ time: NOW, model: 'qwen-plus', kind: 'chat', usage: { inputTokens: 10, outputTokens: 5 }, ...over });

describe('usage figures: what a response\'s usage says, in either shape', () => {
  it('reads compatible-mode tokens with cached and reasoning details', () => {
    assert.deepEqual(usageFigures({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 }, completion_tokens_details: { reasoning_tokens: 12 } }),
      { inputTokens: 120, outputTokens: 30, cachedTokens: 100, reasoningTokens: 12 });
  });

  it('reads native image, video, speech and transcription usage', () => {
    assert.deepEqual(usageFigures({ width: 1328, height: 1328, image_count: 2 }), { images: 2 });
    assert.deepEqual(usageFigures({ video_duration: 5, video_ratio: '1280*720', video_count: 1 }), { videoSeconds: 5 });
    assert.deepEqual(usageFigures({ duration: 10, output_video_duration: 10, video_count: 1, SR: 720 }), { videoSeconds: 10 });
    assert.deepEqual(usageFigures({ characters: 42, input_tokens: 42, output_tokens: 9 }), { inputTokens: 42, outputTokens: 9, audioCharacters: 42 });
    assert.deepEqual(usageFigures({ duration: 31.5 }), { audioSeconds: 31.5 });
  });

  it('ignores what is not a count: strings, negatives, NaN, huge numbers, non-objects', () => {
    assert.deepEqual(usageFigures({ prompt_tokens: '5', completion_tokens: -1, image_count: Number.NaN, characters: 1e300 }), {});
    assert.deepEqual(usageFigures(undefined), {});
    assert.deepEqual(usageFigures([1, 2]), {});
  });
});

describe('usage cost: only from the catalog\'s dated prices', () => {
  it('prices video seconds by the tier the response reports, with the table date', () => {
    const table = { date: '2026-12-01', source: 's', currency: 'CNY', video: { 'wan2.6-t2v': { perSecond: { '720P': 0.6, '1080P': 1 } } } };
    assert.deepEqual(estimateCost('wan2.6-t2v', { videoSeconds: 5 }, { SR: 720 }, table), { amount: 3, currency: 'CNY', priceDate: '2026-12-01' });
    assert.deepEqual(estimateCost('wan2.6-t2v', { videoSeconds: 10 }, { video_ratio: '1920*1080' }, table), { amount: 10, currency: 'CNY', priceDate: '2026-12-01' });
  });

  it('says nothing (no price) for chat, unknown models and unknown tiers', () => {
    assert.equal(estimateCost('qwen-plus', { inputTokens: 10 }, { prompt_tokens: 10 }), undefined);
    assert.equal(estimateCost('no-such-video', { videoSeconds: 5 }, { SR: 720 }), undefined);
    assert.equal(estimateCost('wan2.6-t2v', { videoSeconds: 5 }, {}), undefined);
  });
});

describe('usage ledger: one append-only file per day, shared by windows', () => {
  let folder: string;
  const problems: string[] = [];
  const ledger = (now = NOW) => new UsageLedger(folder, { now: () => now, onProblem: (message) => problems.push(message) });

  beforeEach(() => {
    folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'usage-ledger-')), 'usage');
    problems.length = 0;
  });
  afterEach(() => rmSync(path.dirname(folder), { recursive: true, force: true }));

  it('reads back what it records, in time order, and never stores a prompt', async () => {
    const recorder = new UsageRecorder(ledger(), () => NOW);
    await recorder.record({ model: 'qwen-plus', kind: 'chat', usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });
    await recorder.record({ model: 'qwen-image-plus', kind: 'image', usage: { image_count: 1 }, id: 'req-1', time: NOW - 1000 });
    const { entries, skipped } = await ledger().read(NOW - DAY, NOW + 1);
    assert.equal(skipped, 0);
    assert.deepEqual(entries.map((e) => [e.model, e.kind, e.usage]), [['qwen-image-plus', 'image', { images: 1 }], ['qwen-plus', 'chat', { inputTokens: 7, outputTokens: 3 }]]);
    assert.deepEqual(readdirSync(folder), ['2026-12-03.jsonl']);
  });

  it('two windows appending at once lose nothing and interleave no lines', async () => {
    const [a, b] = [ledger(), ledger()];
    await Promise.all(Array.from({ length: 200 }, (_, index) => (index % 2 ? a : b).record(entry({ id: `r${index}` }))));
    const { entries, skipped } = await ledger().read(NOW - DAY, NOW + 1);
    assert.equal(skipped, 0);
    assert.equal(entries.length, 200);
  });

  it('two processes (two VS Code windows) appending at once lose nothing and interleave no lines', async () => {
    const writer = `const { UsageLedger } = require(${JSON.stringify(path.resolve('src/extension/usage/usageLedger.ts'))});
      const ledger = new UsageLedger(process.argv[1], { onProblem: (message) => { throw new Error(message); } });
      for (let i = 0; i < 300; i++) void ledger.record({ id: process.argv[2] + i, time: ${NOW}, model: 'qwen-plus', kind: 'chat', usage: { inputTokens: i } });
      ledger.flush();`;
    await Promise.all(['a', 'b'].map((name) => promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', writer, folder, name])));
    const { entries, skipped } = await ledger().read(NOW - DAY, NOW + 1);
    assert.equal(skipped, 0);
    assert.equal(entries.length, 600);
  });

  it('skips and counts corrupt, hostile and oversized lines, and a line torn by a crash does not swallow the next entry', async () => {
    const file = path.join(folder, '2026-12-03.jsonl');
    await ledger().record(entry());
    appendFileSync(file, '{not json\n' + JSON.stringify({ ...entry(), kind: 'rm -rf' }) + '\n' + JSON.stringify({ ...entry(), model: 'x'.repeat(5000) }) + '\n[]\n{"time":');
    await ledger().record(entry({ model: 'after-crash' }));
    const { entries, skipped } = await ledger().read(NOW - DAY, NOW + 1);
    assert.deepEqual(entries.map((e) => e.model), ['qwen-plus', 'after-crash']);
    assert.equal(skipped, 5);
  });

  it('counts a task once even when its result was saved twice', async () => {
    await ledger().record(entry({ id: 'task-1', kind: 'video' }));
    await ledger().record(entry({ id: 'task-1', kind: 'video' }));
    assert.equal((await ledger().read(NOW - DAY, NOW + 1)).entries.length, 1);
  });

  it('reads the whole ledger (the CSV export) from the day files present, not day by day since 1970', async () => {
    await ledger().record(entry({ time: NOW - 300 * DAY }));
    await ledger().record(entry());
    const started = performance.now();
    const { entries } = await ledger().read(0, NOW + 1);
    assert.equal(entries.length, 2);
    assert.ok(performance.now() - started < 200, 'bounded by the files, not the days of the range');
  });

  it('drops day files past the retention period and keeps the rest', async () => {
    await ledger().record(entry({ time: NOW - (RETENTION_DAYS + 2) * DAY }));
    await ledger().record(entry({ time: NOW - (RETENTION_DAYS - 2) * DAY }));
    writeFileSync(path.join(folder, 'notes.txt'), 'not a day file');
    assert.equal(await ledger().prune(), 1);
    assert.equal(readdirSync(folder).length, 2);
  });

  it('reports a write it cannot make instead of throwing at the caller', async () => {
    writeFileSync(path.dirname(folder) + '/blocker', '');
    const blocked = new UsageLedger(path.join(path.dirname(folder), 'blocker', 'usage'), { onProblem: (message) => problems.push(message) });
    await blocked.record(entry());
    assert.equal(problems.length, 1);
  });
});

describe('usage entries, summaries and CSV', () => {
  it('parses only entries of the ledger\'s shape', () => {
    assert.deepEqual(parseEntry(JSON.stringify(entry())), entry());
    assert.equal(parseEntry(JSON.stringify({ ...entry(), usage: { inputTokens: -3 } })), undefined);
    assert.equal(parseEntry(JSON.stringify({ ...entry(), time: 'now' })), undefined);
  });

  it('groups by model and kind and totals cost by currency, counting unpriced calls', () => {
    const cost = { amount: 3, currency: 'CNY', priceDate: '2026-12-01' };
    const summary = summarize([entry(), entry(), entry({ model: 'wan2.6-t2v', kind: 'video', usage: { videoSeconds: 5 }, cost }), entry({ model: 'wan2.6-t2v', kind: 'video', usage: { videoSeconds: 5 }, cost })]);
    assert.equal(summary.calls, 4);
    assert.deepEqual(summary.cost, { CNY: 6 });
    assert.equal(summary.unpriced, 2);
    assert.deepEqual(summary.groups.map((g) => [g.model, g.calls, g.usage]), [['qwen-plus', 2, { inputTokens: 20, outputTokens: 10 }], ['wan2.6-t2v', 2, { videoSeconds: 10 }]]);
  });

  it('starts the week on Monday and the month on the first, in local time', () => {
    const wednesday = new Date(2026, 11, 2, 15).getTime();
    assert.equal(periodStart('today', wednesday), new Date(2026, 11, 2).getTime());
    assert.equal(periodStart('week', wednesday), new Date(2026, 10, 30).getTime());
    assert.equal(periodStart('month', wednesday), new Date(2026, 11, 1).getTime());
  });

  it('escapes CSV cells, including formula prefixes', () => {
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvCell('+1'), '\'+1');
    assert.equal(csvCell('-2'), '\'-2');
    assert.equal(csvCell('@SUM(A1)'), '\'@SUM(A1)');
    assert.equal(csvCell('a,b\nc'), '"a,b\nc"');
    assert.equal(csvCell(12.5), '12.5');
    const csv = usageCsv([entry({ model: '=cmd|calc', id: 'r"1' })]);
    const [header, row] = csv.split('\r\n');
    assert.match(header!, /^time,model,kind,request,inputTokens,/);
    assert.equal(row, `${new Date(NOW).toISOString()},'=cmd|calc,chat,"r""1",10,5,,,,,,,,,`);
  });
});
