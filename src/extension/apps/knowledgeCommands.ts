import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import * as vscode from 'vscode';
import { KnowledgeClient, knowledgeEndpoint, REGIONS, type AccessKey, type RetrievedPassage } from '../../dashscope';
import { WORKSPACE_ONLY_CLOUD_REGIONS } from '../../shared/models/plans';
import { registerCommand } from '../command';
import type { Services } from '../services';
import type { RegionSetting } from '../settings';
import type { ChatAccess } from './registerApps';
import { Commands } from '../ids';


const SECRET_KEY = 'dashscope.knowledge.accessKey';
const TARGET_KEY = 'dashscope.knowledge.target';
const accessKey = z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9]{8,128}$/)), secret: z.string().check(z.minLength(8), z.maxLength(256)) });
const target = z.object({ workspaceId: z.optional(z.string().check(z.maxLength(64))), indexId: z.optional(z.string().check(z.maxLength(128))) });
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_QUESTION_CHARS = 1000;

/** Why an AccessKey is asked for, shown where it is asked for. */
const why = () => l10n.t('Knowledge base retrieval is a Model Studio OpenAPI call (Retrieve) that must be signed with an Alibaba Cloud AccessKey; the API key cannot sign it. Use a RAM user\'s AccessKey limited to Model Studio read access. It is kept in VS Code\'s secret storage and used only to sign retrieval requests.');

async function readAccessKey(services: Services): Promise<AccessKey | undefined> {
  const text = await services.context.secrets.get(SECRET_KEY);
  if (!text) return undefined;
  try {
    const parsed = accessKey.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function setAccessKey(services: Services): Promise<boolean> {
  const title = l10n.t('AccessKey for Knowledge Retrieval');
  const id = await vscode.window.showInputBox({ title, prompt: `${l10n.t('AccessKey ID.')} ${why()}`, ignoreFocusOut: true, validateInput: (value) => (accessKey.shape.id.safeParse(value.trim()).success ? undefined : l10n.t('An AccessKey ID is 8 to 128 letters and digits (it starts with LTAI).')) });
  if (!id) return false;
  const secret = await vscode.window.showInputBox({ title, prompt: l10n.t('AccessKey secret (kept in VS Code\'s secret storage).'), password: true, ignoreFocusOut: true, validateInput: (value) => (accessKey.shape.secret.safeParse(value.trim()).success ? undefined : l10n.t('An AccessKey secret is 8 to 256 characters.')) });
  if (!secret) return false;
  await services.context.secrets.store(SECRET_KEY, JSON.stringify({ id: id.trim(), secret: secret.trim() }));
  void vscode.window.showInformationMessage(l10n.t('The AccessKey is stored in VS Code\'s secret storage and used only to sign knowledge retrieval requests.'));
  return true;
}

const idProblem = (value: string) => (ID.test(value.trim()) ? undefined : l10n.t('Letters, digits, "-" and "_" only.'));

/** A passage as the chat attaches it: the text, and where it came from. */
function passageAttachment(passage: RetrievedPassage, indexId: string) {
  const name = passage.docName ?? l10n.t('Knowledge passage');
  const where = passage.page !== undefined ? `${name} p.${passage.page}` : name;
  return { kind: 'selection' as const, name, language: 'markdown', text: passage.text, source: l10n.t('Knowledge base {0}: {1}', indexId, where), sizeBytes: Buffer.byteLength(passage.text) };
}

/** Asks for a knowledge base and a question, retrieves passages and attaches the chosen ones to the chat's next prompt. */
async function attachPassages(services: Services, chat: ChatAccess): Promise<void> {
  let key = await readAccessKey(services);
  if (!key) {
    const set = l10n.t('Set AccessKey…');
    if ((await vscode.window.showInformationMessage(why(), set)) !== set || !(await setAccessKey(services))) return;
    key = await readAccessKey(services);
    if (!key) return;
  }
  const kept = target.safeParse(services.context.globalState.get(TARGET_KEY));
  const last = kept.success ? kept.data : {};
  const title = l10n.t('Attach Knowledge Passages');
  const workspaceId = await vscode.window.showInputBox({ title, prompt: l10n.t('The Model Studio workspace id (llm-…) of the knowledge base.'), value: last.workspaceId ?? services.connection.settings.workspaceId ?? '', ignoreFocusOut: true, validateInput: idProblem });
  if (!workspaceId || idProblem(workspaceId)) return;
  const indexId = await vscode.window.showInputBox({ title, prompt: l10n.t('The knowledge base id, from the knowledge base\'s page in the console.'), value: last.indexId ?? '', ignoreFocusOut: true, validateInput: idProblem });
  if (!indexId || idProblem(indexId)) return;
  await services.context.globalState.update(TARGET_KEY, { workspaceId: workspaceId.trim(), indexId: indexId.trim() });
  const question = await vscode.window.showInputBox({ title, prompt: l10n.t('What to look up in the knowledge base.'), ignoreFocusOut: true, validateInput: (value) => (value.trim() && value.length <= MAX_QUESTION_CHARS ? undefined : l10n.t('A question of 1 to {0} characters.', MAX_QUESTION_CHARS)) });
  if (!question?.trim()) return;
  const client = await services.connection.client();
  const baseUrl = client?.baseUrl ?? 'https://dashscope.aliyuncs.com';
  const knowledge = new KnowledgeClient({ accessKey: key, endpoint: knowledgeEndpoint(baseUrl, cloudRegionOf(services.connection.settings.region)) });
  const passages = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Searching the knowledge base…') }, () => knowledge.retrieve({ workspaceId: workspaceId.trim(), indexId: indexId.trim(), query: question.trim() }));
  if (passages.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('The knowledge base returned no passages for this question.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(passages.map((passage) => ({
    label: passage.docName ?? l10n.t('Knowledge passage'),
    description: [passage.page !== undefined ? l10n.t('page {0}', passage.page) : '', passage.score !== undefined ? l10n.t('score {0}', passage.score.toFixed(2)) : ''].filter(Boolean).join(' · '),
    detail: passage.text.replace(/\s+/g, ' ').slice(0, 200),
    picked: true,
    passage,
  })), { title: l10n.t('Passages to attach to the next prompt'), canPickMany: true });
  if (!picked?.length) return;
  const conversationId = await (await chat.open()).conversationId();
  chat.service.attach(conversationId, picked.map((item) => passageAttachment(item.passage, indexId.trim())));
}

/** Knowledge base retrieval: the AccessKey it needs, and passages attached to a chat prompt. */
export function registerKnowledge(services: Services, chat: ChatAccess): vscode.Disposable[] {
  return [
    registerCommand(services.log, Commands.setKnowledgeAccessKey, () => setAccessKey(services)),
    registerCommand(services.log, Commands.forgetKnowledgeAccessKey, async () => {
      await services.context.secrets.delete(SECRET_KEY);
      void vscode.window.showInformationMessage(l10n.t('The AccessKey was removed from VS Code\'s secret storage.'));
    }),
    registerCommand(services.log, Commands.attachKnowledge, () => attachPassages(services, chat)),
  ];
}

function cloudRegionOf(region: RegionSetting): string | undefined {
  if (region === 'custom') return undefined;
  return region === 'jp' || region === 'eu' ? WORKSPACE_ONLY_CLOUD_REGIONS[region] : REGIONS[region].cloudRegion;
}
