import { DashScopeError } from '../../dashscope';
import { PLANS } from '../../shared/models/plans';
import type { Connection } from '../connection';
import type { KeyTarget } from './keyStore';

/**
 * Checks `key` on `target` without spending money: the model list where the plan has one (resolves to its size),
 * otherwise a chat with no messages, which the service authenticates first (401 for a key of another plan or region)
 * and then refuses as invalid (400) before any model runs (resolves to undefined). Other failures reject.
 */
export async function probeKey(connection: Connection, key: string, target: KeyTarget, signal?: AbortSignal): Promise<number | undefined> {
  const client = connection.clientFor(key, target);
  const plan = PLANS[target.region === 'custom' ? 'payg' : target.plan];
  if (plan.keyCheck === 'modelList') return (await client.models.list({ signal })).length;
  try {
    await client.chat.create({ model: plan.chatModels?.[0] ?? 'qwen-plus', messages: [], max_tokens: 1 }, { signal });
  } catch (error) {
    if (!(error instanceof DashScopeError && error.status === 400)) throw error;
  }
  return undefined;
}
