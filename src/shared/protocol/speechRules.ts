import * as l10n from '@vscode/l10n';
import { ASR_MODELS, asrEntry, SPEECH_PRICES, TTS_MODELS, ttsEntry, type AsrEntry, type TtsEntry } from '../models';
import type { AsrForm, SpeechForm, TtsForm } from './speech';

/** Han characters (simplified, traditional, kanji, hanja) count two toward the limit and the bill. */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** The characters Qwen TTS bills for a text (one per character, two per Han character). */
export function billableCharacters(text: string): number {
  let count = 0;
  for (const char of text) count += CJK.test(char) ? 2 : 1;
  return count;
}

const firstHttpTts = TTS_MODELS.find((entry) => entry.route === 'http')!;
const firstTaskAsr = ASR_MODELS.find((entry) => entry.mode === 'task')!;

/** The form a model starts from, or keeps what still fits when the user switches model. */
export function adaptTts(form: Partial<TtsForm>, model: string): TtsForm {
  const entry = ttsEntry(model) ?? firstHttpTts;
  const keep = <T extends string>(value: T | undefined, allowed: readonly T[]) => (value !== undefined && allowed.includes(value) ? value : allowed[0]!);
  return {
    model: entry.id,
    voice: keep(form.voice, entry.voices.map((voice) => voice.id)),
    language: keep(form.language, entry.languages),
    format: keep(form.format, entry.formats),
    text: form.text ?? '',
    instructions: entry.instruct ? (form.instructions ?? '') : '',
    stream: form.stream ?? true,
  };
}

export function adaptAsr(form: Partial<AsrForm>, model: string): AsrForm {
  const entry = asrEntry(model) ?? firstTaskAsr;
  return {
    model: entry.id,
    files: (form.files ?? []).slice(0, entry.maxFiles),
    language: form.language && entry.languages.includes(form.language) ? form.language : '',
    diarization: entry.diarization && (form.diarization ?? false),
    output: entry.timestamps ? (form.output ?? 'srt') : 'text',
  };
}

export const defaultSpeechForm = (): SpeechForm => ({ tts: adaptTts({}, firstHttpTts.id), asr: adaptAsr({}, firstTaskAsr.id) });

export type TtsCheck = { readonly ok: true; readonly entry: TtsEntry } | { readonly ok: false; readonly field: keyof TtsForm; readonly message: string };

/** Whether the text-to-speech side can be sent, and what to fix when not. */
export function checkTts(form: TtsForm): TtsCheck {
  const entry = ttsEntry(form.model);
  if (!entry) return { ok: false, field: 'model', message: l10n.t('Choose a model.') };
  if (entry.route !== 'http') return { ok: false, field: 'model', message: l10n.t('{0} answers only over WebSocket, which this extension does not use: choose a Qwen TTS model.', entry.id) };
  if (!entry.voices.some((voice) => voice.id === form.voice)) return { ok: false, field: 'voice', message: l10n.t('{0} has no voice {1}.', entry.id, form.voice) };
  if (!form.text.trim()) return { ok: false, field: 'text', message: l10n.t('Type the text to speak, or use the editor selection.') };
  const characters = billableCharacters(form.text);
  if (characters > entry.maxCharacters) return { ok: false, field: 'text', message: l10n.t('{0} characters: {1} takes at most {2} per request (a Chinese character counts two).', characters, entry.id, entry.maxCharacters) };
  return { ok: true, entry };
}

export type AsrCheck = { readonly ok: true; readonly entry: AsrEntry } | { readonly ok: false; readonly field: keyof AsrForm; readonly message: string };

export function checkAsr(form: AsrForm): AsrCheck {
  const entry = asrEntry(form.model);
  if (!entry) return { ok: false, field: 'model', message: l10n.t('Choose a model.') };
  if (form.files.length === 0) return { ok: false, field: 'files', message: l10n.t('Add an audio file to transcribe.') };
  if (form.files.length > entry.maxFiles) return { ok: false, field: 'files', message: l10n.t('{0} takes {1} file per request.', entry.id, entry.maxFiles) };
  return { ok: true, entry };
}

/** What a synthesis should cost, from the catalog's dated prices; undefined when the model has none (no guessing). */
export function ttsCost(form: TtsForm): { readonly amount: number; readonly currency: string; readonly date: string } | undefined {
  const price = ttsEntry(form.model)?.per10kCharacters;
  if (price === undefined || !form.text) return undefined;
  return { amount: (billableCharacters(form.text) / 10_000) * price, currency: SPEECH_PRICES.currency, date: SPEECH_PRICES.date };
}

