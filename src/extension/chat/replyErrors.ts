import * as l10n from '@vscode/l10n';
import { DashScopeError } from '../../dashscope';
import { plainNetworkMessage } from '../connectionState';
import type { ReplyError } from '../../shared/protocol/chat';

const AUTH = /^(invalid_?api_?key|InvalidApiKey)$/i;
const THROTTLED = /throttl|limit_requests|insufficient_quota|rate/i;
const REJECTED = /^(data_inspection_failed|DataInspectionFailed)$/i;
const MODEL = /^(model_not_found|ModelNotFound|Model\.AccessDenied|AccessDenied\.Unpurchased|invalid_model_error)$/i;
/** When the service does not say how long to wait. */
const DEFAULT_RETRY_SECONDS = 20;

/** What the reply shows for a failure: which kind (so the page can offer the right action) and a message. */
export function replyErrorOf(error: unknown): ReplyError {
  if (!(error instanceof DashScopeError)) {
    return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
  }
  const requestId = error.requestId ? { requestId: error.requestId } : {};
  if (error.status === 401 || AUTH.test(error.code)) {
    return { kind: 'auth', message: l10n.t('DashScope refused the API key: {0}', error.message), ...requestId };
  }
  if (REJECTED.test(error.code)) {
    return { kind: 'rejected', message: l10n.t('The content was rejected by DashScope\'s content inspection. Edit the prompt and send it again.'), ...requestId };
  }
  if (MODEL.test(error.code) || error.status === 404) {
    return { kind: 'model', message: l10n.t('This model is not available to your account or region: {0}', error.message), ...requestId };
  }
  if ((error.status === 429 || THROTTLED.test(error.code)) && error.retryable) {
    const seconds = Math.ceil(error.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS);
    return { kind: 'throttled', message: l10n.t('DashScope is throttling requests: {0}', error.message), retryAfterSeconds: seconds, ...requestId };
  }
  const network = plainNetworkMessage(error);
  if (network) return { kind: 'network', message: network, ...requestId };
  return { kind: 'other', message: `${error.message} [${error.code}]`, ...requestId };
}

/** `target`: the plan and region as the user knows them (`targetTitle`), never a raw setting value. */
export const noKeyError = (target: string): ReplyError => ({
  kind: 'auth',
  message: l10n.t('No API key is set for {0}.', target),
});
