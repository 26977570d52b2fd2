import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyringOf } from '../../functions/modules/tickets/adapters/ticket-keys.js';
import {
  checkCode,
  checkStaticOffline,
  otpOf,
  rotatingCode,
  rotatingToken,
  secretHash,
  staticCode,
  stepAt,
  stepSeconds,
} from '../../functions/modules/tickets/domain/codes.js';

/**
 * Ticket codes: what the tenant key signs verifies, with the public key alone offline; anything
 * forged, altered, of another tenant or of a stale step fails.
 */

const keys = keyringOf('seed-of-the-tenant-0123456789abcdef');
const otherTenant = keyringOf('seed-of-another-tenant-0123456789ab');
const ref = { orgId: 'org_a', sessionId: 'ses_b', ticketId: 'bkg_0123456789abcdefghij-1' };
const at = new Date('2026-12-03T12:00:10Z');

/** `code` with one character of part `index` changed (kept valid base64url). */
const altered = (code: string, index: number): string => {
  const parts = code.split('.');
  const part = parts[index] as string;
  const i = Math.floor(part.length / 2);
  parts[index] = `${part.slice(0, i)}${part[i] === 'A' ? 'B' : 'A'}${part.slice(i + 1)}`;
  return parts.join('.');
};

describe('static codes', () => {
  const code = staticCode(keys, ref);

  it('verify with the tenant key, naming the ticket', () => {
    expect(checkCode(keys, code, at)).toEqual({ ok: true, ref, kind: 'static', attendeeId: null });
  });

  it('name the attendee who holds the ticket, under the signature', () => {
    const held = staticCode(keys, { ...ref, attendeeId: 'att_0123456789abcdefghij' });
    expect(checkCode(keys, held, at)).toEqual({
      ok: true,
      ref,
      kind: 'static',
      attendeeId: 'att_0123456789abcdefghij',
    });
    // Another holder put in its place breaks the signature.
    const [v, , secret, sig] = held.split('.');
    const other = staticCode(keys, { ...ref, attendeeId: 'att_zzzzzzzzzzzzzzzzzzzz' }).split('.')[1];
    expect(checkCode(keys, [v, other, secret, sig].join('.'), at).ok).toBe(false);
  });

  it('altered anywhere, signed by another tenant, or made up: refused', () => {
    for (const index of [1, 2, 3]) expect(checkCode(keys, altered(code, index), at).ok).toBe(false);
    expect(checkCode(keys, staticCode(otherTenant, ref), at).ok).toBe(false);
    expect(checkCode(keys, 'T1.abc.def.ghi', at).ok).toBe(false);
    expect(checkCode(keys, '', at).ok).toBe(false);
    expect(checkCode(keys, `${code}.extra`, at).ok).toBe(false);
  });

  it('a ticket id swapped into a signed code breaks its signature', () => {
    const other = staticCode(keys, { ...ref, ticketId: 'bkg_0123456789abcdefghij-2' });
    const [v, , secret, sig] = code.split('.');
    const swapped = [v, other.split('.')[1], secret, sig].join('.');
    expect(checkCode(keys, swapped, at)).toMatchObject({ ok: false, why: 'bad signature' });
  });

  it('verify offline with only the public key (PEM), and give the secret hash the list holds', () => {
    const publicKey = createPublicKey(keys.publicKeyPem);
    const offline = (data: Buffer, sig: Buffer) => verify(null, data, publicKey, sig);
    expect(checkStaticOffline(offline, code)).toEqual({ ref, secretHash: secretHash(keys.secretOf(ref)) });
    expect(checkStaticOffline(offline, altered(code, 2))).toBeNull();
    expect(checkStaticOffline(offline, staticCode(otherTenant, ref))).toBeNull();
  });
});

describe('rotating codes', () => {
  const token = rotatingToken(keys, ref);
  const secret = keys.secretOf(ref);

  it('verify within one step either side of the scan, not beyond', () => {
    const shown = rotatingCode(token, secret, at);
    expect(checkCode(keys, shown, at)).toEqual({ ok: true, ref, kind: 'rotating', attendeeId: null });
    const step = stepSeconds * 1000;
    expect(checkCode(keys, shown, new Date(at.getTime() + step)).ok).toBe(true);
    expect(checkCode(keys, shown, new Date(at.getTime() - step)).ok).toBe(true);
    expect(checkCode(keys, shown, new Date(at.getTime() + 2 * step))).toMatchObject({
      ok: false,
      why: 'code of another time step',
    });
  });

  it('a wrong one-time code, or one derived from another secret, is refused', () => {
    const step = stepAt(at);
    const wrong = `${token}.${step}.${otpOf(Buffer.from('not the secret'), step)}`;
    expect(checkCode(keys, wrong, at)).toMatchObject({ ok: false, why: 'bad one-time code' });
    const other = keys.secretOf({ ...ref, ticketId: 'bkg_0123456789abcdefghij-2' });
    expect(checkCode(keys, rotatingCode(token, other, at), at).ok).toBe(false);
  });

  it('one-time codes are 8 digits and change with the step', () => {
    const a = otpOf(secret, 1000);
    expect(a).toMatch(/^[0-9]{8}$/);
    expect(otpOf(secret, 1001)).not.toBe(a);
    expect(otpOf(secret, 1000)).toBe(a);
  });
});

describe('the keyring', () => {
  it('is the same for the same seed (printed codes survive restarts) and differs per tenant', () => {
    const again = keyringOf('seed-of-the-tenant-0123456789abcdef');
    expect(again.keyId).toBe(keys.keyId);
    expect(again.secretOf(ref).equals(keys.secretOf(ref))).toBe(true);
    expect(otherTenant.keyId).not.toBe(keys.keyId);
    expect(otherTenant.secretOf(ref).equals(keys.secretOf(ref))).toBe(false);
  });
});
