import * as z from 'zod/mini';
import { modelIdSchema } from '../modelId';
import { defineCommand, defineNotification, defineRequest } from './define';

const id = z.string().check(z.minLength(1), z.maxLength(100));

/** What a reply can be asked to do differently, per conversation. Unset numbers use the model's defaults. */
export const chatSettings = z.object({
  model: z.string().check(z.minLength(1), z.maxLength(200)),
  systemPrompt: z.string().check(z.maxLength(100_000)),
  temperature: z.optional(z.number().check(z.minimum(0), z.maximum(1.99))),
  topP: z.optional(z.number().check(z.positive(), z.maximum(1))),
  maxTokens: z.optional(z.int().check(z.minimum(1), z.maximum(131_072))),
  thinking: z.boolean(),
  thinkingBudget: z.optional(z.int().check(z.minimum(1), z.maximum(131_072))),
});
export type ChatSettings = z.infer<typeof chatSettings>;

/** Something sent along with a prompt. Only what the view shows travels to the webview: never file contents. */
export const attachmentView = z.object({
  id,
  kind: z.enum(['selection', 'file', 'image']),
  name: z.string(),
  /** Language id of a selection or text file. */
  language: z.optional(z.string()),
  sizeBytes: z.number().check(z.nonnegative()),
});
export type AttachmentView = z.infer<typeof attachmentView>;

/** What went wrong with a reply, and what the user can do about it. */
export const replyError = z.object({
  kind: z.enum(['auth', 'throttled', 'rejected', 'model', 'network', 'other']),
  message: z.string(),
  /** Throttled: seconds until a retry is likely to work. */
  retryAfterSeconds: z.optional(z.number().check(z.nonnegative())),
  requestId: z.optional(z.string()),
  /** A model that reads images, offered when a model the catalog does not know refused the conversation's images. */
  suggestedModel: z.optional(z.string().check(z.maxLength(200))),
});
export type ReplyError = z.infer<typeof replyError>;

export const replyUsage = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  reasoningTokens: z.optional(z.number()),
  totalTokens: z.number(),
});
export type ReplyUsage = z.infer<typeof replyUsage>;

export const replyMetrics = z.object({
  /** Milliseconds from sending to the first token (reasoning or answer). */
  firstTokenMs: z.optional(z.number()),
  totalMs: z.optional(z.number()),
  usage: z.optional(replyUsage),
});
export type ReplyMetrics = z.infer<typeof replyMetrics>;

/** A document passage a Bailian application's reply drew on (one line each, cut by the host). */
export const replyReference = z.object({
  title: z.string().check(z.maxLength(1000)),
  /** The document, when its name differs from the title. */
  source: z.optional(z.string().check(z.maxLength(1000))),
  text: z.string().check(z.maxLength(1000)),
});
export type ReplyReference = z.infer<typeof replyReference>;
const replyReferences = z.array(replyReference).check(z.maxLength(50));

/** `interrupted`: the window closed or reloaded while the reply streamed; its text so far is kept. */
export const messageStatus = z.enum(['streaming', 'done', 'stopped', 'error', 'interrupted']);

export const chatMessage = z.object({
  id,
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  reasoning: z.optional(z.string()),
  attachments: z.optional(z.array(attachmentView)),
  /** Assistant replies: the model that wrote it, how it went, and how it ended. */
  model: z.optional(z.string()),
  /**
   * A Bailian application's reply: the application's name, shown instead of `model`. Its request is not offered
   * for copying: the application's session on the server has moved on since, so it would not ask the same.
   */
  appName: z.optional(z.string().check(z.maxLength(100))),
  references: z.optional(replyReferences),
  status: z.optional(messageStatus),
  finishReason: z.optional(z.string()),
  metrics: z.optional(replyMetrics),
  error: z.optional(replyError),
});
export type ChatMessageView = z.infer<typeof chatMessage>;

export const conversationView = z.object({
  id,
  title: z.string(),
  settings: chatSettings,
  messages: z.array(chatMessage),
});
export type ConversationView = z.infer<typeof conversationView>;

export const conversationSummary = z.object({ id, title: z.string(), updatedAt: z.number() });
export type ConversationSummary = z.infer<typeof conversationSummary>;

export const modelChoice = z.object({
  id: z.string(),
  /** Shown instead of the id: the name the user gave a Bailian application. */
  label: z.optional(z.string().check(z.maxLength(100))),
  vision: z.boolean(),
  /** `optional`: a switch; `always`: the model always thinks; `never`: no thinking. */
  thinking: z.enum(['optional', 'always', 'never']),
  contextWindow: z.number(),
  /** False for a model the model catalog does not know (its vision and window are guesses). */
  known: z._default(z.boolean(), true),
});
export type ModelChoice = z.infer<typeof modelChoice>;

export const contextMeter = z.object({
  usedTokens: z.number().check(z.nonnegative()),
  limitTokens: z.number().check(z.positive()),
  level: z.enum(['ok', 'warn', 'full']),
});
export type ContextMeter = z.infer<typeof contextMeter>;

/** Everything a (re)built page shows; sent on every `ready` and whenever the conversation changes as a whole. */
export const chatState = z.object({
  conversation: conversationView,
  conversations: z.array(conversationSummary),
  models: z.array(modelChoice),
  /** The models list could not be fetched: why (the picker then offers known defaults). */
  modelsProblem: z.optional(z.string()),
  hasKey: z.boolean(),
  busy: z.boolean(),
  /** The last reply streams in another window: shown read-only here (no Stop), sendable once it ends. */
  streamingElsewhere: z.optional(z.boolean()),
  draftAttachments: z.array(attachmentView),
  meter: contextMeter,
  /** The host shows New, History and Delete in the view's title bar, so the page does not repeat them. */
  titleBarActions: z.optional(z.boolean()),
});
export type ChatState = z.infer<typeof chatState>;

/**
 * Changes to the shown conversation while a reply streams, applied in order by the same reducer on
 * both sides (see chatState.ts): text deltas append, so their cost does not grow with the reply.
 */
export const chatEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('messageAdded'), message: chatMessage }),
  z.object({ type: z.literal('textAppended'), messageId: id, content: z.optional(z.string()), reasoning: z.optional(z.string()) }),
  z.object({
    type: z.literal('messageFinished'),
    messageId: id,
    status: messageStatus,
    finishReason: z.optional(z.string()),
    metrics: z.optional(replyMetrics),
    error: z.optional(replyError),
    references: z.optional(replyReferences),
  }),
  /** Messages from this one on are removed (regenerate, edit and resend). */
  z.object({ type: z.literal('truncated'), fromMessageId: id }),
  /** A reply is asked for again: it shows its old text as streaming until the new reply's first text replaces it. */
  z.object({ type: z.literal('replyRetrying'), messageId: id }),
]);
export type ChatEvent = z.infer<typeof chatEvent>;

/** A change of settings; `null` returns a number to the model's default. */
export const settingsUpdate = z.object({
  model: z.optional(modelIdSchema),
  systemPrompt: z.optional(chatSettings.shape.systemPrompt),
  temperature: z.optional(z.nullable(z.number().check(z.minimum(0), z.maximum(1.99)))),
  topP: z.optional(z.nullable(z.number().check(z.positive(), z.maximum(1)))),
  maxTokens: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(131_072)))),
  thinking: z.optional(z.boolean()),
  thinkingBudget: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(131_072)))),
});
export type SettingsUpdate = z.infer<typeof settingsUpdate>;

/** Images pasted or dropped into the chat input larger than this are refused (by the page, and again by the host). */
export const PASTED_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

const none = z.object({});
const byId = z.object({ id });
const code = z.object({ code: z.string().check(z.maxLength(2_000_000)), language: z.optional(z.string().check(z.maxLength(100))) });

export const chatProtocol = {
  requests: {
    /** Returns false when the prompt was not sent (a reply is streaming, or nothing to send). */
    send: defineRequest(z.object({ text: z.string().check(z.maxLength(1_000_000)) }), z.boolean()),
  },
  commands: {
    stop: defineCommand(none),
    /** `model`: switch the conversation to it first ("Retry with …"). */
    regenerate: defineCommand(z.object({ messageId: id, model: z.optional(chatSettings.shape.model) })),
    /** Continues an interrupted reply from its last text. */
    continueReply: defineCommand(z.object({ messageId: id })),
    /** Copies the request that produced a reply as runnable code (the key stays an environment variable). */
    copyRequest: defineCommand(z.object({ messageId: id, language: z.enum(['curl', 'typescript']) })),
    editAndResend: defineCommand(z.object({ messageId: id, text: z.string().check(z.maxLength(1_000_000)) })),
    newConversation: defineCommand(none),
    /** Asks (in a quick pick) which saved conversation to show. */
    showHistory: defineCommand(none),
    renameConversation: defineCommand(byId),
    deleteConversation: defineCommand(byId),
    updateSettings: defineCommand(settingsUpdate),
    attachFile: defineCommand(none),
    attachImage: defineCommand(none),
    /** The active editor's selection (or its whole file when nothing is selected). */
    attachSelection: defineCommand(none),
    /** `#` typed in the input: the host asks which workspace file to attach. */
    pickFile: defineCommand(none),
    /** An image pasted or dropped into the input, base64; the host checks its size and type by its bytes. */
    attachImageData: defineCommand(z.object({
      name: z.string().check(z.minLength(1), z.maxLength(200)),
      data: z.string().check(z.maxLength(Math.ceil(PASTED_IMAGE_MAX_BYTES / 3) * 4)),
    })),
    removeAttachment: defineCommand(byId),
    copyCode: defineCommand(code),
    insertCode: defineCommand(code),
    openCode: defineCommand(code),
    setApiKey: defineCommand(none),
    refreshModels: defineCommand(none),
  },
  notifications: {
    state: defineNotification(chatState),
    event: defineNotification(z.object({ conversationId: id, event: chatEvent, meter: z.optional(contextMeter) })),
    /** Shown as a transient notice in the page (e.g. "Attached 2 files", "Image too large"). */
    notice: defineNotification(z.object({ message: z.string(), severity: z.enum(['info', 'warning', 'error']) })),
  },
};
export type ChatProtocol = typeof chatProtocol;
