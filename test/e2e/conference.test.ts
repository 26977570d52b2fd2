import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import type { Deletion } from '../../functions/modules/deletions/domain/model.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * An event's programme over HTTP: an organizer adds speakers and sponsors and builds the agenda of
 * three sessions in two rooms; a speaker given two overlapping sessions is refused; the public reads
 * the agenda (filtered) and the sponsors of the published event without fees, amounts or
 * contacts; a guest who booked and a speaker who is a user read their own sessions; the event's
 * deletion takes every conference item with it and leaves the audit trail.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Speaker {
  speakerId: string;
  status: string;
  fee?: unknown;
  travelNotes?: unknown;
}
interface AgendaItem {
  sessionId: string;
  title: string;
  status: string;
  day: string;
  roomId: string;
  speakers: { speakerId: string; name: string }[];
}
interface Problem {
  code: string;
  details?: Record<string, unknown>;
}

const world = async () => {
  const token = await rt.mintToken({ sub: 'conf-owner', email: 'owner@conference.example' });
  const { orgId } = ok(
    await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name: 'Conf' } }),
    201,
  );
  const venue = ok(
    await rt.call<{ venueId: string; rooms: { roomId: string; name: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/venues`,
      {
        token,
        body: {
          name: 'Centre',
          address: 'Street 1',
          city: 'Berlin',
          timezone: 'Europe/Berlin',
          rooms: [{ name: 'Main' }, { name: 'Annex' }],
        },
      },
    ),
    201,
  );
  const [main, annex] = venue.rooms.map((r) => r.roomId) as [string, string];
  const { eventId } = ok(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: { venueId: venue.venueId, title: 'DevConf', defaultCapacity: 20, defaultDurationMinutes: 60 },
    }),
    201,
  );
  const session = async (startsAt: string, roomId: string) =>
    ok(
      await rt.call<{ sessions: { sessionId: string }[] }>(
        'POST',
        `/v1/orgs/${orgId}/events/${eventId}/sessions`,
        {
          token,
          body: { startsAt, roomId },
        },
      ),
      201,
    ).sessions[0]!.sessionId;
  // s1 and s2 overlap (10:00-11:00 and 10:30-11:30, two rooms); s3 is the next day.
  const s1 = await session('2027-06-01T10:00', main);
  const s2 = await session('2027-06-01T10:30', annex);
  const s3 = await session('2027-06-02T10:00', main);
  return { token, orgId, eventId, main, annex, s1, s2, s3, base: `/v1/orgs/${orgId}/events/${eventId}` };
};

describe('conference programme over HTTP', () => {
  it('builds an agenda with speakers and sponsors, refuses a double-booked speaker, and shows the public what it may see', async () => {
    const w = await world();
    const call = <T>(method: string, path: string, body?: unknown) =>
      rt.call<T>(method, `${w.base}${path}`, { token: w.token, ...(body === undefined ? {} : { body }) });

    const ada = ok(
      await call<Speaker>('POST', '/speakers', {
        name: 'Ada Lovelace',
        userId: 'speaker-ada',
        bio: 'Wrote the first program.',
        expertise: ['engines'],
        fee: { amountMinor: 150000, currency: 'EUR' },
        travelNotes: 'Arrives by train',
      }),
      201,
    );
    expect(ada).toMatchObject({
      status: 'pending',
      fee: { amountMinor: 150000 },
      travelNotes: 'Arrives by train',
    });
    const bob = ok(await call<Speaker>('POST', '/speakers', { name: 'Bob Babbage' }), 201);
    ok(await call('PATCH', `/speakers/${ada.speakerId}`, { status: 'confirmed' }));
    // Confirmed -> pending is no move.
    const back = await call<Problem>('PATCH', `/speakers/${ada.speakerId}`, { status: 'pending' });
    expect(back.status, back.text).toBe(409);
    expect(back.json.code).toBe('INVALID_TRANSITION');

    const entry = (title: string, type: string, speakerIds: string[], tags: string[] = []) => ({
      title,
      type,
      speakerIds,
      tags,
    });
    ok(await call('PUT', `/agenda/${w.s1}`, entry('Opening', 'keynote', [ada.speakerId], ['opening'])));
    // Ada already speaks 10:00-11:00: the 10:30 workshop next door cannot have her.
    const clash = await call<Problem>(
      'PUT',
      `/agenda/${w.s2}`,
      entry('Engines', 'workshop', [ada.speakerId]),
    );
    expect(clash.status, clash.text).toBe(409);
    expect(clash.json).toMatchObject({
      code: 'SPEAKER_DOUBLE_BOOKED',
      details: { speakerId: ada.speakerId, sessionId: w.s1 },
    });
    ok(await call('PUT', `/agenda/${w.s2}`, entry('Engines', 'workshop', [bob.speakerId], ['hands-on'])));
    ok(await call('PUT', `/agenda/${w.s3}`, entry('Closing', 'panel', [ada.speakerId, bob.speakerId])));
    // A speaker of another event, or none at all, is a field error.
    const unknown = await call<{ errors: { field: string }[] }>(
      'PUT',
      `/agenda/${w.s3}`,
      entry('Closing', 'panel', ['spk_00000000000000000000']),
    );
    expect(unknown.status, unknown.text).toBe(422);
    expect(unknown.text).toContain('speakerIds.0');

    // Sponsors: one of each status; the public sees the confirmed ones, platinum first.
    const sponsor = async (companyName: string, tier: string, confirm: boolean) => {
      const s = ok(
        await call<{ sponsorId: string }>('POST', '/sponsors', {
          companyName,
          tier,
          contact: { email: `deals@${tier}.example` },
          amount: { amountMinor: 500000, currency: 'EUR' },
        }),
        201,
      );
      if (confirm) ok(await call('PATCH', `/sponsors/${s.sponsorId}`, { status: 'confirmed' }));
      return s.sponsorId;
    };
    await sponsor('Silverware', 'silver', true);
    await sponsor('Pending Gold', 'gold', false);
    await sponsor('Platinum Engines', 'platinum', true);

    // Not published yet: the public sees nothing.
    const publicBase = `/v1/public/orgs/${w.orgId}/events/${w.eventId}`;
    expect((await rt.call('GET', `${publicBase}/agenda`)).status).toBe(404);
    expect((await rt.call('GET', `${publicBase}/sponsors`)).status).toBe(404);
    ok(
      await rt.call('POST', `/v1/orgs/${w.orgId}/events/${w.eventId}/status`, {
        token: w.token,
        body: { status: 'published' },
      }),
    );

    const agenda = ok(await rt.call<{ items: AgendaItem[] }>('GET', `${publicBase}/agenda`));
    expect(agenda.items.map((i) => [i.sessionId, i.title, i.day])).toEqual([
      [w.s1, 'Opening', '2027-06-01'],
      [w.s2, 'Engines', '2027-06-01'],
      [w.s3, 'Closing', '2027-06-02'],
    ]);
    // Bob is still pending: the public agenda names confirmed speakers only.
    expect(agenda.items.map((i) => i.speakers.map((s) => s.name))).toEqual([
      ['Ada Lovelace'],
      [],
      ['Ada Lovelace'],
    ]);
    const publicSponsors = await rt.call<{ items: { companyName: string }[] }>(
      'GET',
      `${publicBase}/sponsors`,
    );
    expect(ok(publicSponsors).items.map((s) => s.companyName)).toEqual(['Platinum Engines', 'Silverware']);
    for (const text of [JSON.stringify(agenda), publicSponsors.text]) {
      for (const secret of [
        '150000',
        'Arrives by train',
        'deals@',
        '500000',
        'speaker-ada',
        'fee',
        'contact',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    const filtered = async (query: string) =>
      ok(await rt.call<{ items: AgendaItem[] }>('GET', `${publicBase}/agenda?${query}`)).items.map(
        (i) => i.sessionId,
      );
    expect(await filtered('day=2027-06-02')).toEqual([w.s3]);
    expect(await filtered(`roomId=${w.annex}`)).toEqual([w.s2]);
    expect(await filtered('type=keynote')).toEqual([w.s1]);
    expect(await filtered(`speakerId=${ada.speakerId}`)).toEqual([w.s1, w.s3]);
    expect(await filtered('tag=hands-on')).toEqual([w.s2]);
    const badDay = await rt.call<{ errors: { field: string }[] }>('GET', `${publicBase}/agenda?day=June`);
    expect(badDay.status).toBe(422);
    expect(badDay.text).toContain('query.day');

    // Live, then completed; completed is final.
    ok(await call('POST', `/agenda/${w.s1}/status`, { status: 'live' }));
    ok(await call('POST', `/agenda/${w.s1}/status`, { status: 'completed' }));
    const again = await call<Problem>('POST', `/agenda/${w.s1}/status`, { status: 'live' });
    expect(again.status, again.text).toBe(409);
    expect(again.json.code).toBe('INVALID_TRANSITION');

    // A member who does not manage speakers sees them without fee or travel notes.
    const viewerToken = await rt.mintToken({ sub: 'conf-viewer', email: 'viewer@conference.example' });
    const invite = ok(
      await rt.call<{ token: string }>('POST', `/v1/orgs/${w.orgId}/invites`, {
        token: w.token,
        body: { email: 'viewer@conference.example', role: 'viewer' },
      }),
      201,
    );
    ok(
      await rt.call('POST', '/v1/invites/accept', { token: viewerToken, body: { token: invite.token } }),
      201,
    );
    const seen = ok(
      await rt.call<{ items: Speaker[] }>('GET', `${w.base}/speakers`, { token: viewerToken }),
    ).items.find((s) => s.speakerId === ada.speakerId);
    expect(seen).toBeDefined();
    expect(seen).not.toHaveProperty('fee');
    expect(seen).not.toHaveProperty('travelNotes');
    const refused = await rt.call('POST', `${w.base}/speakers`, {
      token: viewerToken,
      body: { name: 'Eve' },
    });
    expect(refused.status).toBe(403);

    // "My sessions": a guest who booked s2, and Ada, who signs in as the speaker's user.
    const guest = await rt.mintToken({ sub: 'conf-guest', email: 'guest@conference.example' });
    const me = ok(
      await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${w.orgId}/me`, {
        token: guest,
        body: { firstName: 'Grace', lastName: 'Guest' },
      }),
    );
    const booking = ok(
      await rt.call<{ bookingId: string }>('POST', `/v1/orgs/${w.orgId}/sessions/${w.s2}/bookings`, {
        token: guest,
        body: { attendeeId: me.attendeeId },
      }),
      201,
    );
    const mine = (token: string) =>
      rt.call<{ booked: AgendaItem[]; speaking: AgendaItem[] }>(
        'GET',
        `/v1/orgs/${w.orgId}/me/events/${w.eventId}/agenda`,
        {
          token,
        },
      );
    const guestAgenda = ok(await mine(guest));
    expect(guestAgenda.booked.map((i) => i.sessionId)).toEqual([w.s2]);
    expect(guestAgenda.speaking).toEqual([]);
    const adaAgenda = ok(
      await mine(await rt.mintToken({ sub: 'speaker-ada', email: 'ada@conference.example' })),
    );
    expect(adaAgenda.speaking.map((i) => i.sessionId)).toEqual([w.s1, w.s3]);
    expect(adaAgenda.booked).toEqual([]);

    // A cancelled session shows as cancelled.
    ok(
      await rt.call('POST', `/v1/orgs/${w.orgId}/sessions/${w.s3}/cancel`, {
        token: w.token,
        body: { reason: 'Storm' },
      }),
    );
    const afterCancel = ok(
      await rt.call<{ items: AgendaItem[] }>('GET', `${w.base}/agenda`, { token: w.token }),
    );
    expect(afterCancel.items.find((i) => i.sessionId === w.s3)?.status).toBe('cancelled');

    // The event's deletion takes its speakers, sponsors and agenda with it; the trail stays.
    ok(
      await rt.call('POST', `/v1/orgs/${w.orgId}/sessions/${w.s2}/bookings/${booking.bookingId}/cancel`, {
        token: w.token,
      }),
    );
    ok(await rt.call('DELETE', w.base, { token: w.token }), 202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const d = ok(
        await rt.call<Deletion>('GET', `/v1/orgs/${w.orgId}/deletions/${w.eventId}`, { token: w.token }),
      );
      if (d.status === 'completed') break;
      if (Date.now() > deadline) throw new Error('the event deletion did not complete');
      await new Promise((r) => setTimeout(r, 200));
    }
    const client = createDocumentClient({ region: 'us-east-1', endpoint: rt.runtime.dynamoEndpoint });
    try {
      const items = (await client.send(new ScanCommand({ TableName: rt.runtime.tableName }))).Items ?? [];
      expect(items.filter((i) => String(i.pk).startsWith(`${w.orgId}#conference#`))).toEqual([]);
      const trail = items.filter((i) => String(i.pk).startsWith(`${w.orgId}#audit#target#speaker#`));
      expect(trail.length).toBeGreaterThan(0);
    } finally {
      client.destroy();
    }
  }, 120_000);
});
