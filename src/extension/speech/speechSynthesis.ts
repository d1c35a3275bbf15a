import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { DashScopeError, ttsBody, type DashScopeClient, type SpeechRequest } from '../../dashscope';
import type { TtsForm } from '../../shared/protocol/speech';
import { checkTts } from '../../shared/protocol/speechRules';
import type { RequestCall } from '../../snippets/render';
import { describeError } from '../errors';
import { requestKey } from '../media/requestKey';
import type { SubmitResult } from '../media/mediaSubmit';
import type { Services } from '../services';
import { downloadResult } from '../tasks/download';
import { resultFileName } from '../tasks/resultSaver';
import type { SpeechEntry, SpeechHistory } from './speechHistory';
import { pcmToWav, withInfo } from './wavFile';

/** A streamed chunk is passed to the page in pieces no larger than this (base64 grows it by a third). */
const MAX_CHUNK_BYTES = 192_000;

/** The request a form makes, as the client sends it. */
export function speechRequest(form: Pick<TtsForm, 'model' | 'text' | 'voice' | 'language' | 'instructions'>): SpeechRequest {
  return {
    model: form.model,
    text: form.text,
    voice: form.voice,
    ...(form.language && form.language !== 'Auto' ? { languageType: form.language } : {}),
    ...(form.instructions.trim() ? { instructions: form.instructions.trim() } : {}),
  };
}

/** An entry's request as code "Copy as…" renders. */
export function speechCall(entry: SpeechEntry): RequestCall {
  return { title: l10n.t('Speech ({0}, {1})', entry.model, entry.voice), root: 'native', method: 'POST', path: '/services/aigc/multimodal-generation/generation', body: ttsBody(speechRequest(entry)), flow: 'json' };
}

/** The request's identity: the same text, model and voice again is offered the earlier result. */
export function speechKey(form: TtsForm): string {
  const request = speechRequest(form);
  return requestKey({ ...request, prompt: request.text, inputs: {} }, {});
}

/** What the saved WAV carries: the text and how it was spoken. */
function infoOf(form: TtsForm): { title: string; comment: string } {
  const how = [`model=${form.model}`, `voice=${form.voice}`, `language=${form.language}`, ...(form.instructions.trim() ? [`instructions=${form.instructions.trim()}`] : [])].join('; ');
  return { title: [...form.text].slice(0, 80).join(''), comment: `${how}\n${form.text}` };
}

/**
 * Text to speech for the Speech panel: checks the form, offers an earlier identical result instead of paying
 * again, streams PCM to the page while it arrives (or waits for the file), and saves a WAV carrying the text
 * and voice as RIFF INFO metadata.
 */
export class SpeechSynthesizer {
  constructor(
    private readonly services: Services,
    private readonly history: SpeechHistory,
    private readonly resultsFolder: () => string,
    private readonly onChunk: (entryId: string, pcm: Uint8Array) => void,
  ) {}

  /** `signal` (a language model tool's cancellation) aborts the request and the download. */
  async speak(form: TtsForm, force: boolean, signal?: AbortSignal): Promise<SubmitResult> {
    const checked = checkTts(form);
    if (!checked.ok) return { error: { message: checked.message } };
    const request = speechRequest(form);
    const key = speechKey(form);
    const earlier = force ? undefined : this.history.earlier(key, existsSync);
    if (earlier) return { duplicate: { entryId: earlier.id, createdAt: earlier.createdAt } };
    const client = await this.services.connection.requireClient();
    const id = randomUUID();
    this.history.add({ id, key, model: form.model, voice: form.voice, language: form.language, instructions: request.instructions ?? '', text: form.text, createdAt: Date.now(), status: 'running' });
    try {
      const { wav, usage, requestId } = form.stream ? await this.streamed(client.speech, request, id, signal) : await this.whole(client.speech, request, id, signal);
      const file = path.join(this.resultsFolder(), `${resultFileName('speech', Date.now(), id, 0, 1)}.wav`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, withInfo(wav, infoOf(form)));
      void this.services.usage.record({ model: form.model, kind: 'speech', usage, ...(requestId ? { id: requestId } : {}) });
      this.history.update(id, { status: 'succeeded', file });
      this.services.log.info(`Speech ${requestId ?? id}: saved ${file}`);
      return {};
    } catch (error) {
      this.services.log.error('Speech panel: synthesis failed', error);
      const problem = error instanceof DashScopeError ? { code: error.code, message: error.message } : { message: describeError(error) };
      this.history.update(id, { status: 'failed', error: problem });
      return { error: problem };
    }
  }

  private async streamed(speech: SpeechApiLike, request: SpeechRequest, id: string, signal: AbortSignal | undefined) {
    const chunks: Uint8Array[] = [];
    let usage: unknown;
    for await (const event of speech.ttsStream(request, { signal })) {
      if (event.type === 'done') {
        usage = event.usage;
        break;
      }
      chunks.push(event.pcm);
      for (let offset = 0; offset < event.pcm.length; offset += MAX_CHUNK_BYTES) this.onChunk(id, event.pcm.subarray(offset, offset + MAX_CHUNK_BYTES));
    }
    if (usage === undefined) throw new Error(l10n.t('The audio stream ended before the service said it was complete; nothing was saved.'));
    return { wav: pcmToWav(Buffer.concat(chunks)), usage, requestId: undefined };
  }

  private async whole(speech: SpeechApiLike, request: SpeechRequest, id: string, signal: AbortSignal | undefined) {
    const result = await speech.tts(request, { signal });
    const downloaded = await downloadResult(result.audioUrl, { folder: this.resultsFolder(), name: resultFileName('speech-download', Date.now(), id, 0, 1) }, { apiBaseUrl: this.services.connection.endpoint.baseUrl, signal });
    try {
      return { wav: await fs.readFile(downloaded), usage: result.usage, requestId: result.requestId };
    } finally {
      await fs.rm(downloaded, { force: true });
    }
  }
}

type SpeechApiLike = Pick<DashScopeClient['speech'], 'tts' | 'ttsStream'>;
