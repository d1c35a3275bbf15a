import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { ContextKeys } from '../../src/extension/ids';
import { registerSpeechTool, SPEECH_TOOL, speechTool, wavSeconds } from '../../src/extension/lm/speechTool';
import { MAX_SPEECH_TEXT, speechToolInput } from '../../src/extension/lm/speechToolInput';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import { pcmToWav } from '../../src/extension/speech/wavFile';
import { registerSpeech } from '../../src/extension/speech/speechPanel';
import type { TaskTracker } from '../../src/extension/tasks/taskTracker';
import { UsageLedger } from '../../src/extension/usage/usageLedger';
import { UsageRecorder } from '../../src/extension/usage/usageRecorder';
import { ttsEntry } from '../../src/shared/models';
import { harness, type Harness } from '../contract/client-helpers';

const test = vscode as unknown as typeof double;
const resultText = (result: unknown) => (result as { content: { value: string }[] }).content[0]!.value;
const TTS = 'multimodal-generation';

/** The Speech panel's studio over the simulator's client with a real usage ledger, and the speech tool on it. */
function speechSetup(h: Harness) {
  const root = mkdtempSync(path.join(tmpdir(), 'dashscope-speech-tool-'));
  const results = path.join(root, 'results');
  const changes = new test.EventEmitter<void>();
  const ledger = new UsageLedger(path.join(root, 'usage'), { onProblem: () => undefined });
  const settings = { plan: 'payg', region: 'cn' };
  const services = {
    context: test.createExtensionContext(),
    log: new Log(new SecretRedactor()),
    usage: new UsageRecorder(ledger),
    connection: { settings, endpoint: { baseUrl: h.client.baseUrl }, hasKey: true, onDidChange: changes.event, client: async () => h.client, requireClient: async () => h.client },
  } as unknown as Services;
  const tracker = { resultsFolder: () => results, store: { onDidChange: changes.event, all: () => [] } } as unknown as TaskTracker;
  const speech = registerSpeech(services, tracker, { describe: () => undefined, regenerate: async () => false });
  const tool = speechTool(services, speech.studio);
  const tokens = new test.CancellationTokenSource();
  const invoke = async (input: unknown, token = tokens.token) => resultText(await tool.invoke({ input } as vscode.LanguageModelToolInvocationOptions<unknown>, token as vscode.CancellationToken));
  const confirm = async (input: unknown) => (await tool.prepareInvocation!({ input } as vscode.LanguageModelToolInvocationPrepareOptions<unknown>, tokens.token as vscode.CancellationToken)) as vscode.PreparedToolInvocation | undefined;
  const ttsRequests = () => h.sim.requests.filter((request) => request.path.includes(TTS)).length;
  return {
    root, results, ledger, settings, changes, services, studio: speech.studio, invoke, confirm, ttsRequests,
    dispose: () => speech.disposables.forEach((disposable) => disposable.dispose()),
  };
}

describe('dashscope_synthesizeSpeech (vscode double, simulator)', () => {
  let h: Harness;
  let setup: ReturnType<typeof speechSetup>;
  beforeEach(async () => {
    test.resetVscode();
    h = await harness();
    setup = speechSetup(h);
  });
  afterEach(async () => {
    setup.dispose();
    delete test.lm.registerTool;
    await h.close();
  });

  it('asks the user to confirm a billed synthesis, showing the cost, model, voice and the start of the text; defaults are the Speech panel\'s', async () => {
    const text = `${'Read this release note aloud. '.repeat(4)}The end.`;
    const prepared = await setup.confirm({ text, model: 'Qwen3-TTS-Flash', voice: 'ethan' });
    assert.equal(prepared?.confirmationMessages?.title, 'Synthesize speech with DashScope?');
    assert.equal(prepared?.confirmationMessages?.message,
      `This is billed to your Model Studio account: about 0.00128 USD for ${text.length} characters (prices of 2026-12-03). Model: qwen3-tts-flash · Voice: Ethan · Text: ${text.slice(0, 80)}…`);

    setup.studio.prefill({ model: 'qwen3-tts-instruct-flash', voice: 'Serena' });
    const defaults = await setup.confirm({ text: 'Short.' });
    assert.match(String(defaults?.confirmationMessages?.message), /no published price\. Model: qwen3-tts-instruct-flash · Voice: Serena · Text: Short\.$/);
  });

  it('speaks with the defaults the confirmation showed, even when the Speech panel changed while it was open', async () => {
    setup.studio.prefill({ model: 'qwen3-tts-flash', voice: 'Cherry' });
    const input = { text: 'Defaults as confirmed.' };
    assert.match(String((await setup.confirm(input))?.confirmationMessages?.message), /Voice: Cherry/);
    setup.studio.prefill({ model: 'qwen3-tts-flash', voice: 'Ethan' });
    assert.match(await setup.invoke(input), /\(qwen3-tts-flash, Cherry\)/);
    assert.match(await setup.invoke(input), /\(qwen3-tts-flash, Ethan\)/, 'an unconfirmed call reads the defaults when it runs');
  });

  it('saves a WAV in the results folder, adds it to the Speech history with its text and voice, records usage, and tells the agent the file', async () => {
    test.workspace.openFolder(setup.root);
    const answer = await setup.invoke({ text: 'Hello from an agent.', voice: 'Cherry', language: 'english' });
    const [file] = readdirSync(setup.results);
    assert.match(file!, /^speech-.*\.wav$/);
    const wav = readFileSync(path.join(setup.results, file!));
    assert.equal(wav.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.ok(wav.includes('voice=Cherry') && wav.includes('Hello from an agent.'));
    assert.match(answer, new RegExp(`^Speech saved \\(qwen3-tts-flash, Cherry\\) and added to the Speech panel's history: results/${file!.replace('.', '\\.')} \\(\\d+\\.\\d s, \\d+ KB\\)$`));
    const [entry] = setup.studio.history.list();
    assert.deepEqual({ ...entry, id: undefined, key: undefined, createdAt: undefined }, {
      id: undefined, key: undefined, createdAt: undefined, model: 'qwen3-tts-flash', voice: 'Cherry', language: 'English', instructions: '', text: 'Hello from an agent.', status: 'succeeded', file: path.join(setup.results, file!),
    });
    await setup.ledger.flush();
    const { entries } = await setup.ledger.read(0, Date.now() + 1000);
    assert.deepEqual(entries.map((recorded) => [recorded.kind, recorded.model]), [['speech', 'qwen3-tts-flash']]);

    const sent = setup.ttsRequests();
    const again = await setup.invoke({ text: 'Hello from an agent.', voice: 'Cherry', language: 'English' });
    assert.match(again, /^The same text, model and voice was saved before, so nothing was billed again: results\/speech-/);
    assert.equal(setup.ttsRequests(), sent, 'nothing was sent again');
  });

  it('directs the instruct model with the agent\'s instructions, shown in the confirmation and kept in the history', async () => {
    const input = { text: 'Good night.', model: 'qwen3-tts-instruct-flash', voice: 'Maia', instructions: 'Whisper, slowly.' };
    const prepared = await setup.confirm(input);
    assert.match(String(prepared?.confirmationMessages?.message), /Model: qwen3-tts-instruct-flash · Voice: Maia · Instructions: Whisper, slowly\. · Text: Good night\.$/);
    assert.match(await setup.invoke(input), /^Speech saved \(qwen3-tts-instruct-flash, Maia\)/);
    assert.ok(h.sim.requests.some((request) => request.path.includes(TTS) && request.body.includes('"instructions":"Whisper, slowly."')));
    assert.equal(setup.studio.history.list()[0]?.instructions, 'Whisper, slowly.');
  });

  it('refuses an unknown voice, model, language or a too long text with what to use instead, asking nothing and sending nothing', async () => {
    const voice = { text: 'Hi.', voice: 'Nobody' };
    assert.equal(await setup.confirm(voice), undefined, 'no confirmation for input that cannot be sent');
    assert.equal(await setup.invoke(voice), 'Invalid input: voice: qwen3-tts-flash has no voice Nobody. Its voices include Cherry, Serena, Ethan, Chelsie, Momo, Vivian, Moon, Maia (24 in all).');
    assert.match(await setup.invoke({ text: 'Hi.', model: 'qwen3-tts-instruct-flash', voice: 'Jennifer' }), /voice: qwen3-tts-instruct-flash has no voice Jennifer\. Its voices include Cherry, .* \(12 in all\)\.$/);
    assert.equal(await setup.invoke({ text: 'Hi.', model: 'cosyvoice-v3-flash' }), 'Invalid input: model: cosyvoice-v3-flash is not a speech synthesis model this extension can use. Use one of: qwen3-tts-flash, qwen3-tts-instruct-flash.');
    assert.equal(await setup.invoke({ text: 'Hi.', instructions: 'Shout.' }), 'Invalid input: instructions: qwen3-tts-flash takes no instructions: use qwen3-tts-instruct-flash for them.');
    assert.match(await setup.invoke({ text: 'Hi.', language: 'Klingon' }), /language: qwen3-tts-flash takes no language Klingon\. Use one of: Auto, Chinese, English/);
    assert.equal(await setup.invoke({ text: '语'.repeat(301) }), 'Invalid input: text: 602 characters: qwen3-tts-flash takes at most 600 per request (a Chinese character counts two).');
    assert.match(await setup.invoke({ text: 'x'.repeat(MAX_SPEECH_TEXT + 1) }), /^Invalid input: text: /);
    assert.equal(setup.ttsRequests(), 0);
    assert.equal(setup.studio.history.list().length, 0);
  });

  it('aborts the request when the agent cancels (the history shows it failed, no file is saved), and sends nothing when cancelled before it starts', async () => {
    h.sim.injectFault({ fault: 'hang', path: TTS });
    const cancel = new test.CancellationTokenSource();
    const answer = setup.invoke({ text: 'Never finished.' }, cancel.token);
    for (let wait = 0; setup.ttsRequests() === 0 && wait < 400; wait++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(setup.ttsRequests(), 1, 'the request was sent');
    cancel.cancel();
    assert.equal(await answer, 'Cancelled: no speech was saved.');
    const [entry] = setup.studio.history.list();
    assert.equal(entry?.status, 'failed');
    assert.equal(entry?.file, undefined);
    assert.equal(existsSync(setup.results) ? readdirSync(setup.results).length : 0, 0);

    const before = new test.CancellationTokenSource();
    before.cancel();
    assert.equal(await setup.invoke({ text: 'Cancelled before it started.' }, before.token), 'Cancelled: no speech was saved.');
    assert.equal(setup.ttsRequests(), 1, 'nothing more was sent');
    assert.equal(setup.studio.history.list().length, 1, 'and nothing added to the history');
  });

  it('tells the agent the service\'s code and message when it refuses, without a stack', async () => {
    h.sim.injectFault({ fault: 'arrearage', path: TTS });
    const answer = await setup.invoke({ text: 'Unpaid.' });
    assert.match(answer, /^No speech was saved: Arrearage: Access denied, please make sure your account is in good standing\./);
    assert.doesNotMatch(answer, /\n\s+at /);
    assert.equal(setup.studio.history.list()[0]?.error?.code, 'Arrearage');
  });

  it('is offered only while the selected plan serves speech, and refuses to send for a plan without it', async () => {
    const registered: string[] = [];
    test.lm.registerTool = (name: string) => (registered.push(name), new test.Disposable(() => undefined));
    const disposables = registerSpeechTool(setup.services, setup.studio);
    assert.deepEqual(registered, [SPEECH_TOOL]);
    assert.equal(test.commands.contextKeys.get(ContextKeys.planHasSpeech), true);
    setup.settings.plan = 'coding';
    setup.changes.fire();
    assert.equal(test.commands.contextKeys.get(ContextKeys.planHasSpeech), false);
    assert.match(await setup.invoke({ text: 'Hi.' }), /^Speech is not part of .*Select a pay-as-you-go region/);
    assert.equal(setup.ttsRequests(), 0);
    disposables.forEach((disposable) => disposable.dispose());
  });

  it('declares in package.json the inputs it parses, behind its when clause', () => {
    type Property = { maxLength?: number; description: string };
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { languageModelTools: { name: string; when?: string; inputSchema: { properties: Record<string, Property>; required: string[] } }[] } };
    const declared = manifest.contributes.languageModelTools.find((tool) => tool.name === SPEECH_TOOL)!;
    const { properties } = declared.inputSchema;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(speechToolInput.shape).sort());
    assert.equal(properties.text!.maxLength, MAX_SPEECH_TEXT);
    assert.ok(properties.text!.description.includes(String(MAX_SPEECH_TEXT)));
    const voices = new Set(ttsEntry('qwen3-tts-flash')!.voices.map((voice) => voice.id));
    const named = [...properties.voice!.description.matchAll(/\b[A-Z][a-z]+\b/g)].map((match) => match[0]).filter((word) => !['Optional', 'Chinese', 'Speech'].includes(word));
    assert.deepEqual(named.filter((voice) => !voices.has(voice)), [], 'the voices the description names exist');
    assert.deepEqual(declared.inputSchema.required, ['text']);
    assert.equal(declared.when, `${ContextKeys.hasKey} && ${ContextKeys.planHasSpeech}`);
  });
});

describe('wavSeconds', () => {
  it('reads the length from the format and data chunks, and nothing from what is not a WAV', () => {
    assert.equal(wavSeconds(pcmToWav(new Uint8Array(48_000 * 3))), 3);
    assert.equal(wavSeconds(Buffer.from('ID3 not a wav at all')), undefined);
    assert.equal(wavSeconds(pcmToWav(new Uint8Array(10)).subarray(0, 30)), undefined);
  });
});
