import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import type { TranscriptFormat } from '../../shared/protocol/speech';

/** More sentences than a 12-hour file makes: a hostile transcript listing millions is cut here. */
const MAX_SENTENCES = 50_000;
const MAX_TEXT = 10_000;

const time = z.number().finite().nonnegative().max(48 * 3600_000);
const sentenceSchema = z.looseObject({
  begin_time: time,
  end_time: time,
  text: z.string().max(MAX_TEXT),
  speaker_id: z.number().int().nonnegative().max(1000).nullish(),
});

/** A transcription JSON as `transcription_url` serves it (API notes §10.2); only what the formats need. */
const transcriptSchema = z.looseObject({
  transcripts: z.array(z.looseObject({
    channel_id: z.number().int().nonnegative().max(64).nullish(),
    text: z.string().max(10 * 2 ** 20).nullish(),
    sentences: z.array(sentenceSchema).max(MAX_SENTENCES).nullish(),
  })).max(64),
});

export interface Sentence {
  readonly begin: number;
  readonly end: number;
  readonly text: string;
  readonly speaker: number | undefined;
  readonly channel: number;
}

/** The sentences of a transcription JSON in time order; an error that says what is wrong when it is not one. */
export function parseTranscript(json: unknown): Sentence[] {
  const parsed = transcriptSchema.safeParse(json);
  if (!parsed.success) throw new Error(l10n.t('The transcription is not in the expected shape: {0}', parsed.error.issues[0]?.message ?? ''));
  const sentences = parsed.data.transcripts.flatMap((transcript) => {
    const channel = transcript.channel_id ?? 0;
    const list = transcript.sentences ?? [];
    if (list.length === 0 && transcript.text) return [{ begin: 0, end: 0, text: transcript.text, speaker: undefined, channel }];
    return list.map((sentence) => ({ begin: sentence.begin_time, end: Math.max(sentence.end_time, sentence.begin_time), text: sentence.text.trim(), speaker: sentence.speaker_id ?? undefined, channel }));
  });
  return sentences.sort((a, b) => a.begin - b.begin);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `hh:mm:ss,mmm` (SRT) or `hh:mm:ss.mmm` (VTT). */
export function timestamp(ms: number, separator: ',' | '.'): string {
  const whole = Math.round(ms);
  return `${pad(Math.floor(whole / 3600_000))}:${pad(Math.floor(whole / 60_000) % 60)}:${pad(Math.floor(whole / 1000) % 60)}${separator}${pad(whole % 1000, 3)}`;
}

/** Speaker labels count from 1, as people do; two channels without diarization are told apart by channel. */
function who(sentence: Sentence, channels: boolean): string {
  if (sentence.speaker !== undefined) return l10n.t('Speaker {0}', sentence.speaker + 1);
  return channels ? l10n.t('Channel {0}', sentence.channel + 1) : '';
}

/** The transcript as plain text (a line per sentence, with its speaker), SRT or WebVTT subtitles. */
export function formatTranscript(sentences: readonly Sentence[], format: TranscriptFormat): string {
  const channels = new Set(sentences.map((sentence) => sentence.channel)).size > 1;
  const line = (sentence: Sentence) => {
    const speaker = who(sentence, channels);
    return speaker ? `${speaker}: ${sentence.text}` : sentence.text;
  };
  if (format === 'text') return `${sentences.map(line).join('\n')}\n`;
  if (format === 'srt') return sentences.map((sentence, index) => `${index + 1}\n${timestamp(sentence.begin, ',')} --> ${timestamp(sentence.end, ',')}\n${line(sentence)}\n`).join('\n');
  const cue = (sentence: Sentence) => {
    const speaker = who(sentence, channels);
    return speaker ? `<v ${speaker}>${sentence.text}` : sentence.text;
  };
  return `WEBVTT\n\n${sentences.map((sentence) => `${timestamp(sentence.begin, '.')} --> ${timestamp(sentence.end, '.')}\n${cue(sentence)}\n`).join('\n')}`;
}

export const TRANSCRIPT_EXTENSIONS: Readonly<Record<TranscriptFormat, string>> = { text: '.txt', srt: '.srt', vtt: '.vtt' };
