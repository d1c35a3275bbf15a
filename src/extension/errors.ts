import * as l10n from '@vscode/l10n';
import { DashScopeError } from '../dashscope';

/** One line a user can act on, for any error a command may meet. */
export function describeError(error: unknown): string {
  if (error instanceof DashScopeError) {
    const requestId = error.requestId ? ` (request ${error.requestId})` : '';
    return `${error.message} [${error.code}]${requestId}`;
  }
  if (error instanceof Error && error.name === 'AbortError') return l10n.t('Cancelled.');
  return error instanceof Error ? error.message : String(error);
}
