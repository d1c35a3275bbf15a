// zod/mini: the same schemas and validation as zod, tree-shakable, so webview bundles stay small.
import * as z from 'zod/mini';

/**
 * Typed host <-> webview protocol. A panel's protocol is a plain object of definitions:
 * - requests: webview asks, host answers (with an id and a reply);
 * - commands: webview tells the host to do something, no reply;
 * - notifications: host tells the webview something, no reply.
 * Every payload has a zod schema and is validated on the receiving side.
 */
export interface RequestDefinition<PS extends z.ZodMiniType = z.ZodMiniType, RS extends z.ZodMiniType = z.ZodMiniType> {
  readonly kind: 'request';
  readonly params: PS;
  readonly result: RS;
}
export interface CommandDefinition<PS extends z.ZodMiniType = z.ZodMiniType> {
  readonly kind: 'command';
  readonly params: PS;
}
export interface NotificationDefinition<PS extends z.ZodMiniType = z.ZodMiniType> {
  readonly kind: 'notification';
  readonly params: PS;
}

export const defineRequest = <PS extends z.ZodMiniType, RS extends z.ZodMiniType>(params: PS, result: RS): RequestDefinition<PS, RS> => ({ kind: 'request', params, result });
export const defineCommand = <PS extends z.ZodMiniType>(params: PS): CommandDefinition<PS> => ({ kind: 'command', params });
export const defineNotification = <PS extends z.ZodMiniType>(params: PS): NotificationDefinition<PS> => ({ kind: 'notification', params });

export interface Protocol {
  readonly requests: Readonly<Record<string, RequestDefinition>>;
  readonly commands: Readonly<Record<string, CommandDefinition>>;
  readonly notifications: Readonly<Record<string, NotificationDefinition>>;
}

export type ParamsOf<D extends { params: z.ZodMiniType }> = z.output<D['params']>;
export type ResultOf<D extends RequestDefinition> = z.output<D['result']>;

/** The host must handle every request and command of a protocol: a missing handler fails to compile. */
export type HostHandlers<P extends Protocol> = {
  readonly [K in keyof P['requests']]: (params: ParamsOf<P['requests'][K]>) => Promise<ResultOf<P['requests'][K]>>;
} & {
  readonly [K in keyof P['commands']]: (params: ParamsOf<P['commands'][K]>) => void | Promise<void>;
};

/** The webview must handle every notification of a protocol. */
export type WebviewHandlers<P extends Protocol> = {
  readonly [K in keyof P['notifications']]: (params: ParamsOf<P['notifications'][K]>) => void;
};

/** Envelopes on the wire. `ready` is sent by the page once its handlers are wired; the host buffers until then. */
export const toHostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('request'), id: z.int().check(z.nonnegative()), method: z.string(), params: z.unknown() }),
  z.object({ type: z.literal('command'), method: z.string(), params: z.unknown() }),
  z.object({ type: z.literal('failed'), message: z.string().check(z.maxLength(4000)) }),
  z.object({ type: z.literal('reload') }),
]);
export type ToHostMessage = z.infer<typeof toHostMessage>;

export const remoteError = z.object({ message: z.string(), code: z.optional(z.string()), action: z.optional(z.string()) });
export type RemoteError = z.infer<typeof remoteError>;

export const toWebviewMessage = z.union([
  z.object({ type: z.literal('response'), id: z.int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('response'), id: z.int(), ok: z.literal(false), error: remoteError }),
  z.object({ type: z.literal('notification'), method: z.string(), params: z.unknown() }),
]);
export type ToWebviewMessage = z.infer<typeof toWebviewMessage>;

/**
 * The entry of a protocol or handler table named by a message, if the table itself has it: a method name
 * such as `constructor`, `toString` or `__proto__` must not reach what every object inherits.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** A request that failed on the other side, with a message meant for the user. */
export class RemoteRequestError extends Error {
  constructor(readonly detail: RemoteError) {
    super(detail.message);
    this.name = 'RemoteRequestError';
  }
}
