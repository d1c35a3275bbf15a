import type { RegionId } from '../../src/dashscope/regions';
import type { SimRegion } from './plans';
import { gatewayError, type SimRequest } from './http';

const KEY = /^sk-sim-(cn|intl|us|hk)-[A-Za-z0-9_-]+$/;

/** The demo key of a region. Keys are region-bound: valid iff `sk-sim-<region>-…` names the route's region. */
export const demoKey = (region: RegionId) => `sk-sim-${region}-demo`;

const errorCodePage = (region: SimRegion) => (region === 'cn'
  ? 'https://help.aliyun.com/zh/model-studio/error-code#apikey-error'
  : 'https://www.alibabacloud.com/help/en/model-studio/error-code#apikey-error');

/** Checks the Bearer key; answers 401 in the route's shape and returns undefined when it is missing or wrong. */
export function authorize(req: SimRequest): string | undefined {
  const key = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim();
  if (key && KEY.exec(key)?.[1] === req.region) return key;
  refuseKey(req, key !== undefined);
  return undefined;
}

/** The 401 of a missing or refused key, in the route's shape (also the `401` fault: a key revoked in the console). */
export function refuseKey(req: SimRequest, keyGiven: boolean): void {
  gatewayError(req, 401,
    { code: 'InvalidApiKey', message: keyGiven ? 'Invalid API-key provided.' : 'No API-key provided.' },
    { code: 'invalid_api_key', message: `Incorrect API key provided. For details, see: ${errorCodePage(req.region)}` });
}
