import * as z from 'zod/mini';
import { defineCommand, defineNotification } from './define';

/** What the Speech panel's text-to-speech side sends. Bounded: a page cannot make the host keep megabytes. */
export const ttsForm = z.object({
  model: z.string().check(z.maxLength(100)),
  voice: z.string().check(z.maxLength(100)),
  language: z.string().check(z.maxLength(40)),
  format: z.string().check(z.maxLength(10)),
  text: z.string().check(z.maxLength(4000)),
  instructions: z.string().check(z.maxLength(1600)),
  /** Play while the audio arrives (SSE); otherwise play once the whole file is saved. */
  stream: z.boolean(),
});
export type TtsForm = z.infer<typeof ttsForm>;

/** An audio file picked for transcription: the host's id for it, shown by name and size. */
export const pickedAudio = z.object({ id: z.string().check(z.maxLength(100)), name: z.string().check(z.maxLength(300)), sizeBytes: z.number() });

export const transcriptFormat = z.enum(['text', 'srt', 'vtt']);
export type TranscriptFormat = z.infer<typeof transcriptFormat>;

/** The speech-to-text side: files, model, its options, and what the transcript opens as. */
export const asrForm = z.object({
  model: z.string().check(z.maxLength(100)),
  files: z.array(pickedAudio).check(z.maxLength(100)),
  /** A language code, or empty to let the model detect it. */
  language: z.string().check(z.maxLength(10)),
  diarization: z.boolean(),
  output: transcriptFormat,
});
export type AsrForm = z.infer<typeof asrForm>;

export const speechForm = z.object({ tts: ttsForm, asr: asrForm });
export type SpeechForm = z.infer<typeof speechForm>;

/** One synthesis as the panel shows it. */
export const speechEntryView = z.object({
  id: z.string(),
  model: z.string(),
  voice: z.string(),
  text: z.string(),
  createdAt: z.number(),
  status: z.enum(['running', 'succeeded', 'failed']),
  /** Webview URI and name of the saved WAV. */
  file: z.optional(z.object({ uri: z.string(), name: z.string() })),
  error: z.optional(z.object({ code: z.optional(z.string()), message: z.string() })),
});
export type SpeechEntryView = z.infer<typeof speechEntryView>;

const problem = z.object({ code: z.optional(z.string()), message: z.string() });

export const speechPanelState = z.object({
  hasKey: z.boolean(),
  form: speechForm,
  formRevision: z.number(),
  busy: z.boolean(),
  error: z.optional(problem),
  duplicate: z.optional(z.object({ entryId: z.string(), createdAt: z.number() })),
  /** The last thing the speech-to-text side did (a task submitted, a clip recognised), in a line. */
  notice: z.optional(z.string()),
  entries: z.array(speechEntryView),
});
export type SpeechPanelState = z.infer<typeof speechPanelState>;

const entryTarget = z.object({ entryId: z.string() });
const none = z.object({});

export const speechProtocol = {
  requests: {},
  commands: {
    update: defineCommand(z.object({ form: speechForm })),
    /** Synthesise, unless the same request was made before; `force` synthesises anyway. */
    speak: defineCommand(z.object({ form: speechForm, force: z.boolean() })),
    transcribe: defineCommand(z.object({ form: speechForm })),
    /** Replaces the text with the active editor's selection. */
    useSelection: defineCommand(none),
    addFiles: defineCommand(z.object({ source: z.enum(['workspace', 'disk']) })),
    removeFile: defineCommand(z.object({ index: z.int().check(z.nonnegative()) })),
    openPreview: defineCommand(entryTarget),
    saveAs: defineCommand(entryTarget),
    copyRequest: defineCommand(z.object({ entryId: z.string(), language: z.enum(['curl', 'typescript']) })),
    removeEntry: defineCommand(entryTarget),
    dismissDuplicate: defineCommand(none),
    setApiKey: defineCommand(none),
  },
  notifications: {
    state: defineNotification(speechPanelState),
    /** Base64 16-bit mono PCM at 24 kHz of the synthesis under way, to play while it arrives. */
    audioChunk: defineNotification(z.object({ entryId: z.string(), pcm: z.string().check(z.maxLength(1_000_000)) })),
  },
};
export type SpeechProtocol = typeof speechProtocol;
