import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { MAX_MEMORY_PAGE, type DashScopeClient, type MemoryNode } from '../../dashscope';
import { registerCommand } from '../command';
import type { Services } from '../services';
import { Commands } from '../ids';


const USER_KEY = 'dashscope.memory.lastUser';
/** At most this many pages are read: a user with more memories is shown the first ones and told so. */
const MAX_PAGES = 5;
const USER_ID = /^[\w.@:-]{1,128}$/;

/** A user's memory nodes, page by page, bounded; `more` when the service has more than were read. */
export async function readMemories(client: Pick<DashScopeClient, 'memory'>, userId: string): Promise<{ nodes: MemoryNode[]; more: boolean }> {
  const nodes: MemoryNode[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { nodes: found, total } = await client.memory.list({ userId, pageNum: page, pageSize: MAX_MEMORY_PAGE });
    nodes.push(...found);
    if (found.length < MAX_MEMORY_PAGE || (total !== undefined && nodes.length >= total)) return { nodes, more: false };
  }
  return { nodes, more: true };
}

async function confirm(message: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
}

/** Shows a user's memories; one can be copied or deleted, or all of them cleared. */
async function viewMemory(services: Services): Promise<void> {
  const client = await services.connection.client();
  if (!client) {
    void vscode.window.showWarningMessage(l10n.t('Set an API key first: memories are read with it.'));
    return;
  }
  const userId = (await vscode.window.showInputBox({
    title: l10n.t('View Memory'),
    prompt: l10n.t('The user id your application stores memories under (user_id).'),
    value: services.context.globalState.get<string>(USER_KEY) ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => (USER_ID.test(value.trim()) ? undefined : l10n.t('Up to 128 letters, digits and . _ @ : -')),
  }))?.trim();
  if (!userId || !USER_ID.test(userId)) return;
  await services.context.globalState.update(USER_KEY, userId);
  const { nodes, more } = await readMemories(client, userId);
  if (nodes.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No memories are stored for {0}.', userId));
    return;
  }
  const clearAll = { label: `$(trash) ${l10n.t('Clear all {0} memories of {1}', nodes.length, userId)}`, node: undefined };
  const picked = await vscode.window.showQuickPick([clearAll, ...nodes.map((node) => ({
    label: node.content.replace(/\s+/g, ' ').slice(0, 100),
    description: node.updatedAt ?? node.createdAt ?? '',
    detail: node.id,
    node,
  }))], { title: more ? l10n.t('Memories of {0} (the first {1})', userId, nodes.length) : l10n.t('Memories of {0}', userId), matchOnDetail: true });
  if (!picked) return;
  if (!picked.node) {
    if (!(await confirm(l10n.t('Delete all {0} memories of {1}? This cannot be undone.', nodes.length, userId), l10n.t('Delete All')))) return;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Deleting memories…') }, async () => {
      for (const node of nodes) await client.memory.remove(node.id, userId);
    });
    void vscode.window.showInformationMessage(l10n.t('Deleted {0} memories of {1}.', nodes.length, userId));
    return;
  }
  const [copy, remove] = [l10n.t('Copy'), l10n.t('Delete')];
  const action = await vscode.window.showInformationMessage(picked.node.content, copy, remove);
  if (action === copy) await vscode.env.clipboard.writeText(picked.node.content);
  if (action === remove && (await confirm(l10n.t('Delete this memory of {0}?', userId), remove))) await client.memory.remove(picked.node.id, userId);
}

export function registerMemory(services: Services): vscode.Disposable[] {
  return [registerCommand(services.log, Commands.viewMemory, () => viewMemory(services))];
}
