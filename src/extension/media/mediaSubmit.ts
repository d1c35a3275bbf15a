import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { DashScopeClient } from '../../dashscope';
import type { MediaInput } from '../../shared/protocol/mediaRules';
import type { Services } from '../services';
import type { MediaHistory } from './mediaHistory';
import type { BaseForm, BaseParameters, KindSpec, MediaSender } from './mediaKinds';
import type { PickedFiles } from './pickedFiles';
import type { ResolvedInputs } from './requestBuilders';
import { hashFile, requestKey } from './requestKey';

/** What the form shows after a submit: nothing (it was sent), a problem, or the same earlier request. */
export interface SubmitResult {
  readonly error?: { code?: string; message: string };
  readonly duplicate?: { entryId: string; createdAt: number };
}

/** Each input as a URL the model can read: inline within the limit, otherwise uploaded for that model. */
export async function resolveInputs(client: DashScopeClient, params: BaseParameters, picked: PickedFiles): Promise<ResolvedInputs> {
  const pathOf = (input: MediaInput) => {
    const file = picked.pathOf(input.id);
    if (!file) throw new Error(l10n.t('{0} is no longer available: pick it again.', input.name));
    return file;
  };
  const entries = await Promise.all(Object.entries(params.inputs).map(async ([slot, list]) => [
    slot,
    await Promise.all((list ?? []).map(async (input) => ({ url: await client.uploads.toMediaUrl({ data: pathOf(input), fileName: input.name, mimeType: input.mimeType }, params.model), mimeType: input.mimeType }))),
  ] as const));
  return Object.fromEntries(entries);
}

/**
 * The steps of a submit, the same for every kind: check the form again (with the picked files as they are on
 * disk now), look for the same earlier request, resolve the input files, send, and record the entry.
 */
export class MediaSubmitter {
  constructor(
    private readonly services: Services,
    private readonly history: MediaHistory,
    private readonly picked: PickedFiles,
    private readonly sender: MediaSender,
  ) {}

  async submit<F extends BaseForm, P extends BaseParameters>(spec: KindSpec<F, P>, submitted: F, force: boolean): Promise<SubmitResult> {
    // Only files the user picked, and their sizes checked again from the disk: a file may have changed since.
    const form: F = { ...submitted, inputs: await this.picked.current(submitted.inputs) };
    const checked = spec.check(form);
    if (!checked.ok) return { error: { message: Object.values(checked.issues)[0] ?? l10n.t('Check the form.') } };
    const params = checked.value;
    const files = Object.values(params.inputs).flatMap((list) => list ?? []);
    const hashes = Object.fromEntries(await Promise.all(files.map(async (input) => [input.id, await hashFile(this.picked.pathOf(input.id)!)] as const)));
    const key = requestKey(params, hashes);
    const earlier = force ? undefined : this.history.earlier(key, existsSync);
    if (earlier) return { duplicate: { entryId: earlier.id, createdAt: earlier.createdAt } };
    const client = await this.services.connection.requireClient();
    const outcome = await spec.send(this.services.usage.imageSender(this.sender, params.model), params, await resolveInputs(client, params, this.picked));
    this.history.add({
      id: randomUUID(),
      kind: spec.kind,
      key,
      model: params.model,
      prompt: params.prompt ?? '',
      form: { ...form },
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      createdAt: Date.now(),
      ...('taskId' in outcome
        ? { status: 'running' as const, taskId: outcome.taskId, files: [] }
        : { status: outcome.files.length > 0 ? 'succeeded' as const : 'failed' as const, files: outcome.files, ...(outcome.problem ? { error: { message: outcome.problem } } : {}) }),
    });
    return {};
  }
}
