import type { z } from 'zod';
import type { HttpFunctionName } from '../../app/function-definitions.js';
import type { Route } from '../../app/routes.js';
import type { Principal } from '../domain/types.js';

type Infer<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType } ? z.infer<S> : undefined;

/** What a route handler receives: validated input typed from the route's own schemas. */
export interface RouteRequest<R extends Route> {
  params: Infer<R, 'params'>;
  query: Infer<R, 'query'>;
  body: Infer<R, 'body'>;
  /** Undefined only on routes with `auth: 'none'`. */
  principal: R extends { auth: 'jwt' } ? Principal : undefined;
  requestId: string;
  /** The caller's IP as API Gateway saw it (per-caller rate limits). */
  sourceIp: string;
  /** Routes with `rawBody`: the body's bytes and the headers (lower-case names) as received. */
  raw: R extends { rawBody: true } ? RawRequest : undefined;
}

export interface RawRequest {
  body: Buffer;
  headers: Readonly<Record<string, string | undefined>>;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /** A body sent as it is, not as JSON (exports such as CSV), with its content type. */
  text?: { contentType: string; body: string };
  headers?: Record<string, string>;
}

/** One handler per route of a function, keyed by operationId; the compiler checks none is missing. */
export type RouteHandlers<F extends HttpFunctionName> = {
  [R in Extract<Route, { function: F }> as R['operationId']]: (req: RouteRequest<R>) => Promise<RouteResult>;
};

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
export const created = (body: unknown): RouteResult => ({ status: 201, body });
export const accepted = (body: unknown): RouteResult => ({ status: 202, body });
export const noContent = (): RouteResult => ({ status: 204 });
/** 200 with a text body of `contentType` (the route documents it as its success `contentType`). */
export const okText = (
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): RouteResult => ({
  status: 200,
  text: { contentType, body },
  headers,
});
