import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { z } from 'zod';
import type { HistoryStorage } from '../media/mediaHistory';

const STORAGE_KEY = 'dashscope.speech.history';
/** Kept syntheses; older ones drop off (their files stay where they were saved). */
const MAX_ENTRIES = 50;

const entrySchema = z.object({
  id: z.string().min(1),
  /** The request's identity (see requestKey): the same request again is offered this entry instead. */
  key: z.string(),
  model: z.string(),
  voice: z.string(),
  language: z.string(),
  instructions: z.string(),
  text: z.string(),
  createdAt: z.number(),
  status: z.enum(['running', 'succeeded', 'failed']),
  file: z.string().optional(),
  error: z.object({ code: z.string().optional(), message: z.string() }).optional(),
});
export type SpeechEntry = z.output<typeof entrySchema>;

/** The syntheses made in the Speech panel, newest first, kept across reloads. */
export class SpeechHistory {
  private entries: SpeechEntry[];
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly storage: HistoryStorage) {
    const stored = z.array(z.unknown()).safeParse(storage.get(STORAGE_KEY));
    // A synthesis cut by a reload never finishes: it is shown as failed rather than running forever.
    this.entries = (stored.success ? stored.data : []).flatMap((raw) => {
      const entry = entrySchema.safeParse(raw);
      if (!entry.success) return [];
      return [entry.data.status === 'running' ? { ...entry.data, status: 'failed' as const, error: { message: l10n.t('Interrupted: the window was reloaded before the audio was saved.') } } : entry.data];
    });
  }

  list(): readonly SpeechEntry[] {
    return this.entries;
  }

  get(id: string): SpeechEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  byFile(file: string): SpeechEntry | undefined {
    return this.entries.find((entry) => entry.file === file);
  }

  /** The latest succeeded entry of a request whose file still exists. */
  earlier(key: string, exists: (file: string) => boolean): SpeechEntry | undefined {
    return this.entries.find((entry) => entry.key === key && entry.status === 'succeeded' && entry.file !== undefined && exists(entry.file));
  }

  add(entry: SpeechEntry): void {
    this.entries = [entry, ...this.entries].slice(0, MAX_ENTRIES);
    this.changed();
  }

  update(id: string, change: Partial<SpeechEntry>): void {
    this.entries = this.entries.map((entry) => (entry.id === id ? { ...entry, ...change } : entry));
    this.changed();
  }

  remove(id: string): void {
    this.entries = this.entries.filter((entry) => entry.id !== id);
    this.changed();
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private changed(): void {
    void this.storage.update(STORAGE_KEY, this.entries);
    this.changeEmitter.fire();
  }
}
