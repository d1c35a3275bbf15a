import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import { mimeTypeOf, type DashScopeClient } from '../../dashscope';
import type { ModelChoice } from '../../shared/protocol/chat';
import type { StoredConversation } from './conversationStore';

/**
 * The URLs models read a conversation's images from: read from their files (inline when small, uploaded
 * otherwise) the first time, then kept for the session (image attachment id → data: or oss:// URL).
 */
export class ImageUrls {
  private readonly known = new Map<string, string>();

  async resolve(client: DashScopeClient, conversation: StoredConversation, model: ModelChoice, signal: AbortSignal): Promise<Map<string, string>> {
    const urls = new Map<string, string>();
    for (const attachment of Object.values(conversation.attachments)) {
      if (attachment.kind !== 'image' || !attachment.path) continue;
      let url = this.known.get(attachment.id);
      if (!url) {
        if (!model.vision) throw new Error(l10n.t('{0} does not read images. Pick a vision model (for example qwen-vl-plus) and regenerate.', model.id));
        const data = await fs.readFile(attachment.path);
        url = await client.uploads.toMediaUrl({ data, fileName: attachment.name, mimeType: attachment.mimeType ?? mimeTypeOf(attachment.name) }, model.id, { signal });
        this.known.set(attachment.id, url);
      }
      urls.set(attachment.id, url);
    }
    return urls;
  }
}
