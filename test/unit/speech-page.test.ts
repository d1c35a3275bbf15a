import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { SpeechEntryView, SpeechForm, SpeechPanelState } from '../../src/shared/protocol/speech';
import { defaultSpeechForm } from '../../src/shared/protocol/speechRules';
import { openPage } from './pageDom';

function state(change: Partial<SpeechPanelState> = {}, tts: Partial<SpeechForm['tts']> = {}): SpeechPanelState {
  const form = defaultSpeechForm();
  return { hasKey: true, form: { ...form, tts: { ...form.tts, ...tts } }, formRevision: 1, busy: false, entries: [], ...change };
}

const entry = (change: Partial<SpeechEntryView> = {}): SpeechEntryView => ({ id: 'e1', model: 'qwen3-tts-flash', voice: 'Cherry', text: 'Hello', createdAt: Date.now(), status: 'succeeded', ...change });

describe('Speech page in jsdom', () => {
  let page: ReturnType<typeof openPage> | undefined;
  afterEach(() => page?.close());

  it('shows the model\'s voices with their descriptions, the character count and the cost, and hides instructions for a plain model', () => {
    page = openPage('speech');
    page.notify('state', state({}, { text: '你好 world' }));
    const voices = [...page.document.querySelectorAll('[data-field="voice"] vscode-option')].map((option) => option.textContent);
    assert.ok(voices.length > 10 && voices.every((label) => (label ?? '').includes(':')), voices.join('|'));
    const summary = page.document.querySelector('.speech-side .summary')!.textContent ?? '';
    assert.match(summary, /^10 \/ 600 characters · about 0\.00010 USD \(prices of 2026-12-03\)$/);
    assert.equal((page.document.querySelector('[data-field="instructions"]') as HTMLElement).hidden, true);
    page.notify('state', state({ formRevision: 2 }, { model: 'qwen3-tts-instruct-flash' }));
    assert.equal((page.document.querySelector('[data-field="instructions"]') as HTMLElement).hidden, false);
    assert.match(page.document.querySelector('.speech-side .summary')!.textContent ?? '', /no published price/);
  });

  it('keeps text typed before a host change of the form, and sends it with Speak', () => {
    page = openPage('speech');
    page.notify('state', state());
    page.type('text', 'Read this aloud');
    page.notify('state', state({ formRevision: 2 }, { voice: 'Ethan' }));
    assert.equal(page.control('text').value, 'Read this aloud');
    page.click([...page.document.querySelectorAll('vscode-button')].find((button) => button.textContent === 'Speak')!);
    const [speak] = page.commands('speak') as { form: SpeechForm; force: boolean }[];
    assert.equal(speak?.form.tts.text, 'Read this aloud');
    assert.equal(speak?.form.tts.voice, 'Ethan');
    assert.equal(speak?.force, false);
  });

  it('refuses to speak an empty text or a WebSocket-only model, with the reason', () => {
    page = openPage('speech');
    page.notify('state', state({}, { model: 'cosyvoice-v3-flash', voice: 'longxiaochun_v2', text: 'Hi' }));
    page.click([...page.document.querySelectorAll('vscode-button')].find((button) => button.textContent === 'Speak')!);
    assert.deepEqual(page.commands('speak'), []);
    assert.match(page.document.querySelector('.speech-side .field-error')!.textContent ?? '', /WebSocket/);
  });

  it('shows a saved result with an audio element, its actions, and the duplicate offer', () => {
    page = openPage('speech');
    page.notify('state', state({ entries: [entry({ file: { uri: 'https://webview.test/speech.wav', name: 'speech.wav' } })], duplicate: { entryId: 'e1', createdAt: Date.now() } }));
    const audio = page.document.querySelector('[data-entry="e1"] audio')!;
    assert.equal(audio.getAttribute('src'), 'https://webview.test/speech.wav');
    const labels = [...page.document.querySelectorAll('[data-entry="e1"] vscode-button')].map((button) => button.textContent);
    assert.deepEqual(labels, ['Open in Preview', 'Save As…', 'Copy as curl', 'Copy as TypeScript', 'Remove']);
    page.click([...page.document.querySelectorAll('[data-entry="e1"] vscode-button')].find((button) => button.textContent === 'Copy as curl')!);
    assert.deepEqual(page.commands('copyRequest'), [{ entryId: 'e1', language: 'curl' }]);
    assert.equal((page.document.querySelector('.duplicate') as HTMLElement).hidden, false);
  });

  it('lists picked audio files and asks the host to transcribe them', () => {
    page = openPage('speech');
    const form = defaultSpeechForm();
    page.notify('state', state({ form: { ...form, asr: { ...form.asr, files: [{ id: 'f1', name: 'meeting.wav', sizeBytes: 20480 }] } } }));
    assert.match(page.document.querySelector('[data-field="files"] .chip')!.textContent ?? '', /meeting\.wav/);
    page.click([...page.document.querySelectorAll('vscode-button')].find((button) => button.textContent === 'Transcribe')!);
    const [transcribe] = page.commands('transcribe') as { form: SpeechForm }[];
    assert.deepEqual(transcribe?.form.asr.files.map((file) => file.id), ['f1']);
    assert.equal(transcribe?.form.asr.output, 'srt');
  });
});
