import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { Log } from '../../src/extension/log';
import type { MediaOrigins } from '../../src/extension/preview/mediaPreview';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import { registerSpeech } from '../../src/extension/speech/speechPanel';
import type { TaskTracker } from '../../src/extension/tasks/taskTracker';
import type { TrackedTask } from '../../src/extension/tasks/trackedTask';
import { UsageLedger } from '../../src/extension/usage/usageLedger';
import { UsageRecorder } from '../../src/extension/usage/usageRecorder';
import type { SpeechForm, SpeechPanelState } from '../../src/shared/protocol/speech';
import { harness, type Harness } from '../contract/client-helpers';

const test = vscode as unknown as typeof double;

async function eventually<T>(probe: () => T | undefined | false, what: string): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The Speech panel over the simulator's client, a real usage ledger and a task tracker the test drives. */
async function speechPanel(h: Harness, shared?: { root: string; tasks: Map<string, TrackedTask>; changes: double.EventEmitter<void> }) {
  const root = shared?.root ?? mkdtempSync(path.join(tmpdir(), 'dashscope-speech-'));
  const results = path.join(root, 'results');
  const changes = shared?.changes ?? new test.EventEmitter<void>();
  const tasks = shared?.tasks ?? new Map<string, TrackedTask>();
  const ledger = new UsageLedger(path.join(root, 'usage'), { onProblem: () => undefined });
  const context = test.createExtensionContext();
  const services = {
    context,
    log: new Log(new SecretRedactor()),
    usage: new UsageRecorder(ledger),
    connection: { settings: { plan: 'payg', region: 'cn' }, endpoint: { baseUrl: h.client.baseUrl }, hasKey: true, onDidChange: changes.event, client: async () => h.client, requireClient: async () => h.client },
  } as unknown as Services;
  const tracker = {
    store: {
      onDidChange: changes.event,
      get: (id: string) => tasks.get(id),
      all: () => [...tasks.values()],
      update: (id: string, change: Partial<TrackedTask>) => {
        tasks.set(id, { ...tasks.get(id)!, ...change });
        changes.fire();
      },
    },
    resultsFolder: () => results,
    ownsTask: () => true,
    claim: () => undefined,
    track: (task: TrackedTask) => tasks.set(task.taskId, { ...task, localFiles: [], resultUrls: [] }),
  } as unknown as TaskTracker;
  const origins: MediaOrigins = { describe: () => undefined, regenerate: async () => false };
  const speech = registerSpeech(services, tracker, origins);
  await vscode.commands.executeCommand('dashscope.speech.open');
  const panel = test.window.webviewPanels.at(-1)!;
  panel.webview.receive({ type: 'ready' });
  const posted = () => panel.webview.posted as { method?: string; params?: Record<string, unknown> }[];
  const state = () => posted().filter((message) => message.method === 'state').at(-1)!.params as unknown as SpeechPanelState;
  const send = (method: string, params: unknown) => panel.webview.receive({ type: 'command', method, params });
  return {
    root, results, tasks, changes, ledger, speech, state, send, posted,
    finish: (taskId: string, change: Partial<TrackedTask>) => tracker.store.update(taskId, change),
    dispose: () => speech.disposables.forEach((disposable) => disposable.dispose()),
  };
}

describe('Speech panel in the vscode double, over the simulator', () => {
  let h: Harness;
  let page: Awaited<ReturnType<typeof speechPanel>>;
  beforeEach(async () => {
    test.resetVscode();
    h = await harness({ taskTimings: { pendingMs: 100, runningMs: 100 } });
    page = await speechPanel(h);
  });
  afterEach(async () => {
    page.dispose();
    await h.close();
  });

  /** Picks a copy of the fixture clip, named `name`, in the panel's file dialog; the form once it lists it. */
  const pickAudio = async (name: string): Promise<SpeechForm> => {
    const audio = path.join(page.root, name);
    writeFileSync(audio, readFileSync(new URL('../fixtures/speech.wav', import.meta.url)));
    test.ui.respond((prompt) => (prompt.kind === 'openDialog' ? [vscode.Uri.file(audio)] : undefined));
    page.send('addFiles', { source: 'disk' });
    await eventually(() => page.state().form.asr.files.length === 1, 'the picked file');
    return page.state().form;
  };

  const ttsForm = (change: Partial<SpeechForm['tts']>): SpeechForm => {
    const form = page.state().form;
    return { ...form, tts: { ...form.tts, ...change } };
  };

  it('streams audio to the page while it arrives, saves a WAV with the text and voice, records usage, then offers the same request again', async () => {
    const form = ttsForm({ text: 'Hello from the speech panel, streamed.', voice: 'Ethan', stream: true });
    page.send('speak', { form, force: false });
    const saved = await eventually(() => page.state().entries[0]?.status === 'succeeded' && page.state().entries[0], 'the saved entry');
    const chunks = page.posted().filter((message) => message.method === 'audioChunk');
    assert.ok(chunks.length > 1, `${chunks.length} chunks`);
    assert.equal(chunks[0]!.params!.entryId, saved.id);
    const file = path.join(page.results, saved.file!.name);
    const wav = readFileSync(file);
    assert.equal(wav.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.ok(wav.includes('voice=Ethan') && wav.includes('Hello from the speech panel, streamed.'));
    await page.ledger.flush();
    const { entries } = await page.ledger.read(0, Date.now() + 1000);
    assert.deepEqual(entries.map((entry) => [entry.kind, entry.model, entry.usage.audioCharacters, entry.cost?.currency]), [['speech', 'qwen3-tts-flash', 38, 'USD']]);

    const requests = h.sim.requests.length;
    page.send('speak', { form, force: false });
    await eventually(() => page.state().duplicate, 'the duplicate offer');
    assert.equal(page.state().duplicate?.entryId, saved.id);
    assert.equal(h.sim.requests.length, requests, 'nothing was sent');
  });

  it('waits for the whole file when not streaming, and shows a refused request on the form', async () => {
    page.send('speak', { form: ttsForm({ text: 'Whole file please.', stream: false }), force: false });
    await eventually(() => page.state().entries[0]?.file, 'the saved file');
    assert.equal(page.posted().filter((message) => message.method === 'audioChunk').length, 0);
    page.send('speak', { form: ttsForm({ text: 'Instruct me.', model: 'qwen3-tts-instruct-flash', voice: 'Cherry', instructions: 'Whisper', stream: false }), force: false });
    await eventually(() => page.state().entries.length === 2 && page.state().entries[0]!.status === 'succeeded', 'the instruct result');
    assert.ok(h.sim.requests.some((request) => request.body.includes('"instructions":"Whisper"')));
  });

  it('uploads a picked file, submits a transcription task, and opens its transcript as SRT when the result is saved', async () => {
    const form = await pickAudio('meeting.wav');
    page.send('transcribe', { form: { ...form, asr: { ...form.asr, diarization: true, output: 'srt' } } });
    const notice = await eventually(() => page.state().notice, 'the notice');
    const [task] = [...page.tasks.values()];
    assert.ok(task && notice.includes(task.taskId));
    assert.equal(task.kind, 'transcription');
    const submit = h.sim.requests.find((request) => request.path.endsWith('/audio/asr/transcription'))!;
    assert.match(submit.body, /"file_urls":\["oss:\/\/[^"]+meeting\.wav"\]/);
    assert.match(submit.body, /"diarization_enabled":true/);

    mkdirSync(page.results, { recursive: true });
    const json = path.join(page.results, 'transcription-1.json');
    writeFileSync(json, JSON.stringify({ transcripts: [{ channel_id: 0, sentences: [{ begin_time: 0, end_time: 1500, text: 'Hi.', speaker_id: 0 }] }] }));
    page.finish(task.taskId, { status: 'SUCCEEDED', localFiles: [json] });
    const srt = path.join(page.results, 'transcription-1.srt');
    await eventually(() => existsSync(srt) && test.window.shownDocuments.length > 0, 'the transcript');
    assert.equal(readFileSync(srt, 'utf8'), '1\n00:00:00,000 --> 00:00:01,500\nSpeaker 1: Hi.\n');
    assert.equal(page.tasks.get(task.taskId)!.localFiles[0], srt, 'the Tasks view opens the transcript first');
  });

  it('makes the transcript in the window that saves the result when the window that submitted it has closed', async () => {
    const form = await pickAudio('call.wav');
    page.send('transcribe', { form: { ...form, asr: { ...form.asr, output: 'vtt' } } });
    await eventually(() => page.state().notice, 'the notice');
    const [task] = [...page.tasks.values()];
    page.dispose();
    test.resetVscode();
    // Another window: its own globalState, the same task files.
    page = await speechPanel(h, page);
    mkdirSync(page.results, { recursive: true });
    const json = path.join(page.results, 'transcription-2.json');
    writeFileSync(json, JSON.stringify({ transcripts: [{ channel_id: 0, sentences: [{ begin_time: 0, end_time: 900, text: 'Bye.' }] }] }));
    page.finish(task!.taskId, { status: 'SUCCEEDED', localFiles: [json] });
    const vtt = path.join(page.results, 'transcription-2.vtt');
    await eventually(() => existsSync(vtt), 'the transcript made by the other window');
    assert.match(readFileSync(vtt, 'utf8'), /^WEBVTT/);
    await eventually(() => page.tasks.get(task!.taskId)!.transcriptFormat === undefined, 'made once');
  });

  it('answers a short clip at once with the synchronous model, in an untitled editor', async () => {
    const form = await pickAudio('clip.wav');
    page.send('transcribe', { form: { ...form, asr: { ...form.asr, model: 'qwen3-asr-flash' } } });
    await eventually(() => test.window.shownDocuments.length > 0, 'the text');
    const shown = test.window.shownDocuments[0] as { getText(): string };
    assert.match(shown.getText(), /simulator/);
    assert.deepEqual(page.tasks.size, 0);
  });
});
