import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { z } from 'zod';
import type { Services } from '../services';
import { snippetAnswer } from './snippetAnswer';
import { imageInput, StudioActions, taskInput, videoInput } from './studioActions';

export const PARTICIPANT_ID = 'dashscope.studio';

/** How many confirmed inputs a tool keeps until their call runs (calls are confirmed one by one, then run). */
const CONFIRMED_KEPT = 16;

/**
 * A tool whose input is parsed (a model may send anything) and whose failures are told to the model as text.
 * Defaults a schema fills in (the Speech panel's voice…) are taken when the user is asked to confirm: the call
 * runs exactly what the confirmation showed, even if the defaults changed while it was open.
 */
export function studioTool<S extends z.ZodType>(schema: S, run: (input: z.output<S>, token: vscode.CancellationToken) => Promise<string>, confirm?: (input: z.output<S>) => vscode.LanguageModelToolConfirmationMessages): vscode.LanguageModelTool<unknown> {
  const confirmed = new Map<string, z.output<S>>();
  const keyOf = (input: unknown) => JSON.stringify(input) ?? '';
  return {
    prepareInvocation: (options) => {
      const parsed = schema.safeParse(options.input);
      if (!parsed.success || !confirm) return undefined;
      confirmed.delete(keyOf(options.input));
      confirmed.set(keyOf(options.input), parsed.data);
      if (confirmed.size > CONFIRMED_KEPT) confirmed.delete(confirmed.keys().next().value!);
      return { confirmationMessages: confirm(parsed.data) };
    },
    invoke: async (options, token) => {
      const key = keyOf(options.input);
      const shown = confirmed.get(key);
      confirmed.delete(key);
      const parsed = shown !== undefined ? { success: true as const, data: shown } : schema.safeParse(options.input);
      let text: string;
      try {
        text = parsed.success ? await run(parsed.data, token) : l10n.t('Invalid input: {0}', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      } catch (error) {
        text = l10n.t('DashScope refused it: {0}', error instanceof Error ? error.message : String(error));
      }
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
    },
  };
}

/** Whether the running VS Code lets extensions register language model tools. */
export const toolsAvailable = () => typeof (vscode.lm as Partial<typeof vscode.lm> | undefined)?.registerTool === 'function';

/** The language model tools: any agent can generate an image, submit a video (after the user confirms: it is billed) and check a task. */
export function registerStudioTools(actions: StudioActions): vscode.Disposable[] {
  if (!toolsAvailable()) return [];
  return [
    vscode.lm.registerTool('dashscope_generateImage', studioTool(imageInput, (input) => actions.generateImage(input), (input) => ({
      title: l10n.t('Generate an image with DashScope?'),
      message: l10n.t('This is billed to your Model Studio account. Prompt: {0}', input.prompt),
    }))),
    vscode.lm.registerTool('dashscope_submitVideo', studioTool(videoInput, (input) => actions.submitVideo(input), (input) => ({
      title: l10n.t('Submit a video task to DashScope?'),
      message: l10n.t('Video generation is billed per second to your Model Studio account. Prompt: {0}', input.prompt),
    }))),
    vscode.lm.registerTool('dashscope_checkTask', studioTool(taskInput, (input) => actions.checkTask(input))),
  ];
}

/** `@dashscope` in the Chat view: /image, /video, /tasks and /snippet, answered by this extension rather than a model. */
export function registerStudioParticipant(services: Services, actions: StudioActions): vscode.Disposable[] {
  if (typeof (vscode.chat as Partial<typeof vscode.chat> | undefined)?.createChatParticipant !== 'function') return [];
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, async (request, _context, stream) => {
    const prompt = request.prompt.trim();
    try {
      if (request.command === 'tasks') {
        const tasks = actions.recentTasks();
        stream.markdown(tasks.length > 0 ? tasks.map((line) => `- ${line}`).join('\n') : l10n.t('No tasks yet.'));
      } else if (request.command === 'snippet') {
        const answer = snippetAnswer(services.connection, prompt, vscode.window.activeTextEditor?.document.languageId);
        stream.markdown(answer ? `**${answer.title}**\n\n${answer.markdown}` : l10n.t('No API snippet matches that. Try words like chat, stream, image, video, task or speech.'));
      } else if ((request.command === 'image' || request.command === 'video') && !prompt) {
        stream.markdown(l10n.t('Describe what to generate after /{0}.', request.command));
      } else if (request.command === 'image') {
        stream.progress(l10n.t('Generating…'));
        stream.markdown(await actions.generateImage({ prompt }));
      } else if (request.command === 'video') {
        stream.markdown(await actions.submitVideo({ prompt }));
      } else {
        stream.markdown(l10n.t('Use /image or /video with a description, /snippet with the API you need, or /tasks for the recent tasks.'));
      }
    } catch (error) {
      stream.markdown(l10n.t('DashScope refused it: {0}', error instanceof Error ? error.message : String(error)));
    }
  });
  participant.iconPath = new vscode.ThemeIcon('sparkle');
  return [participant];
}
