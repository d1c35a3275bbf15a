import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { DashScopeClient } from '../../src/dashscope';
import { Commands } from '../../src/extension/ids';
import { registerApps } from '../../src/extension/apps/registerApps';
import type { ChatService } from '../../src/extension/chat/chatService';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import type { Services } from '../../src/extension/services';
import { OPENAPI_ACCESS_KEY, startSimulator, type Simulator } from '../simulator';
import { raw } from '../simulator/testClient';

const test = vscode as unknown as typeof double;

describe('knowledge passages and memory (host, vscode double, simulator)', () => {
  let sim: Simulator;
  let commands: vscode.Disposable[] = [];
  const attached: { conversationId: string; attachments: readonly { name: string; text?: string; source?: string }[] }[] = [];
  let context: ReturnType<typeof test.createExtensionContext>;
  before(async () => {
    sim = await startSimulator({ rateLimits: false });
    context = test.createExtensionContext({ globalStorage: mkdtempSync(path.join(os.tmpdir(), 'dashscope-knowledge-')) });
    const connection = {
      client: async () => new DashScopeClient({ apiKey: sim.keyFor('cn'), baseUrl: sim.regionOrigin('cn'), retry: { maxAttempts: 1 } }),
      settings: { region: 'cn', plan: 'payg', workspaceId: undefined },
    };
    const services = { context, log: new Log(new SecretRedactor()), connection } as unknown as Services;
    const service = { attach: (conversationId: string, attachments: never[]) => attached.push({ conversationId, attachments }) } as unknown as ChatService;
    commands = registerApps(services, { service, open: async () => ({ conversationId: async () => 'shown-conversation' }) });
  });
  after(async () => {
    commands.forEach((command) => command.dispose());
    test.resetVscode();
    await sim.close();
  });

  it('asks for an AccessKey (saying why), keeps it in secret storage, and attaches the chosen passages to the shown conversation', async () => {
    const prompts: string[] = [];
    test.ui.respond((prompt) => {
      if (prompt.kind === 'info' && prompt.items.includes('Set AccessKey…')) return 'Set AccessKey…';
      if (prompt.kind === 'quickPick') return (prompt.items as { picked: boolean }[]).slice(0, 1);
      if (prompt.kind !== 'inputBox') return undefined;
      prompts.push(prompt.prompt ?? '');
      if (/AccessKey ID/.test(prompt.prompt ?? '')) return OPENAPI_ACCESS_KEY.id;
      if (/secret/.test(prompt.prompt ?? '')) return OPENAPI_ACCESS_KEY.secret;
      if (/workspace id/.test(prompt.prompt ?? '')) return 'llm-ws';
      if (/knowledge base id/.test(prompt.prompt ?? '')) return 'idx-1';
      return 'How do I rotate a key?';
    });
    await vscode.commands.executeCommand(Commands.attachKnowledge);
    assert.match(test.ui.messages('info')[0]!, /must be signed with an Alibaba Cloud AccessKey; the API key cannot sign it/);
    assert.equal(JSON.parse((await context.secrets.get('dashscope.knowledge.accessKey'))!).id, OPENAPI_ACCESS_KEY.id);
    assert.equal(attached.length, 1);
    assert.equal(attached[0]!.conversationId, 'shown-conversation');
    assert.deepEqual(attached[0]!.attachments.map((item) => [item.name, item.source]), [['guide-1.pdf', 'Knowledge base idx-1: guide-1.pdf p.1']]);
    assert.match(attached[0]!.attachments[0]!.text!, /How do I rotate a key\?/);
    assert.ok(!prompts.some((prompt) => prompt.includes(OPENAPI_ACCESS_KEY.secret)));
  });

  it('lists a user\'s memories and clears them all after confirmation', async () => {
    const user = 'memory-user-1';
    for (const content of ['Prefers Python.', 'Lives in Hangzhou.']) await raw(sim, '/api/v2/apps/memory/add', { body: { user_id: user, custom_content: content } });
    test.ui.reset();
    let listed: string[] = [];
    test.ui.respond((prompt) => {
      if (prompt.kind === 'inputBox') return user;
      if (prompt.kind === 'quickPick') {
        listed = (prompt.items as { label: string }[]).map((item) => item.label);
        return prompt.items[0];
      }
      if (prompt.kind === 'warning') return 'Delete All';
      return undefined;
    });
    await vscode.commands.executeCommand(Commands.viewMemory);
    assert.deepEqual(listed, [`$(trash) Clear all 2 memories of ${user}`, 'Prefers Python.', 'Lives in Hangzhou.']);
    assert.match(test.ui.messages('info').at(-1)!, /Deleted 2 memories/);
    const left = await raw(sim, `/api/v2/apps/memory/memory_nodes?user_id=${user}`);
    assert.deepEqual(left.json<{ memory_nodes: unknown[] }>().memory_nodes, []);
  });
});
