import { z } from 'zod';

/** Characters of code sent before and after the cursor: enough for the function around it, bounded per request. */
export const PREFIX_CHARS = 6_000;
export const SUFFIX_CHARS = 1_500;
/** A completion longer than this many lines is cut (ghost text is for the next few lines, not a file). */
const MAX_LINES = 16;
const MAX_PATTERNS = 100;
const MAX_PATTERN_LENGTH = 300;

const settingsSchema = z.object({
  enabled: z.boolean().catch(false),
  languages: z.record(z.string().max(100), z.boolean()).catch({ '*': true }),
  exclude: z.array(z.string().max(MAX_PATTERN_LENGTH)).max(MAX_PATTERNS).catch([]),
  model: z.string().max(100).regex(/^[\w.-]*$/).catch(''),
  debounceMs: z.number().int().min(0).max(2_000).catch(300),
});
export type CompletionSettings = z.output<typeof settingsSchema>;

/** The `dashscope.inlineCompletions.*` settings, each invalid value replaced by its default. */
export const parseCompletionSettings = (read: (key: keyof CompletionSettings) => unknown): CompletionSettings =>
  settingsSchema.parse(Object.fromEntries((['enabled', 'languages', 'exclude', 'model', 'debounceMs'] as const).map((key) => [key, read(key)])));

/** On for a language: its own entry, else the `*` entry, else on. */
export const languageEnabled = (settings: CompletionSettings, languageId: string) => settings.languages[languageId] ?? settings.languages['*'] ?? true;

/** A glob (`**`, `*`, `?`, `{a,b}`) as a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      const slash = glob[index + 2] === '/';
      source += slash ? '(?:[^/]*/)*' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(?:^|/)${source}$`, 'i');
}

const SECRET_FILE = /^\.env(\..*)?$|\.(pem|key|p12|pfx|jks|keystore|asc|gpg)$|^id_(rsa|dsa|ecdsa|ed25519)|^\.(npmrc|pypirc|netrc|pgpass)$|credentials|secrets?\.(json|ya?ml|toml)$/i;
const SECRET_LANGUAGES = new Set(['dotenv', 'properties', 'ini']);
/** KEY=value lines naming a key, token, secret or password, as in an unsaved .env. */
const SECRET_ASSIGNMENT = /^\s*[A-Z0-9_]*(KEY|TOKEN|SECRET|PASSWORD|PASSWD)[A-Z0-9_]*\s*[=:]/im;

export interface DocumentFacts {
  /** The file's path with `/` separators (for an untitled document, its name). */
  readonly path: string;
  readonly languageId: string;
  readonly isUntitled: boolean;
  /** The start of the document, read only for untitled ones. */
  readonly head: () => string;
}

/**
 * Whether code from this document may be sent for completion: never for secrets-like files (named like
 * `.env` or a key file, or an untitled one in a .env language or with KEY=value lines), nor for files the
 * `exclude` globs match.
 */
export function mayComplete(document: DocumentFacts, settings: CompletionSettings): boolean {
  if (!settings.enabled || !languageEnabled(settings, document.languageId)) return false;
  const name = document.path.slice(document.path.lastIndexOf('/') + 1);
  if (SECRET_FILE.test(name) || SECRET_LANGUAGES.has(document.languageId)) return false;
  if (document.isUntitled && SECRET_ASSIGNMENT.test(document.head().slice(0, 4_096))) return false;
  return !settings.exclude.some((glob) => globToRegExp(glob).test(document.path));
}

/** A completion as ghost text: at most a few lines, without a repeat of the text right after the cursor. */
export function cleanCompletion(text: string, suffix: string): string {
  let lines = text.split('\n');
  if (lines.length > MAX_LINES) lines = lines.slice(0, MAX_LINES);
  let cleaned = lines.join('\n').trimEnd();
  const rest = suffix.split('\n', 1)[0]!.trim();
  if (rest && cleaned.endsWith(rest)) cleaned = cleaned.slice(0, -rest.length).trimEnd();
  return cleaned;
}
