import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalRuntime } from '../support/local-runtime.js';
import { tableSnapshot } from './sweep-target.js';

/**
 * A token's email counts only when its `email_verified` claim is true: an unverified one opens no
 * invite addressed to it and is written on no record the caller creates.
 */

const rt = useLocalRuntime();
const ivy = { sub: 've-ivy', email: 'ivy@ve.example', name: 'Ivy' };
let owner: string;
let orgId: string;

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 've-owner', email: 'owner@ve.example', name: 'Owner' });
  const org = await rt.call<{ orgId: string }>('POST', '/v1/orgs', {
    token: owner,
    body: { name: 'Verified' },
  });
  expect(org.status, org.text).toBe(201);
  orgId = org.json.orgId;
});

describe('a token whose email is not verified', () => {
  it('cannot accept an invite sent to that email; the same user, verified, can', async () => {
    const invite = await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
      token: owner,
      body: { email: ivy.email, role: 'viewer' },
    });
    expect(invite.status, invite.text).toBe(201);
    const accept = async (token: string) =>
      rt.call('POST', '/v1/invites/accept', { token, body: { token: invite.json.token } });

    const unverified = await rt.mintToken({ ...ivy, emailVerified: false });
    const before = await tableSnapshot(rt);
    const refused = await accept(unverified);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.json).toMatchObject({
      code: 'INVITE_EMAIL_MISMATCH',
      detail: expect.stringMatching(/verified/),
    });
    expect(await tableSnapshot(rt)).toBe(before);

    const accepted = await accept(await rt.mintToken(ivy));
    expect(accepted.status, accepted.text).toBe(201);
    expect(accepted.json).toMatchObject({ member: { userId: ivy.sub, email: ivy.email, role: 'viewer' } });
  });

  it('gets its own attendee record through /me without the email', async () => {
    const token = await rt.mintToken({ sub: 've-guest', email: 'guest@ve.example', emailVerified: false });
    const mine = await rt.call<{ userId: string; email: string | null }>('POST', `/v1/orgs/${orgId}/me`, {
      token,
      body: { firstName: 'Gus', lastName: 'Guest' },
    });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json).toMatchObject({ userId: 've-guest', email: null });
  });

  it('still creates an organization, whose owner has no email on record', async () => {
    const token = await rt.mintToken({
      sub: 've-founder',
      email: 'founder@ve.example',
      emailVerified: false,
    });
    const org = await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name: 'Founded' } });
    expect(org.status, org.text).toBe(201);
    const members = await rt.call<{ items: unknown[] }>('GET', `/v1/orgs/${org.json.orgId}/members`, {
      token,
    });
    expect(members.status, members.text).toBe(200);
    // Named after the subject: the unverified address is no source for a display name either.
    expect(members.json.items).toEqual([
      expect.objectContaining({ userId: 've-founder', name: 've-founder', email: '', role: 'owner' }),
    ]);
  });
});
