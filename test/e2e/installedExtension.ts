import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, installExtension } from './codeServer';

const CACHE = path.join(__dirname, '..', '..', '.e2e', 'installed-extensions');

/**
 * Installs a VSIX into a run's extensions folder. code-server's installer takes seconds, so each build of the
 * VSIX is installed once into a cache and copied from there, with the absolute paths in extensions.json moved.
 */
export function installCachedExtension(vsix: string, extensionsDir: string): void {
  const key = createHash('sha256').update(readFileSync(vsix)).digest('hex').slice(0, 16);
  const cached = path.join(CACHE, `${CODE_SERVER_VERSION}-${key}`);
  if (!existsSync(path.join(cached, 'extensions.json'))) {
    mkdirSync(CACHE, { recursive: true });
    const scratch = mkdtempSync(`${cached}-`);
    try {
      installExtension(vsix, path.join(scratch, 'extensions'), path.join(scratch, 'user-data'));
      movePaths(path.join(scratch, 'extensions'), cached);
      // Another test process may fill the cache meanwhile (e2e files run two at a time): then its copy stays.
      try {
        renameSync(path.join(scratch, 'extensions'), cached);
      } catch (error) {
        if (!existsSync(path.join(cached, 'extensions.json'))) throw error;
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  cpSync(cached, extensionsDir, { recursive: true });
  movePaths(extensionsDir, extensionsDir, cached);
}

/** Points the absolute paths in an extensions folder's extensions.json, written for `from`, at `to`. */
function movePaths(folder: string, to: string, from = folder): void {
  const manifest = path.join(folder, 'extensions.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').split(from).join(to));
}
