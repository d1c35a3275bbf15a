/** The language model value classes (vscode.LanguageModel*Part, roles), as host code constructs and reads them. */

export enum LanguageModelChatMessageRole { User = 1, Assistant = 2 }

export class LanguageModelTextPart {
  constructor(readonly value: string) {}
}

export class LanguageModelToolCallPart {
  constructor(readonly callId: string, readonly name: string, readonly input: object) {}
}

export class LanguageModelToolResultPart {
  constructor(readonly callId: string, readonly content: unknown[]) {}
}

/** Stable in VS Code 1.104 (not in @types/vscode 1.100): bytes with a MIME type. */
export class LanguageModelDataPart {
  static image(data: Uint8Array, mimeType: string): LanguageModelDataPart {
    return new LanguageModelDataPart(data, mimeType);
  }

  static text(value: string, mimeType = 'text/plain'): LanguageModelDataPart {
    return new LanguageModelDataPart(new TextEncoder().encode(value), mimeType);
  }

  constructor(readonly data: Uint8Array, readonly mimeType: string) {}
}

export class LanguageModelToolResult {
  constructor(readonly content: unknown[]) {}
}

/** vscode.lm as VS Code 1.100 has it for this extension: tests add the functions of a newer version they play. */
export const lm: Record<string, unknown> = {};

/** `vscode.McpHttpServerDefinition` (stable in VS Code 1.101, not in @types/vscode 1.100). */
export class McpHttpServerDefinition {
  constructor(readonly label: string, public uri: { toString(): string }, public headers: Record<string, string> = {}, public version?: string) {}
}
