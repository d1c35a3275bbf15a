import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import type { Frame } from 'playwright-core';
import type { VsCode } from './harness';
import { setApiKey } from './flows';
import { e2eSuite } from './suite';
import { chatFrame, chatShown, newConversation } from './views';

interface SentMessage {
  readonly role: string;
  readonly content: string | readonly { type: string; text?: string; image_url?: { url: string } }[];
}

/** The chat panel's page, once it shows the host's state (the conversation picker has options). */
async function chatPanel(code: VsCode): Promise<Frame> {
  const frame = await chatFrame(code);
  await chatShown(frame);
  return frame;
}

/** Clicks a composer button ("Attach File", "Attach Image") and answers the file dialog it opens. */
async function attach(code: VsCode, frame: Frame, button: 'Attach File' | 'Attach Image', relativePath: string): Promise<void> {
  await frame.locator(`.composer vscode-button[aria-label="${button}"]`).click();
  await code.answerOpenDialog(path.join(code.dirs.workspace, relativePath));
  await frame.locator('.chips.draft .chip', { hasText: path.basename(relativePath) }).waitFor();
}

/** Picks a chat model and waits until the host has applied it (the Thinking switch follows the host's state). */
async function chooseModel(frame: Frame, model: string, thinking: 'locked' | 'optional'): Promise<void> {
  await frame.locator('vscode-dropdown[aria-label="Model"]').click();
  await frame.locator(`vscode-dropdown[aria-label="Model"] vscode-option[value="${model}"]`).click();
  const locked = frame.locator('vscode-checkbox[disabled]', { hasText: 'Thinking' });
  await locked.waitFor({ state: thinking === 'locked' ? 'visible' : 'detached' });
}

/** Sends the prompt (with the draft attachments) and waits until its reply has finished. */
async function send(frame: Frame, prompt: string) {
  const input = frame.locator('vscode-text-area.prompt textarea');
  await input.fill(prompt);
  await input.press('Enter');
  const question = frame.locator('.message.user', { has: frame.locator('.prompt-text', { hasText: prompt }) }).last();
  await question.waitFor();
  const reply = question.locator('xpath=following-sibling::*[1]');
  await reply.and(frame.locator('.message.assistant:not(.streaming)')).waitFor({ timeout: 30_000 });
  return { question, reply };
}

/** The messages of the last chat request the simulator received. */
function lastChatRequest(code: VsCode): { model: string; messages: SentMessage[] } {
  const request = code.sim.requests.filter((item) => item.path.endsWith('/chat/completions')).at(-1);
  assert.ok(request, 'a chat request was sent');
  return JSON.parse(request.body) as { model: string; messages: SentMessage[] };
}

const chatRequestCount = (code: VsCode) => code.sim.requests.filter((item) => item.path.endsWith('/chat/completions')).length;

describe('chat attachments in real VS Code', () => {
  const { test } = e2eSuite();

  test('attaches a workspace text file through the file dialog and sends its name and content with the question', async (code) => {
    await setApiKey(code, code.sim.keyFor('cn'));
    await code.runCommand('DashScope: Open Chat');
    const frame = await chatPanel(code);
    await attach(code, frame, 'Attach File', 'notes/release.md');
    const { question } = await send(frame, 'What is the release codename?');
    await question.locator('.chips .chip', { hasText: 'release.md' }).waitFor();
    await frame.locator('.chips.draft .chip').first().waitFor({ state: 'detached', timeout: 5_000 }); // the draft went with the question
    const { messages } = lastChatRequest(code);
    const last = messages.at(-1)!;
    assert.equal(last.role, 'user');
    assert.equal(typeof last.content, 'string');
    assert.match(last.content as string, /notes\/release\.md:\n```markdown\n# Release notes\n\nThe release codename is Blue Heron\.\n/);
    assert.match(last.content as string, /What is the release codename\?$/);
  });

  test('sends an attached PNG to a vision model inline as a data: URL', async (code) => {
    const frame = await chatPanel(code);
    await newConversation(frame);
    await chooseModel(frame, 'qwen-vl-plus', 'locked');
    await attach(code, frame, 'Attach Image', 'pixel.png');
    const { question } = await send(frame, 'What colour is this picture?');
    await question.locator('.chips .chip', { hasText: 'pixel.png' }).waitFor();
    const { model, messages } = lastChatRequest(code);
    assert.equal(model, 'qwen-vl-plus');
    const content = messages.at(-1)!.content;
    assert.ok(Array.isArray(content), 'the question is sent as content parts');
    const image = content.find((part) => part.type === 'image_url');
    assert.ok(image?.image_url, 'an image_url part');
    const prefix = 'data:image/png;base64,';
    assert.ok(image.image_url.url.startsWith(prefix), `a PNG data: URL, not ${image.image_url.url.slice(0, 40)}`);
    assert.deepEqual(Buffer.from(image.image_url.url.slice(prefix.length), 'base64'), readFileSync(path.join(code.dirs.workspace, 'pixel.png')), 'the file\'s bytes');
    assert.deepEqual(content.find((part) => part.type === 'text')?.text, 'What colour is this picture?');
  });

  test('warns when an image is attached for a model that does not read images; after picking a vision model, Regenerate sends it', async (code) => {
    const frame = await chatPanel(code);
    await newConversation(frame);
    await chooseModel(frame, 'qwen-plus', 'optional');
    await attach(code, frame, 'Attach Image', 'pixel.png');
    const notice = frame.locator('.notice[data-severity="warning"]', { hasText: 'qwen-plus does not read images' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /pick a vision model \(for example qwen-vl-plus\)/);
    // Sent anyway, the reply says what to do and no request reaches the service.
    const before = chatRequestCount(code);
    const { reply } = await send(frame, 'Describe this picture');
    assert.match(await reply.locator('.reply-error').innerText(), /qwen-plus does not read images/);
    assert.equal(chatRequestCount(code), before, 'no chat request for a model that cannot read the image');
    // As the error says: pick a vision model and regenerate; the image goes with the kept question.
    await chooseModel(frame, 'qwen-vl-plus', 'locked');
    await reply.locator('.message-actions vscode-button[aria-label="Regenerate"]').last().click();
    // The failed reply is replaced by one that streams to its end.
    await reply.and(frame.locator('.message.assistant:not(.streaming):not(:has(.reply-error))')).waitFor({ timeout: 30_000 });
    assert.equal(chatRequestCount(code), before + 1);
    const { model, messages } = lastChatRequest(code);
    assert.equal(model, 'qwen-vl-plus');
    const content = messages.at(-1)!.content;
    assert.ok(Array.isArray(content) && content.some((part) => part.image_url?.url.startsWith('data:image/png;base64,')), 'the image is sent on regenerate');
  });
});
