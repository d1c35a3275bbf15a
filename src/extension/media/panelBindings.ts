import path from 'node:path';
import * as vscode from 'vscode';
import type { HostHandlers, ParamsOf } from '../../shared/protocol/define';
import { imageProtocol, videoProtocol, type EntryView, type ImageProtocol, type MediaPanelKind, type VideoProtocol } from '../../shared/protocol/media';
import { Commands } from '../ids';
import type { HistoryEntry } from './mediaHistory';
import type { MediaForm } from './mediaForm';
import type { BaseForm, BaseParameters } from './mediaKinds';
import type { MediaStudio } from './mediaStudio';

export type MediaProtocol = ImageProtocol | VideoProtocol;
type StateOf<P extends MediaProtocol> = ParamsOf<P['notifications']['state']>;
type Commands = ImageProtocol['commands'];

/** One panel's protocol, the host's answers to it, and the state its page shows. */
export interface PanelBinding<P extends MediaProtocol> {
  readonly kind: MediaPanelKind;
  readonly protocol: P;
  readonly handlers: HostHandlers<P>;
  readonly state: (webview: vscode.Webview) => StateOf<P>;
}

/** The host's answer to each command of a panel: its form's own, and the result actions. */
function handlersOf<F extends BaseForm, P extends BaseParameters>(studio: MediaStudio, form: MediaForm<F, P>) {
  const { results } = studio;
  return {
    update: ({ form: value }: { form: F }) => form.update(value),
    submit: ({ form: value, force }: { form: F; force: boolean }) => form.submit(value, force),
    addInputs: ({ slot, source }: ParamsOf<Commands['addInputs']>) => form.addInputs(slot, source),
    removeInput: ({ slot, index }: ParamsOf<Commands['removeInput']>) => form.removeInput(slot, index),
    dismissDuplicate: () => form.dismissDuplicate(),
    open: ({ entryId, index }: ParamsOf<Commands['open']>) => results.open(entryId, index),
    saveToWorkspace: ({ entryId, index }: ParamsOf<Commands['saveToWorkspace']>) => results.saveToWorkspace(entryId, index),
    copyMarkdown: ({ entryId, index }: ParamsOf<Commands['copyMarkdown']>) => results.copyMarkdown(entryId, index),
    reuse: ({ entryId }: ParamsOf<Commands['reuse']>) => results.reuse(entryId),
    copyRequest: ({ entryId, language }: ParamsOf<Commands['copyRequest']>) => results.copyRequest(entryId, language),
    removeEntry: ({ entryId }: ParamsOf<Commands['removeEntry']>) => results.removeEntry(entryId),
    setApiKey: async () => void (await vscode.commands.executeCommand(Commands.setApiKey)),
  };
}

/** Everything a panel's page shows but its kind. */
function stateOf<F extends BaseForm, P extends BaseParameters>(studio: MediaStudio, form: MediaForm<F, P>, webview: vscode.Webview) {
  const model = form.current;
  const kind = form.spec.kind;
  return {
    form: model.form,
    hasKey: studio.hasKey,
    models: form.models.map(({ id, description }) => ({ id, description })),
    formRevision: model.formRevision,
    busy: model.busy,
    ...(model.error ? { error: model.error } : {}),
    ...(model.duplicate ? { duplicate: model.duplicate } : {}),
    entries: studio.entries(kind).slice(0, 30).map((entry) => entryView(entry, webview)),
    inputPreviews: inputPreviews(studio, model.form, webview),
  };
}

/** Webview URIs of the picked images' private copies, by input id, for their thumbnails. */
function inputPreviews(studio: MediaStudio, form: BaseForm, webview: vscode.Webview): Record<string, string> {
  const ids = Object.values(form.inputs).flatMap((list) => list.map((input) => input.id));
  return Object.fromEntries(ids.flatMap((id) => {
    const copy = studio.picked.thumbnailOf(id);
    return copy ? [[id, webview.asWebviewUri(vscode.Uri.file(copy)).toString()]] : [];
  }));
}

function entryView(entry: HistoryEntry, webview: vscode.Webview): EntryView {
  return {
    id: entry.id,
    model: entry.model,
    prompt: entry.prompt,
    createdAt: entry.createdAt,
    status: entry.status,
    ...(entry.taskStatus ? { taskStatus: entry.taskStatus } : {}),
    ...(entry.taskId ? { taskId: entry.taskId } : {}),
    ...(entry.seed !== undefined ? { seed: entry.seed } : {}),
    files: entry.files.map((file) => ({ uri: webview.asWebviewUri(vscode.Uri.file(file)).toString(), name: path.basename(file) })),
    ...(entry.error ? { error: entry.error } : {}),
  };
}

export function imageBinding(studio: MediaStudio): PanelBinding<ImageProtocol> {
  return { kind: 'image', protocol: imageProtocol, handlers: handlersOf(studio, studio.image), state: (webview) => ({ kind: 'image', ...stateOf(studio, studio.image, webview) }) };
}

export function videoBinding(studio: MediaStudio): PanelBinding<VideoProtocol> {
  return { kind: 'video', protocol: videoProtocol, handlers: handlersOf(studio, studio.video), state: (webview) => ({ kind: 'video', ...stateOf(studio, studio.video, webview) }) };
}
