import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';

/** The largest custom-variables object a conversation keeps (as JSON text). */
export const MAX_VARIABLES_CHARS = 16_384;

const variables = z.record(z.string().check(z.minLength(1), z.maxLength(200)), z.unknown());

/**
 * What a conversation with a Bailian application keeps, saved with it: the service's session (so a later
 * turn, also after a reload, continues it) and the custom variables (`biz_params`) sent with every turn.
 * Both belong to one application: a conversation switched to another starts a new session without them.
 */
export const appConversation = z.object({
  appId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
  sessionId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  variables: z.optional(variables),
});
export type AppConversation = z.infer<typeof appConversation>;

/** The state for talking to `appId` now: the kept one when it is that application's, else a fresh one. */
export const stateFor = (appId: string, kept: AppConversation | undefined): AppConversation => (kept?.appId === appId ? kept : { appId });

/** Custom variables from what the user typed: a JSON object (empty text clears them), or why it is not one. */
export function parseVariables(text: string): { readonly variables: Record<string, unknown> | undefined } | { readonly problem: string } {
  if (!text.trim()) return { variables: undefined };
  if (text.length > MAX_VARIABLES_CHARS) return { problem: l10n.t('The variables are longer than {0} characters.', MAX_VARIABLES_CHARS) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: l10n.t('This is not JSON: {0}', error instanceof Error ? error.message : String(error)) };
  }
  const parsed = variables.safeParse(json);
  if (!parsed.success || Array.isArray(json)) return { problem: l10n.t('Expected a JSON object of variables, for example {"city": "Hangzhou"}.') };
  return { variables: Object.keys(parsed.data).length > 0 ? parsed.data : undefined };
}
