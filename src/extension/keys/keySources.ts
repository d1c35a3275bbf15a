import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Places a DashScope key may already be stored on this machine, in the order they are offered. */
export type KeySourceId = 'env' | 'envFile' | 'dashscopeFile' | 'bailianConfig' | 'alibabacloudCredentials';

export interface FoundKey {
  readonly source: KeySourceId;
  /** Human description of where the key was found (never the key). */
  readonly description: string;
  readonly key: string;
}

export interface KeySourceProblem {
  readonly source: KeySourceId;
  readonly path: string;
  readonly message: string;
}

export interface KeyDiscovery {
  readonly keys: FoundKey[];
  readonly problems: KeySourceProblem[];
}

export interface DiscoveryEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
  readonly readFile: (file: string) => Promise<string>;
}

export const defaultDiscoveryEnvironment = (): DiscoveryEnvironment => ({
  env: process.env,
  homeDir: os.homedir(),
  readFile: (file) => fs.readFile(file, 'utf8'),
});

const KEY_SHAPE = /^[A-Za-z0-9._-]{8,256}$/;

class MalformedSource extends Error {}

const notAKey = () => l10n.t('the value does not look like an API key (expected one line such as sk-…)');

function checkKey(value: string): string {
  const key = value.trim();
  if (!KEY_SHAPE.test(key)) throw new MalformedSource(notAKey());
  return key;
}

async function readOptional(environment: DiscoveryEnvironment, file: string): Promise<string | undefined> {
  try {
    return await environment.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MalformedSource(l10n.t('the file cannot be read ({0})', (error as NodeJS.ErrnoException).code ?? String(error)));
  }
}

const bailianConfig = z.looseObject({ api_key: z.string().optional() });

/** `~/.alibabacloud/credentials` is an INI file; the key is `dashscope_api_key`, preferably in `[default]`. */
function readIniKey(text: string, name: string): string | undefined {
  let section = '';
  const found = new Map<string, string>();
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    // The line is not quoted: a key pasted alone on a line would end up in a warning and the log.
    if (!pair) throw new MalformedSource(l10n.t('line {0} is neither a [section] nor a name = value pair', index + 1));
    if (pair[1]!.trim() === name && !found.has(section)) found.set(section, pair[2]!.trim().replace(/^["']|["']$/g, ''));
  }
  return found.get('default') ?? found.values().next().value;
}

interface Source {
  readonly id: KeySourceId;
  readonly locate: (environment: DiscoveryEnvironment) => string | undefined;
  readonly describe: (location: string) => string;
  readonly extract: (text: string) => string | undefined;
}

const SOURCES: readonly Source[] = [
  {
    id: 'envFile',
    locate: (e) => e.env.DASHSCOPE_API_KEY_FILE_PATH || undefined,
    describe: (file) => l10n.t('File named by DASHSCOPE_API_KEY_FILE_PATH ({0})', file),
    extract: (text) => (text.trim() === '' ? undefined : checkKey(text)),
  },
  {
    id: 'dashscopeFile',
    locate: (e) => path.join(e.homeDir, '.dashscope', 'api_key'),
    describe: (file) => l10n.t('DashScope SDK key file ({0})', file),
    extract: (text) => (text.trim() === '' ? undefined : checkKey(text)),
  },
  {
    id: 'bailianConfig',
    locate: (e) => path.join(e.homeDir, '.bailian', 'config.json'),
    describe: (file) => l10n.t('Model Studio CLI config ({0})', file),
    extract: (text) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new MalformedSource(l10n.t('the file is not valid JSON'));
      }
      const parsed = bailianConfig.safeParse(json);
      if (!parsed.success) throw new MalformedSource(l10n.t('"api_key" must be a string in a JSON object'));
      return parsed.data.api_key ? checkKey(parsed.data.api_key) : undefined;
    },
  },
  {
    id: 'alibabacloudCredentials',
    locate: (e) => path.join(e.homeDir, '.alibabacloud', 'credentials'),
    describe: (file) => l10n.t('Alibaba Cloud credentials file ({0})', file),
    extract: (text) => {
      const value = readIniKey(text, 'dashscope_api_key');
      return value ? checkKey(value) : undefined;
    },
  },
];

/**
 * Finds keys already stored on this machine without copying any of them anywhere.
 * Malformed sources are reported (and left untouched) instead of failing the whole discovery.
 */
export async function discoverKeys(environment: DiscoveryEnvironment = defaultDiscoveryEnvironment()): Promise<KeyDiscovery> {
  const keys: FoundKey[] = [];
  const problems: KeySourceProblem[] = [];
  const envKey = environment.env.DASHSCOPE_API_KEY?.trim();
  if (envKey) {
    if (KEY_SHAPE.test(envKey)) keys.push({ source: 'env', description: l10n.t('DASHSCOPE_API_KEY environment variable'), key: envKey });
    else problems.push({ source: 'env', path: 'DASHSCOPE_API_KEY', message: notAKey() });
  }
  for (const source of SOURCES) {
    const location = source.locate(environment);
    if (location === undefined) continue;
    try {
      const text = await readOptional(environment, location);
      const key = text === undefined ? undefined : source.extract(text);
      if (key !== undefined && !keys.some((found) => found.key === key)) {
        keys.push({ source: source.id, description: source.describe(location), key });
      }
    } catch (error) {
      if (!(error instanceof MalformedSource)) throw error;
      problems.push({ source: source.id, path: location, message: error.message });
    }
  }
  return { keys, problems };
}
