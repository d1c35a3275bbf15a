import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import { mimeTypeOf, type DashScopeClient } from '../../dashscope';
import type { ModelChoice } from '../../shared/protocol/chat';
import type { StoredAttachment, StoredConversation } from './conversationStore';

/** Where the model reads each image (attachment id → data: or oss:// URL), and the images whose file is gone. */
export interface ConversationImages {
  readonly urls: ReadonlyMap<string, string>;
  readonly gone: ReadonlySet<string>;
}

export const NO_IMAGES: ConversationImages = { urls: new Map(), gone: new Set() };

/**
 * The URLs models read a conversation's images from: read from their files (inline when small, uploaded
 * otherwise) the first time, then kept for the session (image attachment id → data: or oss:// URL).
 */
export class ImageUrls {
  private readonly known = new Map<string, string>();

  /**
   * The URLs of the images the conversation's messages attach. An earlier message's image whose file is gone is
   * left out (the request says so in its place): one lost file does not end the conversation. The prompt being
   * answered must have all of its images.
   */
  async resolve(client: DashScopeClient, conversation: StoredConversation, model: ModelChoice, signal: AbortSignal): Promise<ConversationImages> {
    const urls = new Map<string, string>();
    const gone = new Set<string>();
    const prompt = conversation.messages.findLast((message) => message.role === 'user');
    const inPrompt = new Set((prompt?.attachments ?? []).map((view) => view.id));
    for (const attachment of attachedImages(conversation)) {
      let url = this.known.get(attachment.id);
      if (!url) {
        if (!model.vision) throw new Error(l10n.t('{0} does not read images. Pick a vision model (for example qwen-vl-plus) and regenerate.', model.id));
        const data = await readImage(attachment, inPrompt.has(attachment.id));
        if (!data) {
          gone.add(attachment.id);
          continue;
        }
        url = await client.uploads.toMediaUrl({ data, fileName: attachment.name, mimeType: attachment.mimeType ?? mimeTypeOf(attachment.name) }, model.id, { signal });
        this.known.set(attachment.id, url);
      }
      urls.set(attachment.id, url);
    }
    return { urls, gone };
  }
}

/** The image attachments the conversation's messages refer to, with a file. */
function attachedImages(conversation: StoredConversation): StoredAttachment[] {
  const ids = new Set(conversation.messages.flatMap((message) => (message.attachments ?? []).map((view) => view.id)));
  return [...ids].map((id) => conversation.attachments[id]).filter((attachment) => attachment?.kind === 'image' && attachment.path !== undefined) as StoredAttachment[];
}

/** An image's bytes; undefined when its file is gone and it may be left out, an error naming it when it may not. */
async function readImage(attachment: StoredAttachment, required: boolean): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(attachment.path!);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!required) return undefined;
    throw new Error(l10n.t('The image {0} is no longer on disk ({1}). Attach it again, or edit the prompt without it.', attachment.name, attachment.path!));
  }
}
