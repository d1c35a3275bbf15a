import type * as vscode from 'vscode';

/**
 * The parts of VS Code's stable MCP server definition API (1.101+) this extension uses, declared here because the
 * extension is built against @types/vscode 1.100 (its `engines` floor); whether the running VS Code has it is checked
 * at run time (`mcpServerApi`).
 */

/** `vscode.McpHttpServerDefinition`: a server reached over Streamable HTTP (or SSE). */
export interface McpHttpServerDefinition {
  readonly label: string;
  uri: vscode.Uri;
  headers: Record<string, string>;
  version?: string;
}

export interface McpServerDefinitionProvider {
  readonly onDidChangeMcpServerDefinitions?: vscode.Event<void>;
  provideMcpServerDefinitions(token: vscode.CancellationToken): vscode.ProviderResult<McpHttpServerDefinition[]>;
  resolveMcpServerDefinition?(server: McpHttpServerDefinition, token: vscode.CancellationToken): vscode.ProviderResult<McpHttpServerDefinition>;
}

export interface McpServerApi {
  readonly register: (id: string, provider: McpServerDefinitionProvider) => vscode.Disposable;
  readonly httpServer: (label: string, uri: vscode.Uri, headers?: Record<string, string>, version?: string) => McpHttpServerDefinition;
}

type HttpServerClass = new (label: string, uri: vscode.Uri, headers?: Record<string, string>, version?: string) => McpHttpServerDefinition;

/** The running VS Code's MCP server definition API, or undefined before 1.101 (nothing else depends on it). */
export function mcpServerApi(api: typeof vscode): McpServerApi | undefined {
  const lm = (api as { lm?: { registerMcpServerDefinitionProvider?: unknown } }).lm;
  const HttpServer = (api as { McpHttpServerDefinition?: unknown }).McpHttpServerDefinition;
  if (typeof lm?.registerMcpServerDefinitionProvider !== 'function' || typeof HttpServer !== 'function') return undefined;
  const register = lm.registerMcpServerDefinitionProvider.bind(lm) as McpServerApi['register'];
  return { register, httpServer: (...args) => new (HttpServer as HttpServerClass)(...args) };
}
