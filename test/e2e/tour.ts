import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeApng, type Frame } from './screens/apng';
import { decodePng } from './screens/png';
import { CHAT_PROMPT, ensureNoKey, mediaPanel, openReasoning, soloPane } from './screens/state';
import { setTheme, THEMES } from './screens/themes';
import { VsCode } from './harness';
import { chatFrame, ask, waitForRow } from './views';

/**
 * `npm run tour`: drives the main flows in a real VS Code against the simulator, once in the light and once in
 * the dark theme, and writes each run's screenshots as an animated PNG (docs/screens/tour-<theme>.png, or
 * DASHSCOPE_SCREENS_DIR). Every frame is a screenshot of the run; the caption names the step.
 */
const OUT = path.resolve(path.join(__dirname, '..', '..'), process.env.DASHSCOPE_SCREENS_DIR ?? path.join('docs', 'screens'));
const SHORT = 1200;
const LONG = 2600;
/** What each run asks for: new prompts, so the second run's results are told apart from the first's. */
const SUBJECTS: Record<string, { image: string; video: string }> = {
  light: { image: 'a red kite over the sea at dawn', video: 'a paper boat drifting down a rainy street' },
  dark: { image: 'a lighthouse under the northern lights', video: 'a lantern floating down a river at night' },
};
type Subject = (typeof SUBJECTS)[string];

class Recorder {
  readonly frames: Frame[] = [];
  constructor(private readonly code: VsCode) {}

  /** Shows a caption over the bottom of the window (part of the page, so in every following frame). */
  async caption(text: string): Promise<void> {
    await this.code.page.evaluate((caption) => {
      let element = document.getElementById('dashscope-tour-caption');
      if (!element) {
        element = document.createElement('div');
        element.id = 'dashscope-tour-caption';
        element.style.cssText = 'position:fixed;left:50%;bottom:40px;transform:translateX(-50%);z-index:100000;padding:8px 18px;border-radius:6px;'
          + 'font:600 16px system-ui,sans-serif;color:#fff;background:rgba(20,24,48,.88);box-shadow:0 2px 8px rgba(0,0,0,.35);pointer-events:none';
        document.body.append(element);
      }
      element.textContent = caption;
    }, text);
  }

  async snap(ms = SHORT): Promise<void> {
    this.frames.push({ image: decodePng(await this.code.page.screenshot()), ms });
  }
}

async function setKey(code: VsCode, tour: Recorder): Promise<void> {
  await tour.caption('1 · Add your API key');
  // The welcome shows in an empty Tasks view: the previous run's tasks are cleared while the key still works.
  const tasks = await soloPane(code, 'Tasks');
  if (await tasks.locator('.monaco-list-row').count()) await code.runCommand('DashScope: Clear Finished Tasks');
  await ensureNoKey(code);
  await code.tasksWelcome();
  await tour.snap(LONG);
  await code.runCommand('DashScope: Set API Key');
  await code.page.locator('.quick-input-widget input[type="password"]').fill(code.sim.keyFor('cn'));
  await tour.snap();
  await code.page.keyboard.press('Enter');
  await code.notification(/API key saved/);
  await code.waitForStatus(/^(?!.*No key)/);
  await tour.snap(LONG);
  await code.clearNotifications();
}

async function chat(code: VsCode, tour: Recorder): Promise<void> {
  await tour.caption('2 · Chat with Qwen');
  await code.runCommand('DashScope: Open Chat');
  await code.runCommand('DashScope: New Chat Conversation');
  const frame = await chatFrame(code);
  await frame.locator('.message').first().waitFor({ state: 'detached' });
  await frame.locator('vscode-text-area.prompt textarea').fill(CHAT_PROMPT);
  await tour.snap();
  await ask(frame, CHAT_PROMPT);
  await frame.locator('.messages > .message.assistant:not(.streaming):last-child .code-block').waitFor({ timeout: 30_000 });
  await openReasoning(frame);
  await tour.snap(LONG);
}

async function image(code: VsCode, tour: Recorder, subject: Subject): Promise<void> {
  await tour.caption('3 · Generate an image');
  const frame = await mediaPanel(code, 'image');
  const prompt = subject.image;
  await frame.locator('[data-field="prompt"] textarea').fill(prompt);
  await tour.snap();
  await frame.locator('.submit-row vscode-button', { hasText: 'Generate' }).click();
  await frame.locator('.entry.succeeded', { hasText: prompt }).locator('img').waitFor({ timeout: 30_000 });
  await frame.locator('.entry.succeeded', { hasText: prompt }).scrollIntoViewIfNeeded();
  await tour.snap(LONG);
}

async function task(code: VsCode, tour: Recorder, { video }: Subject): Promise<void> {
  await tour.caption('4 · Generate a video and watch its task');
  await code.runCommand('DashScope: Generate Video…');
  await code.pick('wan2.6-t2v');
  await code.page.locator('.quick-input-widget input').fill(video);
  await tour.snap();
  await code.page.keyboard.press('Enter');
  await soloPane(code, 'Tasks');
  for (const state of [/ · (pending|running)/, / · running/, /wan2\.6-t2v · \d/]) {
    await waitForRow(code, video, state, 60_000);
    await tour.snap();
  }
  await code.clickNotificationButton(new RegExp(`${video}" is ready`), 'Open');
  await code.webviewFrame('video.media', 30_000);
  await tour.snap(LONG);
}

async function snippet(code: VsCode, tour: Recorder): Promise<void> {
  await tour.caption('5 · Insert working API code');
  await code.runCommand('View: Close All Editors');
  await code.openFile('hello.ts');
  await code.page.locator('.editor-group-container.active .monaco-editor textarea').focus();
  await code.page.keyboard.press('Control+End');
  await code.page.keyboard.press('Enter');
  await code.runCommand('DashScope: Insert API Snippet…');
  await code.quickPickRows().filter({ hasText: 'Chat completion' }).first().waitFor();
  await tour.snap();
  await code.pick('Chat completion');
  await code.quickPickRows().filter({ hasText: 'TypeScript' }).first().waitFor();
  await tour.snap();
  await code.pick('TypeScript (fetch)');
  await code.page.locator('.editor-widget.suggest-widget.visible').waitFor();
  await tour.snap(LONG);
  await code.page.keyboard.press('Escape');
  await code.page.keyboard.press('Escape');
  // The sample file is left as it was, so closing it asks nothing.
  await code.runCommand('File: Revert File');
  await code.runCommand('View: Close All Editors');
}

async function main(): Promise<void> {
  // qwq-plus always thinks: the chat step shows the reasoning too.
  const code = await VsCode.launch({ settings: { 'dashscope.chat.defaultModel': 'qwq-plus' } });
  try {
    mkdirSync(OUT, { recursive: true });
    for (const theme of THEMES.filter((entry) => entry.name === 'light' || entry.name === 'dark')) {
      await setTheme(code, theme);
      const tour = new Recorder(code);
      for (const step of [setKey, chat, image, task, snippet]) await step(code, tour, SUBJECTS[theme.name]!);
      await code.runCommand('View: Close All Editors');
      const file = path.join(OUT, `tour-${theme.name}.png`);
      const apng = encodeApng(tour.frames);
      writeFileSync(file, apng);
      console.log(`${path.relative(process.cwd(), file)}: ${tour.frames.length} frames, ${Math.round(apng.length / 1024)} KB`);
    }
  } catch (error) {
    await code.saveArtifacts('tour');
    throw error;
  } finally {
    await code.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
