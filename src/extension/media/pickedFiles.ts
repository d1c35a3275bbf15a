import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { mimeTypeOf } from '../../dashscope';
import type { MediaInput } from '../../shared/protocol/mediaRules';
import type { Log } from '../log';
import type { HistoryStorage } from './mediaHistory';

type Inputs = Readonly<Record<string, readonly MediaInput[]>>;

const pickedFile = z.object({
  path: z.string().min(1),
  name: z.string(),
  sizeBytes: z.number().nonnegative(),
  mimeType: z.string(),
  /** The private copy a page shows as the thumbnail (images only). */
  thumbnail: z.string().optional(),
});
type PickedFile = z.output<typeof pickedFile>;

const STORAGE_KEY = 'dashscope.media.picked';
/** Larger images are not copied for a thumbnail (the chip shows the name and size only). */
const THUMBNAIL_MAX_BYTES = 20 * 1024 * 1024;
const THUMBNAIL_EXTENSIONS: Readonly<Record<string, string>> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/bmp': '.bmp', 'image/webp': '.webp', 'image/gif': '.gif' };

/** A file's name, size and type as they are on disk now. */
async function describe(file: string): Promise<Omit<MediaInput, 'id'>> {
  const { size } = await fs.stat(file).catch(() => {
    throw new Error(l10n.t('{0} no longer exists.', file));
  });
  const name = path.basename(file);
  return { name, sizeBytes: size, mimeType: mimeTypeOf(name) };
}

/**
 * The files the user picked for the panels, under ids the host issues. Pages see and send back only these
 * ids, so a page cannot name a file the user did not pick: it is never read, uploaded or shown. Picked images
 * are copied into the extension's private storage, the one folder their thumbnails are shown from.
 */
export class PickedFiles {
  private readonly files: Map<string, PickedFile>;

  constructor(private readonly storage: HistoryStorage, readonly thumbnailFolder: string, private readonly log: Log) {
    const stored = z.record(z.string(), pickedFile).safeParse(storage.get(STORAGE_KEY));
    this.files = new Map(stored.success ? Object.entries(stored.data) : []);
  }

  /** Records a file the user just picked (in a VS Code dialog or quick pick) and returns it as a page sees it. */
  async add(file: string): Promise<MediaInput> {
    const id = randomUUID();
    const described = await describe(file);
    const thumbnail = await this.copyForThumbnail(id, file, described);
    this.files.set(id, { path: file, ...described, ...(thumbnail ? { thumbnail } : {}) });
    this.save();
    return { id, ...described };
  }

  pathOf(id: string): string | undefined {
    return this.files.get(id)?.path;
  }

  thumbnailOf(id: string): string | undefined {
    return this.files.get(id)?.thumbnail;
  }

  /** A page's inputs as the host knows them: ids it did not issue are dropped; names, sizes and types are the host's. */
  known(inputs: Inputs): Record<string, MediaInput[]> {
    let ignored = 0;
    const known = Object.fromEntries(Object.entries(inputs).map(([slot, list]) => [slot, list.flatMap((input) => {
      const file = this.files.get(input.id);
      ignored += file ? 0 : 1;
      return file ? [{ id: input.id, name: file.name, sizeBytes: file.sizeBytes, mimeType: file.mimeType }] : [];
    })]));
    if (ignored > 0) this.log.warn(`Media panel: ignored ${ignored} input file(s) the user did not pick.`);
    return known;
  }

  /** Like `known`, with each file described again from the disk: it may have changed or gone since it was picked. */
  async current(inputs: Inputs): Promise<Record<string, MediaInput[]>> {
    const entries = await Promise.all(Object.entries(this.known(inputs)).map(async ([slot, list]) => [
      slot,
      await Promise.all(list.map(async (input) => ({ id: input.id, ...await describe(this.pathOf(input.id)!) }))),
    ] as const));
    return Object.fromEntries(entries);
  }

  /** Forgets every file but these (the ones forms and history still refer to), with their thumbnail copies. */
  retain(ids: ReadonlySet<string>): void {
    const gone = [...this.files.entries()].filter(([id]) => !ids.has(id));
    if (gone.length === 0) return;
    for (const [id, file] of gone) {
      this.files.delete(id);
      if (file.thumbnail) void fs.rm(file.thumbnail, { force: true }).catch((error: unknown) => this.log.warn(`Could not delete a thumbnail copy: ${String(error)}`));
    }
    this.save();
  }

  private async copyForThumbnail(id: string, file: string, described: Omit<MediaInput, 'id'>): Promise<string | undefined> {
    const extension = THUMBNAIL_EXTENSIONS[described.mimeType];
    if (!extension || described.sizeBytes > THUMBNAIL_MAX_BYTES) return undefined;
    const copy = path.join(this.thumbnailFolder, `${id}${extension}`);
    try {
      await fs.mkdir(this.thumbnailFolder, { recursive: true });
      await fs.copyFile(file, copy, constants.COPYFILE_EXCL);
      return copy;
    } catch (error) {
      this.log.warn(`Could not copy ${described.name} for its thumbnail: ${String(error)}`);
      return undefined;
    }
  }

  private save(): void {
    void this.storage.update(STORAGE_KEY, Object.fromEntries(this.files));
  }
}
