import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { WEB_SEARCH_MCP } from '../../shared/models/plans';
import { resolveEndpoint } from '../endpoint';
import type { Services } from '../services';
import { mcpServerApi, type McpHttpServerDefinition, type McpServerApi, type McpServerDefinitionProvider } from './vscodeMcpApi';

/** The id under `contributes.mcpServerDefinitionProviders`. */
export const MCP_PROVIDER_ID = 'dashscope.mcpServers';

/**
 * Model Studio's WebSearch MCP server for VS Code's agents, offered while a pay-as-you-go Beijing key is stored (the
 * only key and host it takes, whichever plan is selected). The definition VS Code lists carries no key: it is added
 * when VS Code starts the server, and only if the server is still the official host the key belongs to.
 */
export class WebSearchMcpServers implements McpServerDefinitionProvider {
  readonly onDidChangeMcpServerDefinitions: vscode.Event<void>;

  constructor(private readonly services: Services, private readonly api: McpServerApi) {
    this.onDidChangeMcpServerDefinitions = services.connection.onDidChange;
  }

  /** Beijing's pay-as-you-go host (the simulator's stand-in for it under test). */
  private uri(): vscode.Uri | undefined {
    const { settings, simulator } = this.services.connection;
    const { baseUrl } = resolveEndpoint(settings, simulator, WEB_SEARCH_MCP.region, WEB_SEARCH_MCP.plan);
    return baseUrl === undefined ? undefined : vscode.Uri.parse(`${baseUrl}${WEB_SEARCH_MCP.path}`);
  }

  private key(): Promise<string | undefined> {
    return this.services.keys.get({ plan: WEB_SEARCH_MCP.plan, region: WEB_SEARCH_MCP.region });
  }

  async provideMcpServerDefinitions(): Promise<McpHttpServerDefinition[]> {
    const uri = this.uri();
    if (uri === undefined || (await this.key()) === undefined) return [];
    return [this.api.httpServer(l10n.t('DashScope Web Search'), uri, {}, '1.0.0')];
  }

  async resolveMcpServerDefinition(server: McpHttpServerDefinition): Promise<McpHttpServerDefinition | undefined> {
    const uri = this.uri();
    const key = await this.key();
    if (uri === undefined || server.uri.toString() !== uri.toString() || key === undefined) {
      this.services.log.warn(`Web search MCP: not started for ${server.uri.toString()}: it is not Beijing's pay-as-you-go host, or that host has no key.`);
      return undefined;
    }
    server.headers = { ...server.headers, Authorization: `Bearer ${key}` };
    return server;
  }
}

/** Registers the WebSearch MCP server where the running VS Code has the API (1.101+); nothing elsewhere. */
export function registerWebSearchMcp(services: Services): vscode.Disposable[] {
  const api = mcpServerApi(vscode);
  if (!api) {
    services.log.info(`VS Code ${vscode.version} has no MCP server definition API (1.101+): DashScope's web search is not offered to its agents.`);
    return [];
  }
  try {
    return [api.register(MCP_PROVIDER_ID, new WebSearchMcpServers(services, api))];
  } catch (error) {
    services.log.warn(`VS Code ${vscode.version} refused the MCP server definitions: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}
