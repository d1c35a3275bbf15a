import { ConnectionHealth } from '../../src/extension/connectionState';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { ChatService } from '../../src/extension/chat/chatService';
import { DashScopeChatProvider } from '../../src/extension/lm/dashscopeChatProvider';
import { ToolMode } from '../../src/extension/lm/vscodeLmApi';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import { ResultSaver } from '../../src/extension/tasks/resultSaver';
import type { TaskStore } from '../../src/extension/tasks/taskStore';
import { resultUrls } from '../../src/extension/tasks/taskResults';
import { usageOf } from '../../src/extension/tasks/trackedTask';
import type { Services } from '../../src/extension/services';
import { createUsageRecorder, registerUsage } from '../../src/extension/usage/registerUsage';
import { STATUS_SETTING } from '../../src/extension/usage/usageStatusItem';
import { Milestones } from '../../src/extension/walkthrough/milestones';
import { WindowPresence } from '../../src/extension/windowPresence';
import { harness, type Harness } from '../contract/client-helpers';

const test = vscode as unknown as typeof double;
type Provider = vscode.TreeDataProvider<unknown>;

/** The Usage view as the user sees it: each node's label and description, children indented. */
async function shown(provider: Provider, node?: unknown, depth = 0): Promise<string[]> {
  const lines: string[] = [];
  for (const child of (await provider.getChildren(node)) ?? []) {
    const item = await provider.getTreeItem(child);
    lines.push(`${'  '.repeat(depth)}${String(item.label)}${item.description ? ` — ${String(item.description)}` : ''}`);
    lines.push(...await shown(provider, child, depth + 1));
  }
  return lines;
}

describe('usage in the vscode double: a chat reply from the simulator lands in the ledger and the Usage view', () => {
  let sim: Harness;
  let services: Services;
  let chat: ChatService;
  let presence: WindowPresence;
  const disposables: vscode.Disposable[] = [];

  before(async () => {
    sim = await harness();
  });
  after(() => sim.close());

  beforeEach(async () => {
    const context = test.createExtensionContext();
    const log = new Log(new SecretRedactor());
    services = {
      context: context as unknown as vscode.ExtensionContext,
      log,
      keys: {} as Services['keys'],
      connection: { client: async () => sim.client, onDidChange: new test.EventEmitter<void>().event, hasKey: true, settings: { region: 'cn', plan: 'payg', chatModel: 'qwen-plus' } } as unknown as Services['connection'],
      milestones: new Milestones(context.globalState as unknown as vscode.Memento, log),
      usage: createUsageRecorder(context as unknown as vscode.ExtensionContext, log),
    };
    presence = new WindowPresence(mkdtempSync(path.join(tmpdir(), 'dashscope-windows-')));
    await presence.start();
    chat = await ChatService.create(services, presence, new ConnectionHealth(async () => undefined));
    disposables.push(chat, ...registerUsage(services));
  });

  afterEach(async () => {
    await chat.close();
    disposables.splice(0).forEach((disposable) => disposable.dispose());
    await presence.release();
    test.resetVscode();
  });

  const usageView = () => test.window.registrations.find((registration) => registration.id === 'dashscope.usage')!.provider as Provider;

  async function reply(text: string): Promise<void> {
    const conversation = chat.newConversation();
    const finished = new Promise<void>((resolve) => {
      const listener = chat.onEvent((event) => {
        if (event.event.type === 'messageFinished') {
          listener.dispose();
          resolve();
        }
      });
    });
    assert.equal(await chat.send(conversation.id, text), true);
    await finished;
    await services.usage.ledger.flush();
  }

  it('records the reply\'s tokens (never the prompt) and shows them under Today, This Week and This Month', async () => {
    await reply('A secret prompt about usage');
    const files = readdirSync(services.usage.ledger.folder);
    assert.equal(files.length, 1);
    const written = readFileSync(path.join(services.usage.ledger.folder, files[0]!), 'utf8');
    assert.doesNotMatch(written, /secret prompt/);
    const lines = await shown(usageView());
    const today = lines.indexOf(lines.find((line) => line.startsWith('Today — 1 call · no price'))!);
    assert.ok(today >= 0, lines.join('\n'));
    assert.match(lines[today + 1]!, /^ {2}qwen-plus — Chat · 1 call · \d+ in · \d+ out tokens · no price$/);
    assert.ok(lines.some((line) => line.startsWith('This Week — 1 call')));
    assert.ok(lines.some((line) => line.startsWith('This Month — 1 call')));
    assert.ok(lines.some((line) => line.startsWith('Estimates use the catalog\'s prices of 20')));
  });

  it('records a language-model-provider reply (Copilot Chat) as its own kind', async () => {
    const provider = new DashScopeChatProvider(services);
    const model = (await provider.provideLanguageModelChatInformation({ silent: true })).find((info) => info.id === 'qwen-plus')!;
    const message = { role: 1, content: [new test.LanguageModelTextPart('explain this code')], name: undefined };
    await provider.provideLanguageModelChatResponse(model, [message], { toolMode: ToolMode.Auto }, { report: () => undefined }, new test.CancellationTokenSource().token as vscode.CancellationToken);
    await services.usage.ledger.flush();
    const lines = await shown(usageView());
    assert.ok(lines.some((line) => /^ {2}qwen-plus — Language model \(Copilot Chat\) · 1 call · \d+ in · \d+ out tokens · no price$/.test(line)), lines.join('\n'));
  });

  it('records a video task\'s seconds once with a cost from the catalog\'s dated prices when its result is saved', async () => {
    const { taskId } = await sim.client.video.submit({ model: 'wan2.5-t2v-preview', prompt: 'a boat', parameters: { size: '1280*720', duration: 5 } });
    const info = await sim.client.tasks.wait(taskId);
    const task = { taskId, region: 'cn' as const, kind: 'video' as const, model: 'wan2.5-t2v-preview', prompt: 'a boat', status: 'SUCCEEDED' as const, createdAt: Date.now(), endTime: Date.now(), usage: usageOf(info.usage ?? {}), resultUrls: resultUrls(info), localFiles: [] };
    const saver = new ResultSaver(services, { update: () => undefined } as unknown as TaskStore, { ready: async () => undefined, failed: () => undefined });
    await saver.download(task, false);
    await saver.download(task, false);
    await services.usage.ledger.flush();
    const lines = await shown(usageView());
    assert.ok(lines.includes('  wan2.5-t2v-preview — Video · 1 call · 5 s of video · CNY 3.00'), lines.join('\n'));
  });

  it('links to the console\'s billing, exports CSV through a Save As dialog, and shows today in the status bar when asked', async () => {
    await reply('hello');
    await vscode.commands.executeCommand('dashscope.usage.openBilling');
    assert.match(String(test.env.opened[0]), /usercenter2\.aliyun\.com/);

    const target = path.join(mkdtempSync(path.join(tmpdir(), 'dashscope-csv-')), 'usage.csv');
    test.ui.respond((prompt) => (prompt.kind === 'saveDialog' ? test.Uri.file(target) : undefined));
    await vscode.commands.executeCommand('dashscope.usage.exportCsv');
    const csv = readFileSync(target, 'utf8').split('\r\n');
    assert.match(csv[1]!, /^[^,]+,qwen-plus,chat,,\d+,\d+,/);

    assert.equal(test.window.statusBarItems.filter((item) => item.id === 'dashscope.usage').length, 0, 'off by default');
    const shownItem = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (test.window.statusBarItems.some((item) => item.id === 'dashscope.usage' && item.visible)) resolve(clearInterval(timer));
      }, 5);
    });
    test.configuration.set(STATUS_SETTING, true);
    await shownItem;
    assert.match(test.window.statusBarItems.find((item) => item.id === 'dashscope.usage')!.text, /no price/);
  });
});
