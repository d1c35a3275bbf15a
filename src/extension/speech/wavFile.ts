/** Qwen TTS streams 16-bit mono PCM at 24 kHz (API notes §10.1). */
export const TTS_SAMPLE_RATE = 24_000;

/** RIFF INFO fields a saved synthesis carries, so the prompt and voice travel with the file. */
export interface WavInfo {
  /** INAM: the title (the start of the text). */
  readonly title: string;
  /** ICMT: model, voice, language, instructions and the whole text. */
  readonly comment: string;
}

/** A WAV file around 16-bit mono PCM. */
export function pcmToWav(pcm: Uint8Array, sampleRate = TTS_SAMPLE_RATE): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** One INFO sub-chunk: id, size, NUL-terminated UTF-8 text, padded to an even length. */
function infoField(id: string, text: string): Buffer {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const field = Buffer.alloc(8 + body.length + (body.length % 2));
  field.write(id, 0, 'ascii');
  field.writeUInt32LE(body.length, 4);
  body.copy(field, 8);
  return field;
}

export const isWav = (bytes: Uint8Array) => bytes.length >= 12 && Buffer.from(bytes.subarray(0, 4)).toString('ascii') === 'RIFF' && Buffer.from(bytes.subarray(8, 12)).toString('ascii') === 'WAVE';

/**
 * The WAV with a LIST/INFO chunk appended and the RIFF size fixed; players skip chunks they do not know.
 * Anything that is not a WAV is returned as it is.
 */
export function withInfo(wav: Buffer, info: WavInfo): Buffer {
  if (!isWav(wav) || wav.length % 2 !== 0) return wav;
  const fields = Buffer.concat([Buffer.from('INFO', 'ascii'), infoField('INAM', info.title), infoField('ICMT', info.comment), infoField('ISFT', 'DashScope Studio')]);
  const list = Buffer.alloc(8);
  list.write('LIST', 0, 'ascii');
  list.writeUInt32LE(fields.length, 4);
  const out = Buffer.concat([wav, list, fields]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}
