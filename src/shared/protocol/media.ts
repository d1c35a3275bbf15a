import * as z from 'zod/mini';
import { defineCommand, defineNotification } from './define';
import { imageForm, videoForm } from './mediaRules';

export const mediaPanelKind = z.enum(['image', 'video']);
export type MediaPanelKind = z.infer<typeof mediaPanelKind>;

/** One generation as a panel shows it: running, finished with its saved files, or failed. */
export const entryView = z.object({
  id: z.string(),
  model: z.string(),
  prompt: z.string(),
  createdAt: z.number(),
  status: z.enum(['running', 'succeeded', 'failed']),
  /** The task's own status while it runs (PENDING, RUNNING). */
  taskStatus: z.optional(z.string()),
  taskId: z.optional(z.string()),
  seed: z.optional(z.number()),
  /** Webview URIs of the saved files (never the expiring remote URLs). */
  files: z.array(z.object({ uri: z.string(), name: z.string() })),
  error: z.optional(z.object({ code: z.optional(z.string()), message: z.string() })),
});
export type EntryView = z.infer<typeof entryView>;

export const modelChoice = z.object({ id: z.string(), description: z.string() });

const problem = z.object({ code: z.optional(z.string()), message: z.string() });

const common = {
  hasKey: z.boolean(),
  models: z.array(modelChoice),
  /** Bumped when the host changes the form (reuse, regenerate), so the page replaces what it shows; typing never does. */
  formRevision: z.number(),
  busy: z.boolean(),
  /** The service refused the last submit: shown on the form, whose values stay. */
  error: z.optional(problem),
  /** The same request was made before: offer its result instead of paying again. */
  duplicate: z.optional(z.object({ entryId: z.string(), createdAt: z.number() })),
  entries: z.array(entryView),
  /** Webview URIs of private copies of the picked images, by input id, to show them as thumbnails. */
  inputPreviews: z.record(z.string(), z.string()),
};

export const imagePanelState = z.object({ kind: z.literal('image'), form: imageForm, ...common });
export const videoPanelState = z.object({ kind: z.literal('video'), form: videoForm, ...common });
export type ImagePanelState = z.infer<typeof imagePanelState>;
export type VideoPanelState = z.infer<typeof videoPanelState>;
export type PanelStateOf<K extends MediaPanelKind> = K extends 'image' ? ImagePanelState : VideoPanelState;

const slotTarget = z.object({ slot: z.string(), source: z.enum(['workspace', 'disk']) });
const entryTarget = z.object({ entryId: z.string(), index: z.optional(z.int().check(z.nonnegative())) });
const none = z.object({});

/** Everything the two panels share; each adds its form and state type. */
function mediaProtocol<F extends z.ZodMiniType, S extends z.ZodMiniType>(form: F, state: S) {
  return {
    requests: {},
    commands: {
      /** The form as the user left it (kept by the host, so a rebuilt page shows it again). */
      update: defineCommand(z.object({ form })),
      /** Submit, unless the same request was made before; `force` submits anyway. */
      submit: defineCommand(z.object({ form, force: z.boolean() })),
      addInputs: defineCommand(slotTarget),
      removeInput: defineCommand(z.object({ slot: z.string(), index: z.int().check(z.nonnegative()) })),
      open: defineCommand(entryTarget),
      saveToWorkspace: defineCommand(entryTarget),
      copyMarkdown: defineCommand(entryTarget),
      reuse: defineCommand(entryTarget),
      /** The request that made an entry, as runnable code on the clipboard. */
      copyRequest: defineCommand(z.object({ entryId: z.string(), language: z.enum(['curl', 'typescript']) })),
      removeEntry: defineCommand(entryTarget),
      dismissDuplicate: defineCommand(none),
      setApiKey: defineCommand(none),
    },
    notifications: {
      state: defineNotification(state),
    },
  };
}

export const imageProtocol = mediaProtocol(imageForm, imagePanelState);
export const videoProtocol = mediaProtocol(videoForm, videoPanelState);
export type ImageProtocol = typeof imageProtocol;
export type VideoProtocol = typeof videoProtocol;
