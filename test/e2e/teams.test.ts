import { describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * Per-event teams over HTTP: a viewer of the organization placed on one event's team with
 * `manage_sessions` builds that event's agenda and nothing of another event's; a team member who
 * manages the event gives no more than their own place holds; taken off the team, they are refused.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

describe('event teams over HTTP', () => {
  it('opens an event to its team alone, with the permissions each place holds', async () => {
    const owner = await rt.mintToken({ sub: 'team-owner', email: 'owner@teams.example' });
    const { orgId } = ok(
      await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token: owner, body: { name: 'Teams' } }),
      201,
    );
    const member = async (sub: string, role: string) => {
      const token = await rt.mintToken({ sub, email: `${sub}@teams.example` });
      const invite = ok(
        await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
          token: owner,
          body: { email: `${sub}@teams.example`, role },
        }),
        201,
      );
      ok(await rt.call('POST', '/v1/invites/accept', { token, body: { token: invite.token } }), 201);
      return token;
    };
    const vera = await member('vera', 'viewer');
    const lead = await member('lead', 'viewer');
    const venue = ok(
      await rt.call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
        token: owner,
        body: {
          name: 'Hall',
          address: 'Street 1',
          city: 'Berlin',
          timezone: 'Europe/Berlin',
          rooms: [{ name: 'Main' }],
        },
      }),
      201,
    );
    const eventWithSession = async (title: string, startsAt: string) => {
      const { eventId } = ok(
        await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
          token: owner,
          body: { venueId: venue.venueId, title, defaultCapacity: 10 },
        }),
        201,
      );
      const { sessions } = ok(
        await rt.call<{ sessions: { sessionId: string }[] }>(
          'POST',
          `/v1/orgs/${orgId}/events/${eventId}/sessions`,
          {
            token: owner,
            body: { startsAt, roomId: venue.rooms[0]!.roomId },
          },
        ),
        201,
      );
      return { eventId, sessionId: sessions[0]!.sessionId };
    };
    const a = await eventWithSession('Event A', '2027-07-01T10:00');
    const b = await eventWithSession('Event B', '2027-07-02T10:00');
    const agenda = (token: string, e: { eventId: string; sessionId: string }) =>
      rt.call('PUT', `/v1/orgs/${orgId}/events/${e.eventId}/agenda/${e.sessionId}`, {
        token,
        body: { title: 'Talk', type: 'talk' },
      });
    const place = (token: string, eventId: string, userId: string, body: Record<string, unknown>) =>
      rt.call<{ permissions: string[] }>('PUT', `/v1/orgs/${orgId}/events/${eventId}/team/${userId}`, {
        token,
        body,
      });

    // A viewer alone may not build an agenda.
    expect((await agenda(vera, a)).status).toBe(403);
    ok(await place(owner, a.eventId, 'vera', { role: 'speaker_liaison' }));
    ok(await agenda(vera, a));
    // Event B is not hers.
    expect((await agenda(vera, b)).status).toBe(403);
    // Her place does not hold manage_event: the team is not hers to change.
    expect((await place(vera, a.eventId, 'lead', { role: 'volunteer' })).status).toBe(403);

    // A lead who manages event A gives no more than their own place holds.
    ok(
      await place(owner, a.eventId, 'lead', {
        role: 'coordinator',
        permissions: ['manage_event', 'manage_attendees'],
      }),
    );
    const beyond = await place(lead, a.eventId, 'vera', {
      role: 'coordinator',
      permissions: ['manage_sessions'],
    });
    expect(beyond.status, beyond.text).toBe(403);
    expect(ok(await place(lead, a.eventId, 'vera', { role: 'volunteer' })).permissions).toEqual([
      'manage_attendees',
    ]);
    // Now a volunteer, Vera may no longer build the agenda.
    expect((await agenda(vera, a)).status).toBe(403);

    const team = ok(
      await rt.call<{ items: { userId: string; role: string }[] }>(
        'GET',
        `/v1/orgs/${orgId}/events/${a.eventId}/team`,
        {
          token: vera,
        },
      ),
    );
    expect(team.items.map((p) => [p.userId, p.role]).sort()).toEqual([
      ['lead', 'coordinator'],
      ['vera', 'volunteer'],
    ]);
    // Only active members of the organization join a team.
    const stranger = await place(owner, a.eventId, 'nobody', { role: 'volunteer' });
    expect(stranger.status).toBe(422);
    expect(stranger.text).toContain('userId');

    ok(await rt.call('DELETE', `/v1/orgs/${orgId}/events/${a.eventId}/team/lead`, { token: owner }), 204);
    expect((await place(lead, a.eventId, 'vera', { role: 'volunteer' })).status).toBe(403);
    expect(
      (await rt.call('DELETE', `/v1/orgs/${orgId}/events/${a.eventId}/team/lead`, { token: owner })).status,
    ).toBe(404);
  }, 60_000);
});
