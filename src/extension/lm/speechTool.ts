import * as l10n from '@vscode/l10n';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TtsForm } from '../../shared/protocol/speech';
import { ContextKeys } from '../ids';
import { planAllows, planRefusal } from '../keys/planLimits';
import type { Services } from '../services';
import type { SpeechStudio } from '../speech/speechStudio';
import { speechKey } from '../speech/speechSynthesis';
import { speechConfirmation, speechToolSchema } from './speechToolInput';
import { studioTool, toolsAvailable } from './studioChat';

export const SPEECH_TOOL = 'dashscope_synthesizeSpeech';

/** What the tool uses of the Speech panel: its current form (the defaults), its synthesizer and its history. */
export type SpeechPanelParts = Pick<SpeechStudio, 'state' | 'synthesizer' | 'history'>;

/** Header bytes read to find a WAV's format and data chunks (the text the panel appends comes after the audio). */
const HEADER_BYTES = 4096;

/** Seconds of audio in a PCM WAV, from its `fmt ` byte rate and its `data` size; undefined when the header says neither. */
export function wavSeconds(header: Buffer): number | undefined {
  if (header.length < 12 || header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  for (let offset = 12; offset + 8 <= header.length;) {
    const chunk = header.toString('ascii', offset, offset + 4);
    const size = header.readUInt32LE(offset + 4);
    if (chunk === 'fmt ' && offset + 20 <= header.length) byteRate = header.readUInt32LE(offset + 16);
    if (chunk === 'data') return byteRate ? size / byteRate : undefined;
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

/** The saved file for the model: its path (workspace-relative inside the workspace), length and size. */
async function describeSaved(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(Math.min(size, HEADER_BYTES));
    await handle.read(header, 0, header.length, 0);
    const uri = vscode.Uri.file(file);
    const shown = vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri).split(path.sep).join('/') : file;
    const seconds = wavSeconds(header);
    const kilobytes = Math.ceil(size / 1024);
    return seconds === undefined ? l10n.t('{0} ({1} KB)', shown, kilobytes) : l10n.t('{0} ({1} s, {2} KB)', shown, seconds.toFixed(1), kilobytes);
  } finally {
    await handle.close();
  }
}

/** Synthesizes as the Speech panel does (same history, results folder and usage); the token aborts the request. */
async function synthesize(services: Services, speech: SpeechPanelParts, form: TtsForm, token: vscode.CancellationToken): Promise<string> {
  const refusal = planRefusal(services.connection.settings, 'speech');
  if (refusal !== undefined) return refusal;
  const cancelled = l10n.t('Cancelled: no speech was saved.');
  if (token.isCancellationRequested) return cancelled;
  const controller = new AbortController();
  const cancellation = token.onCancellationRequested(() => controller.abort());
  let result: Awaited<ReturnType<SpeechPanelParts['synthesizer']['speak']>>;
  try {
    result = await speech.synthesizer.speak(form, false, controller.signal);
  } finally {
    cancellation.dispose();
  }
  // Cancelled after the file was saved: it was billed and is there, so say where.
  if (controller.signal.aborted && result.error) return cancelled;
  if (result.error) return l10n.t('No speech was saved: {0}', result.error.code ? `${result.error.code}: ${result.error.message}` : result.error.message);
  const entry = speech.history.earlier(speechKey(form), existsSync);
  if (!entry?.file) return l10n.t('The speech was made but its file is gone from the results folder.');
  const saved = await describeSaved(entry.file);
  return result.duplicate
    ? l10n.t('The same text, model and voice was saved before, so nothing was billed again: {0}', saved)
    : l10n.t('Speech saved ({0}, {1}) and added to the Speech panel\'s history: {2}', form.model, form.voice, saved);
}

/** The speech tool: the user confirms each call (it is billed), then it speaks through the Speech panel's synthesizer. */
export function speechTool(services: Services, speech: SpeechPanelParts): vscode.LanguageModelTool<unknown> {
  return studioTool(speechToolSchema(() => speech.state.form.tts), (form, token) => synthesize(services, speech, form, token), speechConfirmation);
}

/** Registers the speech tool, offered (its `when` clause) while the selected plan serves speech. */
export function registerSpeechTool(services: Services, speech: SpeechPanelParts): vscode.Disposable[] {
  if (!toolsAvailable()) return [];
  const offer = () => void vscode.commands.executeCommand('setContext', ContextKeys.planHasSpeech, planAllows(services.connection, 'speech'));
  offer();
  return [services.connection.onDidChange(offer), vscode.lm.registerTool(SPEECH_TOOL, speechTool(services, speech))];
}
