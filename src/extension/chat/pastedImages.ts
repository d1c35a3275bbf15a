import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { listFolder, parseJson, readText } from '../jsonFile';

/** Where images pasted or dropped into the chat input are kept (in the extension's global storage). */
export const PASTED_IMAGES_FOLDER = 'chat-images';
/**
 * Unused pasted images younger than this stay: a draft is kept only in its window's memory, so another window's
 * draft may hold an image no saved conversation refers to yet.
 */
export const PASTED_IMAGE_GRACE_MS = 24 * 60 * 60 * 1000;
/** The names `pastedImage` gives (anything else in the folder is not ours to remove). */
const PASTED_NAME = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}\.(png|jpg|gif|webp|bmp)$/;

/** Only what is needed of a saved conversation: the files its attachments refer to (summaries have no attachments). */
const withAttachments = z.looseObject({ attachments: z.record(z.string(), z.looseObject({ path: z.optional(z.string()) })) });

/**
 * The names of the files that the conversations saved in `chatFolder` attach; undefined when an entry there cannot be
 * read as JSON (then which images are unused is not known). Read one at a time: the folder may be large.
 */
export async function attachedFileNames(chatFolder: string): Promise<Set<string> | undefined> {
  const names = new Set<string>();
  for (const entry of (await listFolder(chatFolder)).filter((name) => name.endsWith('.json'))) {
    const text = await readText(path.join(chatFolder, entry));
    // Deleted by another window since the folder was listed.
    if (text === undefined) continue;
    const value = parseJson(text);
    if (value === undefined) return undefined;
    const parsed = withAttachments.safeParse(value);
    if (parsed.success) for (const attachment of Object.values(parsed.data.attachments)) if (attachment.path) names.add(path.basename(attachment.path));
  }
  return names;
}

export interface UnusedImageSweep {
  readonly imagesFolder: string;
  readonly chatFolder: string;
  readonly now: number;
  /** Paths this window's drafts attach. */
  readonly drafts: readonly string[];
  /** Paths that may go however recent (the images of a conversation just deleted). */
  readonly released?: readonly string[];
}

/**
 * Removes the pasted images no saved conversation and no draft of this window attaches, once older than the grace
 * period (or released). Returns the names removed; removes nothing when a saved conversation cannot be read.
 */
export async function removeUnusedImages(sweep: UnusedImageSweep): Promise<string[]> {
  const attached = await attachedFileNames(sweep.chatFolder);
  if (!attached) return [];
  const drafts = new Set(sweep.drafts.map((file) => path.basename(file)));
  const released = new Set((sweep.released ?? []).map((file) => path.basename(file)));
  const removed: string[] = [];
  for (const name of await listFolder(sweep.imagesFolder)) {
    if (!PASTED_NAME.test(name) || attached.has(name) || drafts.has(name)) continue;
    const file = path.join(sweep.imagesFolder, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile() || (!released.has(name) && sweep.now - stat.mtimeMs < PASTED_IMAGE_GRACE_MS)) continue;
    await fs.rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}
