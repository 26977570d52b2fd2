import { describe, expect, it } from 'vitest';
import {
  defaultSignInPolicy,
  newSignInCode,
  nextChallengeStep,
  phoneRef,
  type SignInChallenge,
  sameHash,
  signInCodeHash,
  standingOf,
  windowOf,
} from '../../functions/modules/identity/domain/sign-in-rules.js';

/** Phone sign-in's pure rules (docs/identity.md): codes, their hashes, a challenge's standing, windows. */

const key = 'k'.repeat(40);
const binding = { phone: '+4915112345678', nonce: 'session-1' };

describe('sign-in codes', () => {
  it('are six random digits, leading zeros kept', () => {
    const codes = Array.from({ length: 200 }, () => newSignInCode());
    for (const c of codes) expect(c).toMatch(/^[0-9]{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('hash with the key, bound to the phone and the challenge', () => {
    const hash = signInCodeHash(key, binding, '042317');
    expect(hash).not.toContain('042317');
    expect(sameHash(hash, signInCodeHash(key, binding, '042317'))).toBe(true);
    expect(sameHash(hash, signInCodeHash(key, binding, '042318'))).toBe(false);
    expect(sameHash(hash, signInCodeHash(key, { ...binding, nonce: 'session-2' }, '042317'))).toBe(false);
    expect(sameHash(hash, signInCodeHash(key, { ...binding, phone: '+4915112345679' }, '042317'))).toBe(
      false,
    );
    expect(sameHash(hash, signInCodeHash('x'.repeat(40), binding, '042317'))).toBe(false);
  });

  it('name a phone by a keyed reference that does not show the number', () => {
    const ref = phoneRef(key, binding.phone);
    expect(ref).toHaveLength(16);
    expect(ref).not.toContain('12345678');
    expect(phoneRef(key, binding.phone)).toBe(ref);
    expect(phoneRef('x'.repeat(40), binding.phone)).not.toBe(ref);
  });
});

describe("a challenge's standing", () => {
  const now = Date.parse('2026-12-05T10:00:00Z');
  const challenge: SignInChallenge = {
    codeHash: 'h',
    expiresAt: new Date(now + defaultSignInPolicy.codeTtlMs).toISOString(),
    attempts: 0,
    usedAt: null,
  };

  it('is open until its deadline, then expired', () => {
    expect(standingOf(challenge, now)).toBe('open');
    expect(standingOf(challenge, now + defaultSignInPolicy.codeTtlMs - 1)).toBe('open');
    expect(standingOf(challenge, now + defaultSignInPolicy.codeTtlMs)).toBe('expired');
  });

  it('takes five tries; the sixth is refused', () => {
    expect(standingOf({ ...challenge, attempts: 4 }, now)).toBe('open');
    expect(standingOf({ ...challenge, attempts: 5 }, now)).toBe('exhausted');
  });

  it('is used once it signed someone in, whatever else holds', () => {
    expect(standingOf({ ...challenge, usedAt: new Date(now).toISOString() }, now)).toBe('used');
  });
});

describe('fixed windows', () => {
  it('start at a multiple of their length and say the seconds left', () => {
    const minute = 60_000;
    expect(windowOf(120_000, minute)).toEqual({ start: 120_000, retryAfterSeconds: 60 });
    expect(windowOf(179_500, minute)).toEqual({ start: 120_000, retryAfterSeconds: 1 });
    expect(windowOf(150_001, minute).retryAfterSeconds).toBe(30);
  });
});

describe("Cognito's define-auth-challenge step", () => {
  const wrong = { challengeResult: false };
  const right = { challengeResult: true };

  it('challenges, issues tokens after a right answer, fails after five wrong ones', () => {
    expect(nextChallengeStep([])).toBe('challenge');
    expect(nextChallengeStep([wrong, wrong])).toBe('challenge');
    expect(nextChallengeStep([wrong, right])).toBe('issue-tokens');
    expect(nextChallengeStep([wrong, wrong, wrong, wrong])).toBe('challenge');
    expect(nextChallengeStep([wrong, wrong, wrong, wrong, wrong])).toBe('fail');
  });
});
