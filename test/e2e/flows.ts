import type { VsCode } from './harness';

/** Sets the API key of the selected region through the palette and waits until it is saved. */
export async function setApiKey(code: VsCode, key: string): Promise<void> {
  await code.runCommand('DashScope: Set API Key');
  await code.answerInput(key);
  await code.notification(/API key saved/);
  await code.clearNotifications();
}

/** Submits a text-to-video task through "Generate Video…" (no panel needed). */
export async function generateVideo(code: VsCode, prompt: string, model = 'wan2.6-t2v'): Promise<void> {
  await code.runCommand('DashScope: Generate Video…');
  await code.pick(model);
  await code.answerInput(prompt);
}
