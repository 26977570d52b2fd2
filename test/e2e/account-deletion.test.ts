import { beforeAll, describe, expect, it } from 'vitest';
import { scanTable } from '../../scripts/invariants/scan.js';
import { eventually } from '../support/eventually.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Profiles, attendee linking and account deletion over HTTP against the local runtime
 * (docs/profiles.md): a first booking makes the attendee record from the profile; a record staff
 * made is linked by a verified email or phone and never by an unverified one; a deleted account
 * leaves none of its name, phone or email in any item of the table.
 */

const rt = useLocalRuntime();

interface Attendee {
  attendeeId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  userId: string | null;
}

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

let owner: string;
let orgId: string;
let sessionId: string;
const bookings = () => `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`;
const staffAttendee = async (body: Record<string, string>) =>
  ok(await rt.call<Attendee>('POST', `/v1/orgs/${orgId}/attendees`, { token: owner, body }), 201);

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'ad-owner', email: 'owner@ad.example' });
  ({ orgId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Erasure',
    event: { title: 'Picnic', defaultCapacity: 20, price: { kind: 'free' } },
    session: { startsAt: '2031-08-01T12:00' },
  }));
});

describe('attendee linking', () => {
  it('links a staff record by a verified email or phone, never by an unverified one', async () => {
    const byEmail = await staffAttendee({ firstName: 'Lin', lastName: 'Kemail', email: 'lin@ad.example' });
    const byPhone = await staffAttendee({ firstName: 'Pho', lastName: 'Ne', phone: '+15550102020' });
    const me = `/v1/orgs/${orgId}/me`;
    const body = { firstName: 'Someone', lastName: 'Else' };

    // An unverified email or phone proves nothing: the caller gets a record of their own.
    const unverified = await rt.mintToken({
      sub: 'ad-unverified',
      email: 'lin@ad.example',
      emailVerified: false,
      phone: '+15550102020',
      phoneVerified: false,
    });
    const own = ok(await rt.call<Attendee>('POST', me, { token: unverified, body }));
    expect(own.attendeeId).not.toBe(byEmail.attendeeId);
    expect(own.attendeeId).not.toBe(byPhone.attendeeId);
    expect(own).toMatchObject({ email: null, phone: null, userId: 'ad-unverified' });

    const lin = await rt.mintToken({ sub: 'ad-lin', email: 'LIN@ad.example' });
    const linked = ok(await rt.call<Attendee>('POST', me, { token: lin, body }));
    expect(linked).toMatchObject({ attendeeId: byEmail.attendeeId, firstName: 'Lin', userId: 'ad-lin' });
    // Linked once, it is that user's: the same verified email in another token is refused.
    const lookalike = await rt.mintToken({ sub: 'ad-lookalike', email: 'lin@ad.example' });
    const refused = await rt.call('POST', me, { token: lookalike, body });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.text).not.toContain(byEmail.attendeeId);

    const pho = await rt.mintToken({ sub: 'ad-pho', email: 'pho@ad.example', phone: '+15550102020' });
    const byVerifiedPhone = ok(await rt.call<Attendee>('POST', me, { token: pho, body }));
    expect(byVerifiedPhone).toMatchObject({ attendeeId: byPhone.attendeeId, userId: 'ad-pho' });
  });

  it("makes the caller's record from their profile on a first booking naming nobody", async () => {
    const newcomer = await rt.mintToken({ sub: 'ad-new', email: 'new@ad.example' });
    // No record and no profile: refused as before, on the holder.
    expect((await rt.call('POST', bookings(), { token: newcomer, body: {} })).status).toBe(422);
    ok(await rt.call('PUT', '/v1/me/profile', { token: newcomer, body: { displayName: 'Nova Comer' } }));
    const booking = ok(
      await rt.call<{ attendeeId: string; userId: string }>('POST', bookings(), {
        token: newcomer,
        body: {},
      }),
      201,
    );
    const mine = ok(await rt.call<Attendee>('GET', `/v1/orgs/${orgId}/me`, { token: newcomer }));
    expect(mine).toMatchObject({ firstName: 'Nova', lastName: 'Comer', email: 'new@ad.example' });
    expect(booking).toMatchObject({ attendeeId: mine.attendeeId, userId: 'ad-new' });
  });
});

/** Every item of the table as text, but the local stand-in's log of what SES and SNS were sent. */
const tableText = async (): Promise<string[]> => {
  const items = await scanTable({ tableName: rt.runtime.tableName, endpoint: rt.runtime.dynamoEndpoint });
  // The delivery log is the provider's record of messages sent before the deletion, not the app's data.
  return items.filter((i) => i.__edb_e__ !== 'localDelivery').map((i) => JSON.stringify(i));
};

describe('account deletion', () => {
  it('refuses the only owner of an organization, naming it', async () => {
    const res = await rt.call<{ code: string; details: { orgIds: string[] } }>('DELETE', '/v1/me', {
      token: owner,
      body: { confirm: 'DELETE' },
    });
    expect(res.status, res.text).toBe(409);
    expect(res.json).toMatchObject({ code: 'LAST_OWNER', details: { orgIds: [orgId] } });
  });

  it("leaves none of the user's name, phone or email in any item; bookings keep their counts", async () => {
    const [first, last, email, phone] = ['Zelphine', 'Quaxley', 'zelphine@ad.example', '+15550109999'];
    const zed = await rt.mintToken({ sub: 'ad-zed', email, phone, name: `${first} ${last}` });
    ok(
      await rt.call('PUT', '/v1/me/profile', {
        token: zed,
        body: {
          displayName: `${first} ${last}`,
          city: 'Porto',
          birthDate: '1994-02-03',
          bio: `I am ${first}`,
        },
      }),
    );
    const bytes = Buffer.from('zelphine picture');
    const started = ok(
      await rt.call<{ picture: { pictureId: string }; upload: { url: string } }>(
        'POST',
        '/v1/me/profile/pictures',
        {
          token: zed,
          body: { contentType: 'image/png', sizeBytes: bytes.length },
        },
      ),
      201,
    );
    const put = await fetch(started.upload.url, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: bytes,
    });
    expect(put.ok).toBe(true);
    ok(
      await rt.call('POST', `/v1/me/profile/pictures/${started.picture.pictureId}/complete`, { token: zed }),
    );
    const attendee = ok(
      await rt.call<Attendee>('POST', `/v1/orgs/${orgId}/me`, {
        token: zed,
        body: { firstName: first, lastName: last },
      }),
    );
    expect(attendee).toMatchObject({ email, phone, userId: 'ad-zed' });
    ok(
      await rt.call('PUT', `/v1/orgs/${orgId}/me/notification-preferences`, {
        token: zed,
        body: { channels: ['email', 'sms', 'push', 'in_app'] },
      }),
    );
    const booking = ok(
      await rt.call<{ bookingId: string; status: string }>('POST', bookings(), {
        token: zed,
        body: { attendeeId: attendee.attendeeId, seats: 2 },
      }),
      201,
    );
    ok(
      await rt.call('POST', '/v1/me/devices', {
        token: zed,
        body: { platform: 'apns', token: 'cd34'.repeat(16) },
      }),
      201,
    );
    // An organization's invite to their email, accepted; in an event by approval, a join request
    // in their own words (declined with the host's) and direct invites by their email and phone.
    const orgInvite = ok(
      await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
        token: owner,
        body: { email, role: 'viewer' },
      }),
      201,
    );
    ok(await rt.call('POST', '/v1/invites/accept', { token: zed, body: { token: orgInvite.token } }), 201);
    const message = 'Bringing my accordion, Quaxley style';
    const other = await publishedSession(rt, owner, {
      orgName: 'Erasure by approval',
      event: { title: 'Supper', admission: 'approval', defaultCapacity: 10, price: { kind: 'free' } },
      session: { startsAt: '2031-09-01T19:00' },
    });
    const requests = `/v1/orgs/${other.orgId}/sessions/${other.sessionId}/requests`;
    ok(
      await rt.call('POST', `/v1/orgs/${other.orgId}/me`, {
        token: zed,
        body: { firstName: first, lastName: last },
      }),
    );
    const request = ok(
      await rt.call<{ requestId: string }>('POST', requests, { token: zed, body: { partySize: 1, message } }),
      201,
    );
    ok(
      await rt.call('POST', `${requests}/${request.requestId}/decline`, {
        token: owner,
        body: { message: `Sorry ${first}, full` },
      }),
    );
    for (const to of [{ email }, { phone }]) {
      const invite = ok(
        await rt.call<{ attendeeId: string | null }>(
          'POST',
          `/v1/orgs/${other.orgId}/events/${other.eventId}/invites`,
          {
            token: owner,
            body: { kind: 'direct', ...to },
          },
        ),
        201,
      );
      expect(invite.attendeeId).not.toBeNull();
    }
    const [interest] = ok(
      await rt.call<{ items: { interestId: string }[] }>('GET', '/v1/interests', { token: zed }),
    ).items;
    ok(
      await rt.call('PUT', '/v1/me/interests', { token: zed, body: { interestIds: [interest!.interestId] } }),
    );
    // Another user may see the profile, as its settings allow (city for everyone, never the birth date).
    const seen = ok(
      await rt.call<Record<string, unknown>>('GET', '/v1/users/ad-zed/profile', { token: owner }),
    );
    expect(seen).toMatchObject({ displayName: `${first} ${last}`, city: 'Porto', age: null });
    expect(JSON.stringify(seen)).not.toContain('1994');
    expect((await tableText()).some((t) => t.includes(email))).toBe(true);

    expect((await rt.call('DELETE', '/v1/me', { token: zed, body: {} })).status).toBe(422);
    const started2 = ok(await rt.call('DELETE', '/v1/me', { token: zed, body: { confirm: 'DELETE' } }), 202);
    expect(started2).toEqual({ status: 'erasing' });

    const gone = await eventually(
      () => rt.call('GET', '/v1/me/profile', { token: zed }),
      (res) => res.status === 404,
      20_000,
    );
    expect(gone.status).toBe(404);
    const left = (await tableText()).filter((t) =>
      [first, last, email, phone, message].some((v) => t.includes(v)),
    );
    expect(left).toEqual([]);
    expect(ok(await rt.call<{ items: unknown[] }>('GET', '/v1/me/devices', { token: zed })).items).toEqual(
      [],
    );
    expect(
      ok(await rt.call<{ interestIds: string[] }>('GET', '/v1/me/interests', { token: zed })),
    ).toMatchObject({
      interestIds: [],
    });

    const anonymized = ok(
      await rt.call<Attendee>('GET', `/v1/orgs/${orgId}/attendees/${attendee.attendeeId}`, { token: owner }),
    );
    expect(anonymized).toMatchObject({
      firstName: 'Deleted',
      lastName: 'Deleted',
      email: null,
      phone: null,
      userId: null,
    });
    const kept = ok(
      await rt.call<{ status: string; seats: number }>('GET', `${bookings()}/${booking.bookingId}`, {
        token: owner,
      }),
    );
    expect(kept).toMatchObject({ status: booking.status, seats: 2 });
    expect((await rt.call('GET', `/v1/orgs/${orgId}/me`, { token: zed })).status).toBe(404);
  }, 60_000);
});
