import { describe, expect, it } from 'vitest';
import { oneAuditRecordOf } from '../support/audit-records.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * A private event over HTTP: invisible to strangers (left out of the public listing, 404 as a
 * missing session when they book, join its line or ask for it), bookable with a pass from an
 * invite link or a direct invite; a link admits no more holders than its `maxUses`.
 */

const rt = useLocalRuntime();

interface Pass {
  attendeeId: string;
  source: string;
  inviteId: string;
  skipApproval: boolean;
}

const status = (res: ApiResponse, expected: number) => expect(res.status, res.text).toBe(expected);

const attendeeOf = async (orgId: string, sub: string) => {
  const token = await rt.mintToken({ sub, email: `${sub}@private.example`, name: sub });
  const me = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
    token,
    body: { firstName: sub, lastName: 'Guest' },
  });
  status(me, 200);
  return { token, attendeeId: me.json.attendeeId };
};

describe('a private event', () => {
  it('is invisible and unbookable without an invite, bookable with one; a link is used up at maxUses', async () => {
    const owner = await rt.mintToken({ sub: 'pe-owner', email: 'owner@private.example' });
    const w = await publishedSession(rt, owner, {
      orgName: 'Private club',
      event: { title: 'Members night', defaultCapacity: 20, visibility: 'private', tags: ['secret-night'] },
      session: { startsAt: '2027-05-01T20:00' },
    });
    const listed = await rt.call<{ items: { eventId: string }[] }>('GET', '/v1/events?tag=secret-night');
    status(listed, 200);
    expect(listed.json.items.map((e) => e.eventId)).not.toContain(w.eventId);

    const ada = await attendeeOf(w.orgId, 'pe-ada');
    const bea = await attendeeOf(w.orgId, 'pe-bea');
    const cyd = await attendeeOf(w.orgId, 'pe-cyd');
    const session = `/v1/orgs/${w.orgId}/sessions/${w.sessionId}`;
    const missing = `/v1/orgs/${w.orgId}/sessions/ses_00000000000000000000`;
    const book = (who: { token: string; attendeeId: string }, path = session) =>
      rt.call<{ status: string; code: string; detail: string }>('POST', `${path}/bookings`, {
        token: who.token,
        body: { attendeeId: who.attendeeId, seats: 1 },
      });

    // Without a pass: the answer of a session that does not exist, for booking, the line, a request.
    const refused = await book(ada);
    const absent = await book(ada, missing);
    status(refused, 404);
    expect({ code: refused.json.code, detail: refused.json.detail }).toEqual({
      code: absent.json.code,
      detail: absent.json.detail,
    });
    status(
      await rt.call('POST', `${session}/waitlist`, {
        token: ada.token,
        body: { attendeeId: ada.attendeeId },
      }),
      404,
    );
    status(await rt.call('POST', `${session}/requests`, { token: ada.token, body: { partySize: 1 } }), 404);
    // Its availability too: the answer of a missing session.
    const hidden = await rt.call<{ code: string; detail: string }>('GET', `${session}/availability`, {
      token: ada.token,
    });
    const nowhere = await rt.call<{ code: string; detail: string }>('GET', `${missing}/availability`, {
      token: ada.token,
    });
    status(hidden, 404);
    expect(hidden.json).toMatchObject({ code: nowhere.json.code, detail: nowhere.json.detail });
    status(await rt.call('GET', `/v1/orgs/${w.orgId}/events/${w.eventId}/pass`, { token: ada.token }), 404);

    // A link for one holder: Ada redeems it (again: the same pass, no use counted), Bea finds it used up.
    const invites = `/v1/orgs/${w.orgId}/events/${w.eventId}/invites`;
    const link = await rt.call<{ inviteId: string; token: string }>('POST', invites, {
      token: owner,
      body: { kind: 'link', maxUses: 1 },
    });
    status(link, 201);
    const redeem = (who: { token: string }, token = link.json.token) =>
      rt.call<Pass & { code: string }>('POST', `${invites}/redeem`, { token: who.token, body: { token } });
    const first = await redeem(ada);
    status(first, 200);
    await oneAuditRecordOf(rt, first, 'pe-ada');
    expect(first.json).toMatchObject({
      attendeeId: ada.attendeeId,
      source: 'invite',
      inviteId: link.json.inviteId,
    });
    status(await redeem(ada), 200);
    const mine = await rt.call<Pass>('GET', `/v1/orgs/${w.orgId}/events/${w.eventId}/pass`, {
      token: ada.token,
    });
    status(mine, 200);
    expect(mine.json.inviteId).toBe(link.json.inviteId);
    status(await rt.call('GET', `${session}/availability`, { token: ada.token }), 200);
    const usedUp = await redeem(bea);
    status(usedUp, 410);
    expect(usedUp.json.code).toBe('INVITE_USED_UP');
    // A wrong secret is no invite at all.
    status(await redeem(cyd, `${link.json.inviteId}.${'x'.repeat(43)}`), 404);
    const listedInvites = await rt.call<{ items: { uses: number; tokenHash?: string }[] }>('GET', invites, {
      token: owner,
    });
    expect(listedInvites.json.items).toEqual([expect.objectContaining({ uses: 1 })]);
    expect(listedInvites.text).not.toContain('tokenHash');

    const booked = await book(ada);
    status(booked, 201);
    expect(booked.json.status).toBe('confirmed');
    status(await book(bea), 404);

    // A direct invite to Bea's (verified) email: only she can accept it, and then she books.
    const direct = await rt.call<{ inviteId: string; token: string | null }>('POST', invites, {
      token: owner,
      body: { kind: 'direct', email: 'PE-BEA@private.example' },
    });
    status(direct, 201);
    expect(direct.json.token).toBeNull();
    const accept = (who: { token: string }) =>
      rt.call<Pass>('POST', `${invites}/${direct.json.inviteId}/accept`, { token: who.token });
    status(await accept(cyd), 404);
    const pass = await accept(bea);
    status(pass, 200);
    await oneAuditRecordOf(rt, pass, 'pe-bea');
    expect(pass.json.attendeeId).toBe(bea.attendeeId);
    status(await book(bea), 201);

    // A revoked link gives no more passes.
    status(await rt.call('DELETE', `${invites}/${link.json.inviteId}`, { token: owner }), 204);
    const revoked = await redeem(cyd);
    status(revoked, 410);
    expect(revoked.json.code).toBe('INVITE_REVOKED');
  });
});
