import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small node:http helpers: bodies, answers and path patterns. */

/** Provider API bodies are small; this only stops a runaway client. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An answer in a provider's error shape, thrown from deep inside an operation. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    /** False for errors found before the operation ran: Stripe does not save those under an idempotency key. */
    readonly saved = true,
    message = `provider error ${status}`,
  ) {
    super(message);
  }
}

/** The customer's checkout cannot go ahead (already paid, canceled). */
export const checkoutConflict = (message: string): ApiError =>
  new ApiError(409, { error: { message } }, false, message);

export const checkoutNotFound = (message: string): ApiError =>
  new ApiError(404, { error: { message } }, false, message);

export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export const sendJson = (res: ServerResponse, reply: Reply): void => {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
};

export const sendHtml = (res: ServerResponse, status: number, html: string): void => {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
};

/** `/v1/orders/:id/payments` against a path: the named segments, or null when it does not fit. */
export const matchPath = (pattern: string, path: string): Record<string, string> | null => {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith(':')) {
      if (value === '') return null;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
};

/** Parses a JSON body, or null when it is not a JSON object. */
export const jsonObject = (text: string): Record<string, unknown> | null => {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};
