import { REGIONS } from '../../dashscope/regions';
import { PLANS } from '../../shared/models/plans';
import type { SnippetEndpoint } from '../../snippets/model';
import { regionEndpoint } from '../../snippets/render';
import type { Connection } from '../connection';
import { consoleRegionOf, resolveEndpoint } from '../endpoint';
import type { RegionSetting } from '../settings';

/**
 * Where generated code points by default: the plan's host in the region (or the custom base URL) with the plan's
 * compatible-mode path (for a task's region: pay-as-you-go), and that region's OpenAPI endpoint. Environment
 * variables in the code still override them.
 */
export function snippetEndpoint(connection: Connection, taskRegion?: RegionSetting): SnippetEndpoint {
  const region = taskRegion ?? connection.settings.region;
  const cloud = consoleRegionOf(region);
  // A task's region is a pay-as-you-go one: no other plan has tasks.
  const endpoint = resolveEndpoint(connection.settings, connection.simulator, region, taskRegion === undefined ? connection.settings.plan : 'payg');
  const origin = endpoint.baseUrl ?? REGIONS[cloud].origin;
  const compatibleBase = endpoint.compatiblePath === PLANS.payg.compatiblePath ? {} : { compatibleBase: `${origin}${endpoint.compatiblePath}` };
  const { keyVariable } = PLANS[endpoint.plan];
  const apiKeyVariable = keyVariable === PLANS.payg.keyVariable ? {} : { apiKeyVariable: keyVariable };
  return { ...regionEndpoint(cloud, origin), ...compatibleBase, ...apiKeyVariable };
}
