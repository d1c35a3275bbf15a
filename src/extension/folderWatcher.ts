import { watch, mkdirSync, type FSWatcher } from 'node:fs';
import { TEMPORARY_SUFFIX } from './jsonFile';

/** What changed in a watched folder: the names seen, or everything when the platform did not say. */
export type FolderChange = ReadonlySet<string> | 'all';

/**
 * Watches a folder other windows write to, and reports its changes in batches: after `debounceMs` of
 * quiet, or at most `debounceMs` after the first change (one window writing steadily must not starve the others' view).
 */
export function watchFolder(folder: string, onChange: (change: FolderChange) => void, debounceMs = 200): { dispose(): void } {
  mkdirSync(folder, { recursive: true });
  let names: Set<string> | 'all' = new Set();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const change = names;
    names = new Set();
    onChange(change);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(folder, (_event, name) => {
      if (name?.endsWith(TEMPORARY_SUFFIX)) return;
      if (!name) names = 'all';
      else if (names !== 'all') names.add(name);
      timer ??= setTimeout(flush, debounceMs);
    });
    // A folder removed under the watcher (or a platform without watching) only loses live updates.
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  return {
    dispose: () => {
      watcher?.close();
      if (timer) clearTimeout(timer);
    },
  };
}
