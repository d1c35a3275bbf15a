import type { ChatStorage } from '../../src/extension/chat/conversationStore';

/** Conversations kept in a map: what a folder of files holds, without the disk. */
export function memoryStorage(): ChatStorage & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    read: async (key) => files.get(key),
    write: async (key, text) => void files.set(key, text),
    update: async (key, change, thenWrite) => {
      files.set(key, change(files.get(key)));
      await thenWrite();
    },
    delete: async (key) => void files.delete(key),
    keys: async () => [...files.keys()],
  };
}
