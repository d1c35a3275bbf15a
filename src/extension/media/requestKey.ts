import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { MediaInput, MediaSlot } from '../../shared/protocol/mediaRules';

/** SHA-256 of a file, streamed (videos can be large). */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file).on('error', reject).on('data', (chunk) => hash.update(chunk)).on('end', () => resolve(hash.digest('hex')));
  });
}

/** JSON with sorted keys and without undefined values, so equal requests serialise equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The identity of a request: model, parameters (prompt whitespace normalised) and the SHA-256 of each input
 * file in its slot (`hashes`, by input id). File names and paths do not count: the same picture picked from elsewhere is the same request.
 */
export function requestKey(
  params: { readonly model: string; readonly prompt?: string; readonly inputs: Readonly<Partial<Record<MediaSlot, readonly MediaInput[]>>> } & Record<string, unknown>,
  hashes: Readonly<Record<string, string>>,
): string {
  const { inputs, ...rest } = params;
  const files = Object.fromEntries(Object.entries(inputs).map(([slot, list]) => [slot, (list ?? []).map((input) => hashes[input.id] ?? `missing:${input.id}`)]));
  const normalized = { ...rest, prompt: rest.prompt?.replace(/\s+/g, ' ').trim(), files };
  return createHash('sha256').update(canonical(normalized)).digest('hex');
}
