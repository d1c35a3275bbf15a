import * as z from 'zod/mini';
import { defineCommand, defineNotification } from './define';

export const mediaKind = z.enum(['image', 'video', 'audio']);

/** What the preview shows: the media (a webview URI of a local file) and what is known of how it was made. */
export const previewState = z.object({
  kind: mediaKind,
  source: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().check(z.nonnegative()),
  /** The file has AAC sound, which VS Code cannot play: offer the system player. */
  aacAudio: z.boolean(),
  metadata: z.array(z.tuple([z.string(), z.string()])),
  canRegenerate: z.boolean(),
  hasPrompt: z.boolean(),
});
export type PreviewState = z.infer<typeof previewState>;

const none = z.object({});

export const previewProtocol = {
  requests: {},
  commands: {
    saveAs: defineCommand(none),
    copyPrompt: defineCommand(none),
    regenerate: defineCommand(none),
    reveal: defineCommand(none),
    openExternally: defineCommand(none),
  },
  notifications: {
    show: defineNotification(previewState),
  },
};
