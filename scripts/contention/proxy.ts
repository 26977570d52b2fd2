import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Answer, answerHeaders } from './answers.js';
import type { ContentionCounters } from './counters.js';
import { keySchemas } from './key-schema.js';
import { ContentionModel } from './model.js';
import type { ContentionOptions } from './options.js';
import { touchesOf } from './touches.js';
import { modelledOperationOf } from './wire.js';

/**
 * The contention model as an HTTP proxy in front of DynamoDB Local: every client that takes its
 * endpoint (the functions' container through DYNAMODB_ENDPOINT, the tests' own clients, the
 * benchmarks) goes through it unchanged. Writes and transactional reads are looked into and may
 * be refused in DynamoDB's own error shapes; everything else, and whatever is admitted, is
 * forwarded byte for byte. `GET /__contention` answers the counters; `DELETE` resets them.
 */

export interface ContentionProxy {
  /** Point DynamoDB clients here. */
  endpoint: string;
  /** DynamoDB Local behind the proxy. */
  upstream: string;
  model: ContentionModel;
  counters(): ContentionCounters;
  stop(): Promise<void>;
}

export const COUNTERS_PATH = '/__contention';

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// Hop-by-hop headers describe one connection, not the answer; the length is set from the body read.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const readBody = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const sleepUntil = async (at: number): Promise<void> => {
  for (let left = at - Date.now(); left > 0; left = at - Date.now()) {
    await new Promise((r) => setTimeout(r, left));
  }
};

const send = (
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: Buffer | string,
) => {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
};

const sendAnswer = (res: ServerResponse, answer: Answer): void =>
  send(res, answer.status, answerHeaders(answer.body), answer.body);

const sendUpstream = (res: ServerResponse, up: Upstream): void => {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(up.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  send(res, up.status, headers, up.body);
};

/** A body that is not JSON is DynamoDB Local's to refuse. */
const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
};

/** DynamoDB's answer to a request that could not reach DynamoDB Local; the SDK retries it. */
const unreachable = (error: Error): Answer => ({
  status: 500,
  body: JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: `contention proxy: DynamoDB Local did not answer (${error.message})`,
  }),
});

export const startContentionProxy = async (input: {
  upstream: string;
  options?: Partial<ContentionOptions>;
  port?: number;
}): Promise<ContentionProxy> => {
  const target = new URL(input.upstream);
  const agent = new Agent({ keepAlive: true });
  const schemas = keySchemas(input.upstream);
  const model = new ContentionModel(input.options);

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const out = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          agent,
        },
        (answer) => {
          readBody(answer)
            .then((b) => resolve({ status: answer.statusCode ?? 500, headers: answer.headers, body: b }))
            .catch(reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const counters = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method === 'DELETE') model.resetCounters();
    const body = JSON.stringify(model.counters());
    send(res, 200, { 'content-type': 'application/json' }, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.url?.startsWith(COUNTERS_PATH)) return counters(req, res);
    const body = await readBody(req);
    const operation = modelledOperationOf(req.headers['x-amz-target'] as string | undefined);
    const touches = operation ? await touchesOf(operation, parseJson(body), schemas) : undefined;
    if (!operation || !touches) {
      try {
        return sendUpstream(res, await forward(req, body));
      } catch (error) {
        return sendAnswer(res, unreachable(error as Error));
      }
    }
    const admission = model.admit(operation, touches);
    if (admission.kind === 'refused') return sendAnswer(res, admission.answer);
    let up: Upstream;
    try {
      up = await forward(req, body);
    } catch (error) {
      await sleepUntil(admission.holdUntil);
      admission.settle(false);
      return sendAnswer(res, unreachable(error as Error));
    }
    await sleepUntil(admission.holdUntil);
    admission.settle(up.status === 200);
    sendUpstream(res, up);
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) sendAnswer(res, unreachable(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    upstream: input.upstream,
    model,
    counters: () => model.counters(),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
      schemas.close();
    },
  };
};

/** The counters of a proxy started elsewhere (the test run's global setup), over HTTP. */
export const fetchContentionCounters = async (
  endpoint: string,
  reset = false,
): Promise<ContentionCounters> => {
  const answer = await fetch(`${endpoint}${COUNTERS_PATH}`, { method: reset ? 'DELETE' : 'GET' });
  if (!answer.ok) throw new Error(`${endpoint} is not a contention proxy (HTTP ${answer.status})`);
  return (await answer.json()) as ContentionCounters;
};
