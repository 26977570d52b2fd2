import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalRuntime } from '../support/local-runtime.js';

/** Attendees, /me and parties over HTTP against the local runtime. */

const rt = useLocalRuntime();

interface Attendee {
  attendeeId: string;
  email: string | null;
  phone: string | null;
  userId: string | null;
  partyId: string | null;
  firstName: string;
}
interface Party {
  partyId: string;
  leaderId: string | null;
  memberIds: string[];
  name: string;
}

let owner: string;
let orgId: string;

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'people-owner', email: 'owner@people.example', name: 'Owner' });
  const res = await rt.call<{ orgId: string }>('POST', '/v1/orgs', {
    token: owner,
    body: { name: 'People' },
  });
  orgId = res.json.orgId;
});

const attendees = () => `/v1/orgs/${orgId}/attendees`;
const parties = () => `/v1/orgs/${orgId}/parties`;

const newAttendee = async (firstName: string, email: string, phone?: string) => {
  const res = await rt.call<Attendee>('POST', attendees(), {
    token: owner,
    body: { firstName, lastName: 'Person', email, ...(phone ? { phone } : {}) },
  });
  expect(res.status, res.text).toBe(201);
  return res.json;
};

describe('attendees over HTTP', () => {
  it('creates, reads, looks up, changes and deletes an attendee', async () => {
    const ada = await newAttendee('Ada', 'Ada@People.example', '+4915112345678');
    expect(ada).toMatchObject({ email: 'ada@people.example', phone: '+4915112345678', partyId: null });
    expect((await rt.call('GET', `${attendees()}/${ada.attendeeId}`, { token: owner })).json).toEqual(ada);

    const byEmail = await rt.call<{ items: Attendee[] }>(
      'GET',
      `${attendees()}?${new URLSearchParams({ email: 'ADA@people.example' })}`,
      { token: owner },
    );
    expect(byEmail.json.items).toEqual([ada]);
    const byPhone = await rt.call<{ items: Attendee[] }>(
      'GET',
      `${attendees()}?${new URLSearchParams({ phone: '+4915112345678' })}`,
      { token: owner },
    );
    expect(byPhone.json.items).toEqual([ada]);

    const dup = await rt.call<{ code: string; detail: string; errors: { field: string }[] }>(
      'POST',
      attendees(),
      {
        token: owner,
        body: { firstName: 'Copy', lastName: 'Cat', email: 'ada@PEOPLE.example' },
      },
    );
    expect(dup.status).toBe(409);
    expect(dup.json.code).toBe('ATTENDEE_EXISTS');
    expect(dup.json.detail).toContain(ada.attendeeId);
    expect(dup.json.errors.map((e) => e.field)).toEqual(['email']);

    const badPhone = await rt.call<{ errors: { field: string }[] }>('POST', attendees(), {
      token: owner,
      body: { firstName: 'Bad', lastName: 'Phone', phone: '0151 123' },
    });
    expect(badPhone.status).toBe(422);
    expect(badPhone.json.errors.map((e) => e.field)).toContain('body.phone');

    const patched = await rt.call<Attendee>('PATCH', `${attendees()}/${ada.attendeeId}`, {
      token: owner,
      body: { firstName: 'Augusta', email: null },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json).toMatchObject({ firstName: 'Augusta', email: null });

    expect((await rt.call('DELETE', `${attendees()}/${ada.attendeeId}`, { token: owner })).status).toBe(204);
    expect((await rt.call('GET', `${attendees()}/${ada.attendeeId}`, { token: owner })).status).toBe(404);
  });

  it('gives a signed-in non-member their own record through /me, once', async () => {
    const me = `/v1/orgs/${orgId}/me`;
    const guest = await rt.mintToken({ sub: 'people-guest', email: 'Guest@People.example' });
    expect((await rt.call('GET', me, { token: guest })).status).toBe(404);
    const body = { firstName: 'Gus', lastName: 'Guest', phone: '+15550100100' };
    const first = await rt.call<Attendee>('POST', me, { token: guest, body });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ userId: 'people-guest', email: 'guest@people.example' });
    const second = await rt.call<Attendee>('POST', me, {
      token: guest,
      body: { firstName: 'X', lastName: 'Y' },
    });
    expect(second.json).toEqual(first.json);
    expect((await rt.call('GET', me, { token: guest })).json).toEqual(first.json);
    // The guest is no member: the organization's attendee list stays closed to them.
    expect((await rt.call('GET', attendees(), { token: guest })).status).toBe(404);
    expect((await rt.call('GET', '/v1/orgs/org_00000000000000000000/me', { token: guest })).status).toBe(404);
  });
});

describe('parties over HTTP', () => {
  it('forms a party, hands over the lead, removes members and deletes it leaving its attendees', async () => {
    const [lead, kid, friend] = await Promise.all([
      newAttendee('Lead', 'lead@people.example'),
      newAttendee('Kid', 'kid@people.example'),
      newAttendee('Friend', 'friend@people.example'),
    ]);
    const created = await rt.call<Party>('POST', parties(), {
      token: owner,
      body: { name: 'Family', leaderId: lead.attendeeId, memberIds: [kid.attendeeId] },
    });
    expect(created.status, created.text).toBe(201);
    const party = created.json;
    expect(party).toMatchObject({ leaderId: lead.attendeeId, memberIds: [lead.attendeeId, kid.attendeeId] });
    expect(party).not.toHaveProperty('version');
    const path = `${parties()}/${party.partyId}`;

    const added = await rt.call<Party>('POST', `${path}/members`, {
      token: owner,
      body: { attendeeId: friend.attendeeId },
    });
    expect(added.json.memberIds).toContain(friend.attendeeId);
    const members = await rt.call<{ items: Attendee[] }>('GET', `${path}/members`, { token: owner });
    expect(members.json.items.map((a) => a.attendeeId)).toEqual([lead, kid, friend].map((a) => a.attendeeId));
    expect(members.json.items.every((a) => a.partyId === party.partyId)).toBe(true);

    const secondParty = await rt.call<{ code: string; detail: string }>('POST', parties(), {
      token: owner,
      body: { name: 'Elsewhere', leaderId: kid.attendeeId },
    });
    expect(secondParty.status).toBe(409);
    expect(secondParty.json.code).toBe('ALREADY_IN_PARTY');
    expect(secondParty.json.detail).toContain(party.partyId);

    const refused = await rt.call<{ code: string }>('DELETE', `${path}/members/${lead.attendeeId}`, {
      token: owner,
    });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('PARTY_LEADER_REQUIRED');
    const handed = await rt.call<Party>(
      'DELETE',
      `${path}/members/${lead.attendeeId}?newLeaderId=${kid.attendeeId}`,
      { token: owner },
    );
    expect(handed.status, handed.text).toBe(200);
    expect(handed.json).toMatchObject({
      leaderId: kid.attendeeId,
      memberIds: [kid.attendeeId, friend.attendeeId],
    });

    const renamed = await rt.call<Party>('PATCH', path, {
      token: owner,
      body: { name: 'Kids', leaderId: friend.attendeeId },
    });
    expect(renamed.json).toMatchObject({ name: 'Kids', leaderId: friend.attendeeId });
    const list = await rt.call<{ items: Party[] }>('GET', `${parties()}?limit=10`, { token: owner });
    expect(list.json.items).toContainEqual(renamed.json);

    expect((await rt.call('DELETE', path, { token: owner })).status).toBe(204);
    expect((await rt.call('GET', path, { token: owner })).status).toBe(404);
    for (const a of [lead, kid, friend]) {
      const res = await rt.call<Attendee>('GET', `${attendees()}/${a.attendeeId}`, { token: owner });
      expect(res.json.partyId).toBeNull();
    }
  });
});
