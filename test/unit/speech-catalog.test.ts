import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asrEntry, ASR_MODELS, classify, SOURCES, SPEECH_PRICES, ttsEntry, TTS_MODELS } from '../../src/shared/models';

describe('speech catalog', () => {
  it('lists the HTTP TTS models with described voices, languages and WAV, and CosyVoice as WebSocket only', () => {
    for (const entry of TTS_MODELS) {
      assert.ok(entry.voices.length > 0, entry.id);
      for (const voice of entry.voices) assert.ok(voice.description.en.length > 0 && voice.description['zh-cn'].length > 0, voice.id);
      assert.ok(entry.languages.length > 0 && entry.formats.length > 0, entry.id);
      assert.ok(SOURCES[entry.source].checked.match(/^\d{4}-\d{2}-\d{2}$/), entry.id);
    }
    assert.equal(ttsEntry('qwen3-tts-flash')?.route, 'http');
    assert.deepEqual(ttsEntry('qwen3-tts-flash')?.formats, ['wav']);
    assert.equal(ttsEntry('qwen3-tts-instruct-flash')?.instruct, true);
    assert.equal(ttsEntry('cosyvoice-v3-flash')?.route, 'websocket');
    assert.equal(ttsEntry('qwen3-tts-flash-2025-11-27')?.id, 'qwen3-tts-flash', 'a snapshot is its family');
  });

  it('lists file transcription models with their options and one synchronous short-clip model', () => {
    const tasks = ASR_MODELS.filter((entry) => entry.mode === 'task');
    assert.ok(tasks.length >= 3 && tasks.every((entry) => entry.diarization && entry.timestamps && entry.maxFiles === 100));
    const sync = ASR_MODELS.filter((entry) => entry.mode === 'sync');
    assert.deepEqual(sync.map((entry) => entry.id), ['qwen3-asr-flash']);
    assert.equal(asrEntry('qwen3-asr-flash')?.maxSeconds, 300);
  });

  it('prices only what a page documented, with the table\'s date', () => {
    assert.equal(ttsEntry('qwen3-tts-flash')?.per10kCharacters, 0.1);
    assert.equal(ttsEntry('qwen3-tts-instruct-flash')?.per10kCharacters, undefined);
    assert.equal(asrEntry('fun-asr')?.perSecond, undefined);
    assert.equal(SPEECH_PRICES.currency, 'USD');
    assert.equal(SPEECH_PRICES.date, '2026-12-03');
  });

  it('keeps speech models out of the chat picker', () => {
    assert.equal(classify('qwen3-tts-flash').kind, 'ignored');
    assert.equal(classify('fun-asr').kind, 'ignored');
  });
});
