import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { errorResponse } from '../../functions/kernel/http/problem.js';
import { keyringOf } from '../../functions/modules/tickets/adapters/ticket-keys.js';
import {
  type CheckinOtp,
  issuedOtp,
  nextIssueAt,
  otpHash,
  otpPolicy,
  standingOf,
  tryIdOf,
} from '../../functions/modules/tickets/domain/otp-model.js';
import { maskEmail, maskPhone } from '../../functions/modules/tickets/domain/otp-request.js';

/** The pure rules of one-time check-in codes: hashing, the request limits, where a try stands. */

const keys = keyringOf('seed-of-the-tenant-0123456789abcdef');
const key = { orgId: 'org_a', sessionId: 'ses_a', attendeeId: 'att_a' };
const t0 = Date.parse('2030-01-01T18:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);

const issued = (code: string, previous?: CheckinOtp, seconds = 0) =>
  issuedOtp(key, previous, { codeHash: otpHash(keys, key, code), now: at(seconds), by: 'door' });

describe('code hashes', () => {
  it('are keyed by the tenant and bound to the attendee and session', () => {
    const hash = otpHash(keys, key, '123456');
    expect(hash).toBe(otpHash(keyringOf('seed-of-the-tenant-0123456789abcdef'), key, '123456'));
    expect(hash).not.toBe(otpHash(keyringOf('seed-of-another-tenant-0123456789ab'), key, '123456'));
    expect(hash).not.toBe(otpHash(keys, { ...key, attendeeId: 'att_b' }, '123456'));
    expect(hash).not.toBe(otpHash(keys, key, '123457'));
    expect(hash).not.toContain('123456');
  });
});

describe('request limits', () => {
  it('30 seconds between codes, and at most 5 within any hour', () => {
    let otp = issued('000001');
    expect(nextIssueAt(undefined, t0)).toBe(t0);
    expect(nextIssueAt(otp, t0 + 1000)).toBe(t0 + otpPolicy.resendAfterMs);
    for (let i = 1; i < otpPolicy.perHour; i++) otp = issued('000001', otp, i * 60);
    expect(otp.recentIssues).toHaveLength(otpPolicy.perHour);
    // Five in the hour: the next only an hour after the first of them.
    expect(nextIssueAt(otp, t0 + 10 * 60_000)).toBe(t0 + 3_600_000);
    // Codes older than an hour drop out of the count.
    expect(issued('000001', otp, 3600 + 1).recentIssues).toHaveLength(otpPolicy.perHour);
    expect(issued('000001', otp, 4 * 3600).recentIssues).toHaveLength(1);
  });

  it('a new code starts with no tries and unused', () => {
    const used = { ...issued('111111'), tries: 3, usedBy: 'n1', usedAt: at(5).toISOString(), lastTry: 'x' };
    expect(issued('222222', used, 60)).toMatchObject({ tries: 0, usedBy: null, usedAt: null, lastTry: null });
  });
});

describe('where a try stands', () => {
  const right = { nonce: 'n-1', hash: otpHash(keys, key, '424242') };
  const otp = issued('424242');

  it('counted first while the code is usable; refused when none, used, expired or out of tries', () => {
    expect(standingOf(otp, right, t0 + 1000)).toMatchObject({ kind: 'count' });
    expect(standingOf(undefined, right, t0)).toEqual({ kind: 'refused', reason: 'otp_none' });
    expect(standingOf({ ...otp, usedBy: 'n-0' }, right, t0)).toEqual({ kind: 'refused', reason: 'otp_used' });
    expect(standingOf(otp, right, t0 + otpPolicy.validForMs)).toEqual({
      kind: 'refused',
      reason: 'otp_expired',
    });
    const exhausted = { ...otp, tries: otpPolicy.maxTries };
    expect(standingOf(exhausted, right, t0)).toEqual({ kind: 'refused', reason: 'otp_exhausted' });
  });

  it('the same scan sent again is compared without a second count; its own use is its own', () => {
    const counted = { ...otp, tries: otpPolicy.maxTries, lastTry: tryIdOf(right) };
    expect(standingOf(counted, right, t0)).toMatchObject({ kind: 'compare' });
    // The same nonce with other digits is another try, and there are none left.
    const other = { nonce: 'n-1', hash: otpHash(keys, key, '000000') };
    expect(standingOf(counted, other, t0)).toEqual({ kind: 'refused', reason: 'otp_exhausted' });
    expect(standingOf({ ...otp, usedBy: 'n-1' }, right, t0)).toMatchObject({ kind: 'compare' });
    expect(standingOf({ ...otp, usedBy: 'n-1' }, other, t0)).toEqual({ kind: 'refused', reason: 'otp_used' });
  });
});

describe('what staff see', () => {
  it('contacts masked', () => {
    expect(maskEmail('ada@example.com')).toBe('a•••@example.com');
    expect(maskPhone('+4915112345678')).toBe('•••• 5678');
  });

  it('a 429 with Retry-After from the refusal', () => {
    const res = errorResponse(
      new DomainError('RATE_LIMITED', 'too soon', { retryAfterSeconds: 12, nextRequestAt: 'x' }),
      '/v1/orgs/org_a/checkins/otp',
    );
    expect(res.statusCode).toBe(429);
    expect(res.headers?.['retry-after']).toBe('12');
  });
});
