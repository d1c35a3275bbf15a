/** Qwen TTS streams 16-bit little-endian mono PCM at 24 kHz. */
const SAMPLE_RATE = 24_000;
/** A little delay before the first chunk, so the next one arrives before this one ends. */
const LEAD_SECONDS = 0.15;

type AudioContextClass = typeof AudioContext;

/** Samples of base64 16-bit PCM as floats in [-1, 1). */
export function pcmSamples(base64: string): Float32Array {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength - (bytes.byteLength % 2));
  const samples = new Float32Array(view.byteLength / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true) / 32768;
  return samples;
}

/**
 * Plays streamed speech while it arrives: each chunk is scheduled right after the previous one on a Web Audio
 * clock. The context is made on the user's click (a page may not start sound by itself).
 */
export class StreamPlayer {
  private context: AudioContext | undefined;
  private next = 0;
  private entryId: string | undefined;

  constructor(private readonly contextClass: AudioContextClass | undefined = globalThis.AudioContext) {}

  /** Called on the Speak click: makes (or wakes) the audio context and forgets the previous stream. */
  prepare(): void {
    if (!this.contextClass) return;
    this.context ??= new this.contextClass({ sampleRate: SAMPLE_RATE });
    void this.context.resume();
    this.entryId = undefined;
  }

  /** Whether any chunk of this entry was played (its saved file then need not play again). */
  played(entryId: string): boolean {
    return this.entryId === entryId;
  }

  play(entryId: string, base64: string): void {
    const context = this.context;
    if (!context) return;
    if (this.entryId !== entryId) {
      this.entryId = entryId;
      this.next = 0;
    }
    const samples = pcmSamples(base64);
    if (samples.length === 0) return;
    const buffer = context.createBuffer(1, samples.length, SAMPLE_RATE);
    buffer.getChannelData(0).set(samples);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const at = Math.max(this.next, context.currentTime + LEAD_SECONDS);
    source.start(at);
    this.next = at + buffer.duration;
  }
}
