import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { api } from '../../scripts/local/api-client.js';
import { loadDevSigner } from '../../scripts/local/auth.js';
import { MAX_PAYLOAD_BYTES } from '../../scripts/local/http-server.js';
import { startLocalRuntime } from '../../scripts/local/runtime.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { type EchoedEvent, stubHttpHandlers } from '../support/stub-handlers.js';

const alice = { sub: 'alice', email: 'alice@example.com', name: 'Alice' };

const expectProblem = (
  res: { status: number; headers: Headers; json: unknown },
  status: number,
  code: string,
) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.json).toMatchObject({ type: expect.any(String), title: expect.any(String), status, code });
};

describe('local runtime with the real handlers', () => {
  const rt = useLocalRuntime();

  it('answers /health', async () => {
    const res = await rt.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('sends unknown paths to the $default route: 404 problem+json', async () => {
    expectProblem(await rt.call('GET', '/no/such/thing'), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await rt.call('PUT', '/v1/orgs');
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('refuses jwt routes without a valid bearer token', async () => {
    const expired = await rt.mintToken({ ...alice, ttlSeconds: -60 });
    const foreign = await (await loadDevSigner({ inMemory: true })).mintToken(alice);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Bearer ${expired}` },
      { authorization: `Bearer ${foreign}` },
      { authorization: `Basic ${expired}` },
    ];
    for (const headers of attempts) {
      expectProblem(await rt.call('GET', '/v1/me/memberships', { headers }), 401, 'UNAUTHORIZED');
    }
    const res = await rt.call<{ detail: string }>('GET', '/v1/me/memberships', { token: expired });
    expect(res.json.detail).toMatch(/expired/);
  });

  it('lets a minted token through to jwt routes', async () => {
    const token = await rt.mintToken(alice);
    const before = await rt.call('GET', '/v1/me/memberships', { token });
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ items: [], nextCursor: null });
    const created = await rt.call('POST', '/v1/orgs', { token, body: { name: 'Alice Org' } });
    expect(created.status).toBe(201);
  });

  it('serves Swagger UI and its assets offline under /docs', async () => {
    const page = await rt.call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/openapi.json');
    const asset = await rt.call('GET', '/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect((await rt.call('GET', '/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('answers 413 for bodies over 10 MB without calling the function', async () => {
    const body = 'x'.repeat(MAX_PAYLOAD_BYTES + 1);
    expectProblem(
      await rt.call('POST', '/v1/orgs', { body, token: await rt.mintToken(alice) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('fails a second start on the same port with a clear message, before starting Java', async () => {
    const started = Date.now();
    await expect(startLocalRuntime({ port: rt.runtime.port, inMemory: true, quiet: true })).rejects.toThrow(
      `port ${rt.runtime.port} is already in use (is another npm start running?) — set PORT to use another`,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('the API Gateway event the functions receive', () => {
  const rt = useLocalRuntime({ handlers: { http: stubHttpHandlers } });

  it('carries route key, decoded path parameters, query, cookies, raw body and string claims', async () => {
    const token = await rt.mintToken(alice);
    const res = await rt.call<EchoedEvent>('POST', '/v1/orgs/org%2001/invites?x=1&x=2&y=z', {
      token,
      body: '{not json',
      headers: { 'content-type': 'text/plain', 'X-Custom': 'Yes', cookie: 'a=1; b=2' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBe('stub=1; Path=/');
    expect(res.headers.get('apigw-requestid')).toBe(res.json.requestContext.requestId);
    const event = res.json;
    expect(event).toMatchObject({
      routeKey: 'POST /v1/orgs/{orgId}/invites',
      rawPath: '/v1/orgs/org%2001/invites',
      rawQueryString: 'x=1&x=2&y=z',
      pathParameters: { orgId: 'org 01' },
      queryStringParameters: { x: '1,2', y: 'z' },
      cookies: ['a=1', 'b=2'],
      body: '{not json',
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({ 'content-type': 'text/plain', 'x-custom': 'Yes' });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext).toMatchObject({
      routeKey: 'POST /v1/orgs/{orgId}/invites',
      stage: '$default',
      http: { method: 'POST', path: '/v1/orgs/org%2001/invites', sourceIp: '127.0.0.1' },
    });
    const claims = event.requestContext.authorizer.jwt.claims;
    expect(claims).toMatchObject({
      ...alice,
      email_verified: 'true',
      iss: 'http://localhost/local-issuer',
      aud: 'evently-local',
    });
    expect(claims.exp).toMatch(/^\d+$/);
  });

  it('answers 500 problem+json when a function throws, and keeps serving', async () => {
    const token = await rt.mintToken(alice);
    expectProblem(
      await rt.call('GET', '/v1/me/memberships', { token, headers: { 'x-stub-throw': '1' } }),
      500,
      'INTERNAL',
    );
    expect((await rt.call('GET', '/health')).status).toBe(200);
  });
});

describe('a second runtime in the same process', () => {
  const rt = useLocalRuntime();

  it('has its own table: the organization created by the first is not here', async () => {
    const res = await rt.call('GET', '/v1/me/memberships', { token: await rt.mintToken(alice) });
    expect(res.json).toEqual({ items: [], nextCursor: null });
  });
});

describe('npm start -- --in-memory', () => {
  const root = join(import.meta.dirname, '..', '..');

  /** Resolves with the server's URL once the banner is printed; rejects if the process exits first. */
  const readyUrl = (child: ChildProcess): Promise<string> =>
    new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const url = out.match(/URL\s+(http:\/\/localhost:\d+)/)?.[1];
        if (out.includes('API ready') && url) resolve(url);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
    });

  const mintWithCli = async (...args: string[]): Promise<string> => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'token', '--', ...args], {
      cwd: root,
      timeout: 20_000,
    });
    return stdout.trim();
  };
  const payloadOf = (token: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));

  it('accepts a token from npm run token minted while it runs', async () => {
    // The start script itself (what `npm start` runs), so its PID is the one to stop.
    const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--in-memory'], {
      cwd: root,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    try {
      const url = await readyUrl(server);
      const mintAlice = ['--sub', 'mint-alice', '--email', 'mint-alice@example.com'];
      const token = await mintWithCli(...mintAlice);
      expect(payloadOf(token)).toMatchObject({ email: 'mint-alice@example.com', email_verified: true });
      const res = await api(url)('GET', '/v1/me/memberships', { token });
      expect(res.status, res.text).toBe(200);
      expect(res.json).toEqual({ items: [], nextCursor: null });
      const unverified = await mintWithCli(...mintAlice, '--unverified');
      expect(payloadOf(unverified)).toMatchObject({ email_verified: false });
      expect((await api(url)('GET', '/v1/me/memberships', { token: unverified })).status).toBe(200);
    } finally {
      if (server.pid !== undefined && server.exitCode === null) process.kill(server.pid, 'SIGTERM');
      await exited;
    }
  }, 60_000);
});
