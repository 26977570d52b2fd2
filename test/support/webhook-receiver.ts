import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook receiver as an integrator would write it from docs/webhooks.md ("Verify a delivery"),
 * step by step: read the raw body; split `Evently-Signature` on commas into `t` and the `v1`
 * values; refuse a timestamp more than `toleranceSeconds` from now; compute HMAC-SHA256 of
 * `${t}.${rawBody}` with the secret, hex; accept if it equals any `v1` (constant-time compare).
 */
export const verifyEventlySignature = (
  header: string | undefined,
  rawBody: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): { ok: true } | { ok: false; reason: string } => {
  if (!header) return { ok: false, reason: 'no signature header' };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (name === 't') timestamp = Number(value);
    if (name === 'v1') signatures.push(value);
  }
  if (timestamp === undefined || !Number.isInteger(timestamp)) return { ok: false, reason: 'no timestamp' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds)
    return { ok: false, reason: 'timestamp out of tolerance' };
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex'));
  const matches = signatures.some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'no signature matches' };
};

export interface Received {
  eventId: string;
  eventType: string;
  subject: string;
  body: string;
  signature: string;
  /** Verified with every secret the receiver knows (each one alone). */
  verifiedWith: string[];
}

export interface WebhookReceiver {
  url: string;
  /** Every request answered 2xx, in arrival order. */
  accepted: Received[];
  /** Requests answered otherwise (while down). */
  refused: number;
  /** What the next requests are answered: 200, or e.g. 503 while "down". */
  answer: number;
  /** How long each answer takes (a slow receiver). */
  delayMs: number;
  /** The secrets it verifies with (one per subscription, or two during a rotation). */
  secrets: string[];
  /** Its clock (seconds): the test's, so that a test moving time keeps the tolerance meaningful. */
  nowSeconds: () => number;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const receiver: Omit<WebhookReceiver, 'url' | 'close'> = {
    accepted: [],
    refused: 0,
    answer: 200,
    delayMs: 0,
    secrets: [],
    nowSeconds: () => Math.floor(Date.now() / 1000),
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (receiver.delayMs > 0) await new Promise((r) => setTimeout(r, receiver.delayMs));
    if (receiver.answer < 200 || receiver.answer >= 300) {
      receiver.refused += 1;
      res.writeHead(receiver.answer).end();
      return;
    }
    const signature = String(req.headers['evently-signature'] ?? '');
    const parsed = JSON.parse(body) as { subject?: { type: string; id: string } };
    receiver.accepted.push({
      eventId: String(req.headers['evently-event-id'] ?? ''),
      eventType: String(req.headers['evently-event-type'] ?? ''),
      subject: parsed.subject ? `${parsed.subject.type}:${parsed.subject.id}` : '',
      body,
      signature,
      verifiedWith: receiver.secrets.filter(
        (s) => verifyEventlySignature(signature, body, s, receiver.nowSeconds()).ok,
      ),
    });
    res.writeHead(204).end();
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
};
