import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { after, before, describe, it } from 'node:test';
import { DashScopeError } from '../../src/dashscope';
import { harness, type Harness } from './client-helpers';

/** RIFF/WAVE with a data chunk whose length is whole 16-bit samples. */
function assertWav(bytes: Buffer): void {
  assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
  assert.equal(bytes.subarray(8, 12).toString('ascii'), 'WAVE');
  const data = bytes.indexOf('data');
  assert.ok(data > 0 && bytes.readUInt32LE(data + 4) % 2 === 0 && bytes.readUInt32LE(data + 4) > 0);
}

describe('speech against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ taskTimings: { pendingMs: 1000, runningMs: 2000 } });
  });
  after(() => h.close());

  it('speaks with an instruct model and its instructions; refuses instructions for a plain model', async () => {
    const spoken = await h.client.speech.tts({ model: 'qwen3-tts-instruct-flash', text: 'Slowly now', voice: 'Cherry', instructions: 'Whisper, slowly', optimizeInstructions: true });
    assertWav(Buffer.from(await (await request(spoken.audioUrl)).body.arrayBuffer()));
    assert.equal(typeof spoken.usage?.characters, 'number');
    await assert.rejects(h.client.speech.tts({ model: 'qwen3-tts-flash', text: 'Hi', voice: 'Cherry', instructions: 'Shout' }), (error: unknown) => error instanceof DashScopeError && error.code === 'InvalidParameter');
  });

  it('streams PCM chunks whose sum is the WAV the final URL serves', async () => {
    const chunks: Uint8Array[] = [];
    let url: string | undefined;
    for await (const event of h.client.speech.ttsStream({ model: 'qwen3-tts-flash', text: 'A longer sentence to stream in several chunks.', voice: 'Ethan' })) {
      if (event.type === 'audio') chunks.push(event.pcm);
      else url = event.audioUrl;
    }
    assert.ok(chunks.length > 1 && url);
    const wav = Buffer.from(await (await request(url)).body.arrayBuffer());
    assertWav(wav);
    assert.equal(Buffer.concat(chunks).length, wav.length - 44);
  });

  it('recognises a short clip synchronously, from a data: URL', async () => {
    const clip = readFileSync(new URL('../fixtures/speech.wav', import.meta.url));
    const result = await h.client.speech.recognize({ model: 'qwen3-asr-flash', audioUrl: `data:audio/wav;base64,${clip.toString('base64')}`, language: 'en' });
    assert.match(result.text, /simulator/);
    assert.equal(result.language, 'en');
    assert.equal(result.usage?.seconds, 2);
    const body = JSON.parse(h.sim.requests.at(-1)!.body ?? '{}') as { parameters: { asr_options: unknown } };
    assert.deepEqual(body.parameters.asr_options, { language: 'en', enable_itn: false });
  });

  it('transcribes files as a task with sentence timestamps, and speakers when diarization is on', async () => {
    const { taskId } = await h.client.speech.transcribe({ model: 'fun-asr', fileUrls: ['https://example.com/a.wav'], languageHints: ['en'], parameters: { diarization_enabled: true } });
    const task = await h.client.tasks.wait(taskId, { minIntervalMs: 500, maxIntervalMs: 2000 });
    assert.equal(task.status, 'SUCCEEDED');
    assert.equal(task.usage?.duration, 4);
    const [result] = task.output.results as { transcription_url: string }[];
    const transcript = await (await request(result!.transcription_url)).body.json() as { transcripts: { sentences: { begin_time: number; end_time: number; speaker_id?: number }[] }[] };
    const sentences = transcript.transcripts[0]!.sentences;
    assert.deepEqual(sentences.map((sentence) => sentence.speaker_id), [0, 1]);
    assert.ok(sentences.every((sentence) => sentence.end_time > sentence.begin_time));
  });
});
