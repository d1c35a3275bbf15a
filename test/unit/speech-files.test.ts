import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTranscript, parseTranscript, timestamp } from '../../src/extension/speech/transcript';
import { isWav, pcmToWav, withInfo } from '../../src/extension/speech/wavFile';
import { estimateCost } from '../../src/extension/usage/usageCost';
import { usageFigures } from '../../src/extension/usage/usageFigures';
import { billableCharacters, checkTts, defaultSpeechForm } from '../../src/shared/protocol/speechRules';

const transcript = (speakers: boolean) => ({
  transcripts: [{
    channel_id: 0,
    text: 'Hello there. General Kenobi.',
    sentences: [
      { begin_time: 4100, end_time: 5900, text: ' General Kenobi. ', ...(speakers ? { speaker_id: 1 } : {}) },
      { begin_time: 100, end_time: 1900, text: 'Hello there.', ...(speakers ? { speaker_id: 0 } : {}) },
    ],
  }],
});

describe('speech files', () => {
  it('formats a transcript as text, SRT and WebVTT with times and speakers, in time order', () => {
    const sentences = parseTranscript(transcript(true));
    assert.equal(formatTranscript(sentences, 'text'), 'Speaker 1: Hello there.\nSpeaker 2: General Kenobi.\n');
    assert.equal(formatTranscript(sentences, 'srt'), '1\n00:00:00,100 --> 00:00:01,900\nSpeaker 1: Hello there.\n\n2\n00:00:04,100 --> 00:00:05,900\nSpeaker 2: General Kenobi.\n');
    assert.equal(formatTranscript(sentences, 'vtt'), 'WEBVTT\n\n00:00:00.100 --> 00:00:01.900\n<v Speaker 1>Hello there.\n\n00:00:04.100 --> 00:00:05.900\n<v Speaker 2>General Kenobi.\n');
    assert.equal(formatTranscript(parseTranscript(transcript(false)), 'text'), 'Hello there.\nGeneral Kenobi.\n');
  });

  it('writes hours, minutes, seconds and milliseconds', () => {
    assert.equal(timestamp(3 * 3600_000 + 25 * 60_000 + 7_045, ','), '03:25:07,045');
  });

  it('refuses what is not a transcript, and hostile times, with a message', () => {
    assert.throws(() => parseTranscript({ transcripts: 'no' }), /not in the expected shape/);
    assert.throws(() => parseTranscript({ transcripts: [{ sentences: [{ begin_time: -1, end_time: 5, text: 'x' }] }] }), /not in the expected shape/);
    assert.throws(() => parseTranscript({ transcripts: [{ sentences: [{ begin_time: 1e15, end_time: 1e15, text: 'x' }] }] }), /not in the expected shape/);
  });

  it('saves PCM as a WAV that carries the text and voice in RIFF INFO, with the RIFF size fixed', () => {
    const wav = withInfo(pcmToWav(new Uint8Array(4800)), { title: 'Hello', comment: 'model=qwen3-tts-flash; voice=Cherry\nHello' });
    assert.ok(isWav(wav));
    assert.equal(wav.readUInt32LE(4), wav.length - 8);
    assert.equal(wav.readUInt32LE(40), 4800);
    const list = wav.indexOf('LIST');
    assert.equal(list, 44 + 4800);
    assert.equal(wav.subarray(list + 8, list + 12).toString('ascii'), 'INFO');
    assert.ok(wav.includes('voice=Cherry') && wav.includes('INAM') && wav.length % 2 === 0);
    const notWav = Buffer.from('ID3 not a wav');
    assert.equal(withInfo(notWav, { title: 'x', comment: 'y' }), notWav);
  });

  it('counts Han characters twice and keeps to the model\'s limit', () => {
    assert.equal(billableCharacters('你好, world'), 11);
    const form = defaultSpeechForm().tts;
    assert.equal(checkTts({ ...form, text: '好'.repeat(300) }).ok, true);
    const over = checkTts({ ...form, text: '好'.repeat(301) });
    assert.ok(!over.ok && over.field === 'text' && /602 characters/.test(over.message));
  });

  it('prices speech in the ledger from the catalog: characters for TTS, seconds for the priced ASR model, none for the rest', () => {
    const tts = { characters: 2000, input_tokens: 10 };
    assert.deepEqual(estimateCost('qwen3-tts-flash', usageFigures(tts), tts), { amount: 0.02, currency: 'USD', priceDate: '2026-12-03' });
    assert.deepEqual(estimateCost('qwen3-asr-flash', usageFigures({ duration: 100 }), {}), { amount: 0.0035, currency: 'USD', priceDate: '2026-12-03' });
    assert.equal(estimateCost('fun-asr', usageFigures({ duration: 100 }), {}), undefined);
    assert.equal(estimateCost('qwen3-tts-instruct-flash', usageFigures(tts), tts), undefined);
  });
});
