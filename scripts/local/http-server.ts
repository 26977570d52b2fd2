import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { functionDefinitions, type HttpFunctionName } from '../../functions/app/function-definitions.js';
import { routeKey } from '../../functions/app/routes.js';
import type { TokenClaims, VerifyResult } from './auth.js';
import { serveDocs } from './docs.js';
import type { HttpHandlers } from './handlers.js';
import { buildHttpEvent, newRequestId } from './http-event.js';
import { writeResult } from './http-result.js';
import { lambdaContext } from './lambda-context.js';
import { type LocalEventsReader, serveLocalEvents } from './local-events.js';
import { type LocalOutboxReader, serveLocalOutbox } from './local-outbox.js';
import { PortInUseError } from './ports.js';
import { sendMethodNotAllowed, sendProblem } from './problem.js';
import { matchRoute } from './route-match.js';

/** API Gateway's local stand-in: route matching, the JWT authorizer, payload 2.0 events. */

/** API Gateway HTTP APIs accept payloads up to 10 MB. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface HttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  handlers: HttpHandlers;
  verifyToken: (token: string) => Promise<VerifyResult>;
  /** Called with one line per request; omit for silence. */
  log?: (line: string) => void;
  /** Serves `GET /local/outbox` (the local delivery log) when given. */
  localOutbox?: LocalOutboxReader;
  /** Serves `GET /local/events` (the local event bus's log) when given. */
  localEvents?: LocalEventsReader;
  /** Multiplies each function's timeout (default 1): see LocalRuntimeOptions.httpTimeoutScale. */
  timeoutScale?: number;
}

export interface LocalHttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

type Body = { ok: true; bytes: Buffer } | { ok: false };

/** The client went away before sending its whole body: there is nobody to answer. */
class ClientGone extends Error {}

const readBody = (req: IncomingMessage): Promise<Body> =>
  new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_PAYLOAD_BYTES) return resolve({ ok: false });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size <= MAX_PAYLOAD_BYTES ? { ok: true, bytes: Buffer.concat(chunks) } : { ok: false }),
    );
    req.on('close', () => {
      if (!req.complete) reject(new ClientGone());
    });
    req.on('error', reject);
  });

const tooLarge = (res: ServerResponse): number =>
  sendProblem(res, 'PAYLOAD_TOO_LARGE', `request bodies are limited to ${MAX_PAYLOAD_BYTES} bytes`, {
    connection: 'close',
  });

const unauthorized = (res: ServerResponse, detail: string): number =>
  sendProblem(res, 'UNAUTHORIZED', detail, { 'www-authenticate': 'Bearer' });

const internalError = (res: ServerResponse): number => {
  if (res.headersSent) res.destroy();
  else sendProblem(res, 'INTERNAL', 'the function failed; see the server log');
  return 500;
};

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The JWT authorizer: claims when the bearer token verifies, else the reason to refuse. */
const authorize = async (
  req: IncomingMessage,
  verifyToken: HttpServerOptions['verifyToken'],
): Promise<VerifyResult> => {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return { ok: false, reason: 'an Authorization: Bearer token is required' };
  return verifyToken(token);
};

interface Target {
  fn: HttpFunctionName;
  routeKey: string;
  pathParameters?: Record<string, string>;
  claims?: TokenClaims;
}

const invoke = async (
  options: HttpServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  target: Target,
): Promise<number> => {
  const body = await readBody(req);
  if (!body.ok) return tooLarge(res);
  const requestId = newRequestId();
  const event = buildHttpEvent({ req, url, body: body.bytes, ...target }, requestId);
  const limits = functionDefinitions[target.fn];
  const result = await options.handlers[target.fn](
    event,
    lambdaContext(target.fn, {
      ...limits,
      timeoutSeconds: limits.timeoutSeconds * (options.timeoutScale ?? 1),
    }),
  );
  return writeResult(res, result, requestId);
};

const route = async (
  options: HttpServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<number> => {
  const method = req.method ?? 'GET';
  // Prefixing (not resolving against a base) keeps a path like //x from being read as a host.
  const url = new URL(`http://localhost${req.url ?? '/'}`);
  const docs = serveDocs(method, url.pathname, res);
  if (docs !== undefined) return docs;
  const outbox = await serveLocalOutbox(options.localOutbox, method, url, res);
  if (outbox !== undefined) return outbox;
  const events = await serveLocalEvents(options.localEvents, method, url, res);
  if (events !== undefined) return events;
  const match = matchRoute(method, url.pathname);
  // Unknown paths go to the `$default` route, which the public function answers.
  if (match.kind === 'none') return invoke(options, req, res, url, { fn: 'public', routeKey: '$default' });
  if (match.kind === 'method-not-allowed') return sendMethodNotAllowed(res, method, match.allow);
  const target: Target = {
    fn: match.route.function,
    routeKey: routeKey(match.route),
    pathParameters: match.pathParameters,
  };
  if (match.route.auth === 'none') return invoke(options, req, res, url, target);
  const auth = await authorize(req, options.verifyToken);
  if (!auth.ok) return unauthorized(res, auth.reason);
  return invoke(options, req, res, url, { ...target, claims: auth.claims });
};

/** The path only, for logs: query strings may carry secrets. */
const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';

const failed = (req: IncomingMessage, res: ServerResponse, error: unknown): number => {
  if (error instanceof ClientGone) return 499;
  // One failing request must never take the server down.
  console.error(`${req.method} ${pathOf(req)} failed:`, error);
  return internalError(res);
};

const requestListener =
  (options: HttpServerOptions) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    let status: number;
    try {
      status = await route(options, req, res);
    } catch (error) {
      status = failed(req, res, error);
    }
    options.log?.(`${req.method} ${pathOf(req)} ${status} ${Math.round(performance.now() - started)}ms`);
  };

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error),
    );
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export const startHttpServer = async (options: HttpServerOptions): Promise<LocalHttpServer> => {
  const server = createServer(requestListener(options));
  const port = await listen(server, options.port);
  return { url: `http://127.0.0.1:${port}`, port, stop: () => close(server) };
};
