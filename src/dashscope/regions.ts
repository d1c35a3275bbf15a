/** DashScope regions and their official hosts. API keys are bound to one region. */
export const REGION_IDS = ['cn', 'intl', 'us', 'hk'] as const;
export type RegionId = (typeof REGION_IDS)[number];

export interface RegionInfo {
  readonly id: RegionId;
  /** Alibaba Cloud region id, as the task list's `region` field spells it. */
  readonly cloudRegion: string;
  /** Origin of the legacy "DashScope domain" (no trailing slash, no path). */
  readonly origin: string;
  /** Where a user of this region creates an API key. */
  readonly apiKeyPage: string;
}

export const REGIONS: Readonly<Record<RegionId, RegionInfo>> = {
  cn: {
    id: 'cn',
    cloudRegion: 'cn-beijing',
    origin: 'https://dashscope.aliyuncs.com',
    apiKeyPage: 'https://bailian.console.aliyun.com/?tab=model#/api-key',
  },
  intl: {
    id: 'intl',
    cloudRegion: 'ap-southeast-1',
    origin: 'https://dashscope-intl.aliyuncs.com',
    apiKeyPage: 'https://modelstudio.console.alibabacloud.com/?tab=model#/api-key',
  },
  us: {
    id: 'us',
    cloudRegion: 'us-east-1',
    origin: 'https://dashscope-us.aliyuncs.com',
    apiKeyPage: 'https://modelstudio.console.alibabacloud.com/us-east-1?tab=model#/api-key',
  },
  hk: {
    id: 'hk',
    cloudRegion: 'cn-hongkong',
    origin: 'https://cn-hongkong.dashscope.aliyuncs.com',
    apiKeyPage: 'https://modelstudio.console.alibabacloud.com/?tab=model#/api-key',
  },
};

