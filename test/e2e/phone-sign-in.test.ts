import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * Phone sign-in over HTTP on the local runtime (its own issuer behind the phone sign-in port): a
 * code sent by SMS (read from the local delivery log) signs in, and its token is accepted by the
 * local JWT authorizer like a minted one. Abuse is refused: a wrong code, an expired one, a used
 * one, a sixth try even with the right code, and more than five starts for one number (429 with
 * Retry-After). The refresh token a sign-in gives refreshes once (rotation), and a sign-out
 * revokes it. No code, no phone number and no token reaches the logs or the answers.
 */

const ttlSeconds = 4;
const rt = useLocalRuntime({
  env: {
    POWERTOOLS_LOG_LEVEL: 'INFO',
    NOTIFY_LOCAL_ECHO: 'on',
    // Short-lived codes, so that one can expire within the test.
    SIGN_IN_CODE_TTL_SECONDS: String(ttlSeconds),
    // Every start of this file comes from one address within a minute or two: the per-address
    // limit (20 a minute) would refuse the per-phone test's starts first, depending on where the
    // minute's window falls. The per-address rule is the same window (test/unit/sign-in-rules).
    SIGN_IN_IP_STARTS: '1000',
  },
});

interface Started {
  session: string;
  expiresIn: number;
}
interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}
interface Delivery {
  type: string;
  to: string;
  text: string;
}

/**
 * Everything the process writes meanwhile: the functions' logs go to stdout and stderr, the local
 * delivery log's lines to the console (which the test runner takes before the streams).
 */
const written: string[] = [];
const capture = (stream: NodeJS.WriteStream) =>
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });

beforeAll(() => {
  capture(process.stdout);
  capture(process.stderr);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      written.push(args.map(String).join(' '));
    });
});

afterAll(() => {
  vi.restoreAllMocks();
});

/** Every code and number sent in this file, and every answer: none may show in the logs. */
const codesSent: string[] = [];
const phonesUsed: string[] = [];
const answers: ApiResponse<unknown>[] = [];

const phoneOf = (n: number) => {
  const phone = `+49151${String(Date.now() % 1e6).padStart(6, '0')}${n}`;
  phonesUsed.push(phone);
  return phone;
};

const start = async (phone: string) => {
  const res = await rt.call<Started>('POST', '/v1/auth/phone/start', { body: { phone } });
  answers.push(res);
  return res;
};

const verify = async (phone: string, session: string, code: string) => {
  const res = await rt.call<Tokens>('POST', '/v1/auth/phone/verify', { body: { phone, session, code } });
  answers.push(res);
  return res;
};

/** The code the phone received (the newest SMS to it in the local delivery log). */
const codeSentTo = async (phone: string): Promise<string> => {
  const log = await rt.call<{ items: Delivery[] }>('GET', '/local/outbox?limit=100');
  const sms = log.json.items.find((d) => d.type === 'identity.sign-in-code' && d.to === phone);
  const code = /\b([0-9]{6})\b/.exec(sms?.text ?? '')?.[1];
  if (!code) throw new Error(`no sign-in code reached the phone: ${log.text}`);
  codesSent.push(code);
  return code;
};

const startedWithCode = async (phone: string) => {
  const res = await start(phone);
  expect(res.status, res.text).toBe(202);
  return { session: res.json.session, code: await codeSentTo(phone) };
};

const refresh = async (refreshToken: string) => {
  const res = await rt.call<Tokens>('POST', '/v1/auth/refresh', { body: { refreshToken } });
  answers.push(res);
  return res;
};

const signOut = async (refreshToken: string) => {
  const res = await rt.call('POST', '/v1/auth/sign-out', { body: { refreshToken } });
  answers.push(res);
  return res;
};

/** Every token answered in this file: none may show in the logs. */
const tokensGiven: string[] = [];
const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/** A problem's body but its `instance` (the request's own). */
const withoutInstance = (text: string) => {
  const { instance: _own, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};

const wrongFor = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('phone sign-in over HTTP', () => {
  let used: { phone: string; session: string; code: string; refreshToken: string };

  it('signs in with the code sent by SMS; the token is accepted by the API', async () => {
    const phone = phoneOf(1);
    const { session, code } = await startedWithCode(phone);
    const res = await verify(phone, session, code);
    expect(res.status, res.text).toBe(200);
    expect(res.json.expiresIn).toBeGreaterThan(0);
    for (const token of [res.json.idToken, res.json.accessToken]) {
      const me = await rt.call('GET', '/v1/me/memberships', { token });
      expect(me.status, me.text).toBe(200);
    }
    used = { phone, session, code, refreshToken: res.json.refreshToken };
    tokensGiven.push(res.json.refreshToken, res.json.accessToken);
  });

  it('refreshes once per refresh token, and refreshes nothing after a sign-out', async () => {
    const first = used.refreshToken;
    const refreshed = await refresh(first);
    expect(refreshed.status, refreshed.text).toBe(200);
    const next = refreshed.json.refreshToken;
    tokensGiven.push(next, refreshed.json.accessToken);
    expect(next).not.toBe(first);
    const me = await rt.call('GET', '/v1/me/memberships', { token: refreshed.json.accessToken });
    expect(me.status, me.text).toBe(200);
    expect(claimsOf(refreshed.json.idToken)).toMatchObject({ phone_number: used.phone });

    // Rotated: the old one refreshes no more, and the refusal says nothing of why.
    const reused = await refresh(first);
    expect(reused.status, reused.text).toBe(401);
    expect(reused.headers.get('content-type')).toBe('application/problem+json');
    expect(reused.json).toMatchObject({ code: 'REFRESH_REFUSED' });

    const out = await signOut(next);
    expect(out.status, out.text).toBe(204);
    const again = await signOut(next);
    expect([again.status, again.text]).toEqual([out.status, out.text]);
    const after = await refresh(next);
    expect(after.status, after.text).toBe(401);
    // Revoked reads as rotated: one refusal, whatever the reason.
    expect(withoutInstance(after.text)).toEqual(withoutInstance(reused.text));
  });

  it('refuses a used code, a wrong code and a sixth try even with the right code', async () => {
    const reused = await verify(used.phone, used.session, used.code);
    expect(reused.status, reused.text).toBe(401);
    expect(reused.json).toMatchObject({ code: 'SIGN_IN_REFUSED' });

    const phone = phoneOf(2);
    const { session, code } = await startedWithCode(phone);
    for (let i = 0; i < 5; i++) {
      const wrong = await verify(phone, session, wrongFor(code));
      expect(wrong.status, wrong.text).toBe(401);
    }
    const sixth = await verify(phone, session, code);
    expect(sixth.status, sixth.text).toBe(401);
    // Refusals all read alike: nothing tells a wrong code from an exhausted or used one.
    expect(JSON.parse(sixth.text).detail).toBe(JSON.parse(reused.text).detail);
  });

  it('refuses an expired code', async () => {
    const phone = phoneOf(3);
    const res = await start(phone);
    expect(res.status, res.text).toBe(202);
    expect(res.json.expiresIn).toBe(ttlSeconds);
    const code = await codeSentTo(phone);
    const expiry = Date.now() + ttlSeconds * 1000 + 200;
    // Waits for the code's deadline to pass (the deadline itself, not a guess).
    await vi.waitUntil(() => Date.now() > expiry, { timeout: ttlSeconds * 1000 + 2_000, interval: 100 });
    const late = await verify(phone, res.json.session, code);
    expect(late.status, late.text).toBe(401);
  });

  it('answers 429 with Retry-After after five starts for one number', async () => {
    const phone = phoneOf(4);
    const statuses: number[] = [];
    let limited: ApiResponse<unknown> | undefined;
    for (let i = 0; i < 20; i++) {
      const res = await start(phone);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    expect(limited?.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('leaks no code and no phone number into the logs or the answers', () => {
    const logs = written.join('');
    expect(logs).toContain('identity.sign-in-code');
    expect(codesSent.length).toBeGreaterThan(0);
    // A code as a number of its own (not six digits inside a longer one, such as a timestamp).
    const standalone = (code: string) => new RegExp(`(?<![0-9])${code}(?![0-9])`);
    for (const code of codesSent) expect(logs).not.toMatch(standalone(code));
    for (const phone of phonesUsed) expect(logs).not.toContain(phone);
    expect(tokensGiven.length).toBeGreaterThan(0);
    for (const token of tokensGiven) expect(logs).not.toContain(token);
    // The tokens are random text; every other answer is checked for the codes.
    for (const res of answers.filter((r) => r.status !== 200))
      for (const code of codesSent) expect(res.text).not.toMatch(standalone(code));
  });
});
