import { REGIONS } from '../../dashscope/regions';
import type { SnippetEndpoint } from '../../snippets/model';
import { regionEndpoint } from '../../snippets/render';
import type { Connection } from '../connection';
import { resolveEndpoint } from '../endpoint';
import type { RegionSetting } from '../settings';

/**
 * Where generated code points by default: the region's base URL (the configured one, or the custom base
 * URL) and that region's OpenAPI endpoint. Environment variables in the code still override both.
 */
export function snippetEndpoint(connection: Connection, region: RegionSetting = connection.settings.region): SnippetEndpoint {
  const cloud = region === 'custom' ? 'cn' : region;
  return regionEndpoint(cloud, resolveEndpoint(connection.settings, connection.simulator, region).baseUrl ?? REGIONS[cloud].origin);
}
