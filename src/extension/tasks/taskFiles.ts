import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileNameOf, listFolder, parseJson, readText, writeJsonAtomic } from '../jsonFile';

/** How the task store keeps its data. Each task is its own entry, so windows writing different tasks never overwrite each other. */
export interface TaskPersistence {
  /** The entry a task is kept in (what a change notification names). */
  keyOf(taskId: string): string;
  /** Every entry, by key (unparsed: the store checks each). */
  loadAll(): Promise<Map<string, unknown>>;
  /** The given entries as they are now; undefined for one that was deleted. */
  loadSome(keys: Iterable<string>): Promise<Map<string, unknown>>;
  save(taskId: string, task: unknown): Promise<void>;
  delete(taskId: string): Promise<void>;
  loadDurations(): Promise<unknown>;
  saveDurations(durations: Record<string, number>): Promise<void>;
}

const EXTENSION = '.json';

/**
 * Tasks as one JSON file each in `folder`, learned durations beside it. The single `tasks.json` of
 * earlier versions is moved into the folder once (kept as `tasks.json.migrated`).
 */
export function taskFiles(folder: string, legacyFile: string, durationsFile: string): TaskPersistence {
  const keyOf = (taskId: string) => `${fileNameOf(taskId)}${EXTENSION}`;
  const read = async (key: string) => parseJson(await readText(path.join(folder, key)));
  const migrate = async () => {
    const legacy = parseJson(await readText(legacyFile).catch(() => undefined)) as { tasks?: unknown; durations?: unknown } | undefined;
    if (!legacy) return;
    const existing = new Set(await listFolder(folder));
    for (const task of Array.isArray(legacy.tasks) ? legacy.tasks : []) {
      const id = (task as { taskId?: unknown } | null)?.taskId;
      if (typeof id === 'string' && id && !existing.has(keyOf(id))) await writeJsonAtomic(path.join(folder, keyOf(id)), task);
    }
    if (legacy.durations && !(await readText(durationsFile))) await writeJsonAtomic(durationsFile, legacy.durations);
    await fs.rename(legacyFile, `${legacyFile}.migrated`).catch(() => undefined);
  };
  return {
    keyOf,
    loadAll: async () => {
      await migrate();
      const names = (await listFolder(folder)).filter((name) => name.endsWith(EXTENSION));
      return new Map(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
    },
    loadSome: async (keys) => new Map(await Promise.all([...keys].filter((key) => key.endsWith(EXTENSION)).map(async (key) => [key, await read(key)] as const))),
    save: (taskId, task) => writeJsonAtomic(path.join(folder, keyOf(taskId)), task),
    delete: (taskId) => fs.rm(path.join(folder, keyOf(taskId)), { force: true }),
    loadDurations: async () => parseJson(await readText(durationsFile)),
    saveDurations: (durations) => writeJsonAtomic(durationsFile, durations),
  };
}

/** Keeps entries in memory (tests and benchmarks). */
export function memoryTaskPersistence(entries = new Map<string, unknown>()): TaskPersistence & { readonly entries: Map<string, unknown> } {
  let durations: unknown;
  return {
    entries,
    keyOf: (taskId) => taskId,
    loadAll: async () => new Map(entries),
    loadSome: async (keys) => new Map([...keys].map((key) => [key, entries.get(key)] as const)),
    save: async (taskId, task) => void entries.set(taskId, JSON.parse(JSON.stringify(task))),
    delete: async (taskId) => void entries.delete(taskId),
    loadDurations: async () => durations,
    saveDurations: async (value) => void (durations = { ...value }),
  };
}
