import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Temporary files end with this; folders read by several windows skip them. */
export const TEMPORARY_SUFFIX = '.tmp';

/**
 * Writes a file so that readers see its old or its new content, never a part: through a temporary file
 * of this write's own (a fixed name would let two windows, or two writes of one window, rename each
 * other's half-written file into place), then a rename, which replaces the file in one step.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${randomUUID().slice(0, 8)}${TEMPORARY_SUFFIX}`;
  try {
    await fs.writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Serializes (which may throw, e.g. on a cycle) before anything is written. */
export const writeJsonAtomic = (file: string, data: unknown): Promise<void> => writeFileAtomic(file, JSON.stringify(data));

/** A file's text, or undefined when it does not exist (another window may just have deleted it). */
export async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Parsed JSON, or undefined when the text is absent or not JSON. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The names in a folder, without temporary files; none when the folder does not exist yet. */
export async function listFolder(folder: string): Promise<string[]> {
  try {
    return (await fs.readdir(folder)).filter((name) => !name.endsWith(TEMPORARY_SUFFIX));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A name safe to use as a file name for an id from a server or a file. */
export const fileNameOf = (id: string): string => id.replace(/[^\w-]/g, '_').slice(0, 120);
