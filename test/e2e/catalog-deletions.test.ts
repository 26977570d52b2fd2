import { describe, expect, it } from 'vitest';
import type { Deletion } from '../../functions/modules/deletions/domain/model.js';
import { useLocalRuntime } from '../support/local-runtime.js';

/**
 * A venue deleted over HTTP: 202 at once, the venue refuses changes while the cascade runs on the
 * local jobs queue, and the deletion's progress is visible until it completes.
 */

const rt = useLocalRuntime();

/** The job runs behind the jobs queue: on a loaded run it may take most of a minute. */
const waitForCompletion = async (path: string, token: string): Promise<Deletion> => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await rt.call<Deletion>('GET', path, { token });
    expect(res.status).toBe(200);
    if (res.json.status === 'completed') return res.json;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${path} did not complete`);
};

describe('cascade deletes over HTTP', () => {
  it('deletes a venue with its event and sessions in the background and reports the progress', async () => {
    const token = await rt.mintToken({ sub: 'deleter', email: 'deleter@e2e.example' });
    const staff = await rt.mintToken({ sub: 'door-staff', email: 'door@e2e.example' });
    const org = await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name: 'Deletions' } });
    const { orgId } = org.json;
    const invite = await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
      token,
      body: { email: 'door@e2e.example', role: 'staff' },
    });
    await rt.call('POST', '/v1/invites/accept', { token: staff, body: { token: invite.json.token } });

    const venue = await rt.call<{ venueId: string; rooms: { roomId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/venues`,
      {
        token,
        body: {
          name: 'Old Hall',
          address: 'Am Ufer 1',
          city: 'Berlin',
          timezone: 'Europe/Berlin',
          rooms: [{ name: 'Main', capacity: 50 }],
        },
      },
    );
    const { venueId } = venue.json;
    const event = await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: { venueId, title: 'Farewell', defaultCapacity: 50 },
    });
    const sessions = await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${event.json.eventId}/sessions`,
      {
        token,
        body: {
          startsAt: '2027-06-01T19:00',
          roomId: venue.json.rooms[0]!.roomId,
          recurrence: { frequency: 'weekly', count: 4 },
        },
      },
    );
    expect(sessions.status).toBe(201);

    const deleted = await rt.call<Deletion>('DELETE', `/v1/orgs/${orgId}/venues/${venueId}`, { token });
    expect(deleted.status).toBe(202);
    expect(deleted.json).toMatchObject({ kind: 'venue', targetId: venueId });

    const path = `/v1/orgs/${orgId}/deletions/${venueId}`;
    expect((await rt.call('GET', path, { token: staff })).status).toBe(403);
    const done = await waitForCompletion(path, token);
    expect(done.deletedItems).toBeGreaterThanOrEqual(4 + 1 + 1);

    expect((await rt.call('GET', `/v1/orgs/${orgId}/venues/${venueId}`, { token })).status).toBe(404);
    expect((await rt.call('GET', `/v1/orgs/${orgId}/events/${event.json.eventId}`, { token })).status).toBe(
      404,
    );
    for (const { sessionId } of sessions.json.sessions) {
      expect((await rt.call('GET', `/v1/orgs/${orgId}/sessions/${sessionId}`, { token })).status).toBe(404);
    }
    const unknown = await rt.call('GET', `/v1/orgs/${orgId}/deletions/ven_00000000000000000000`, { token });
    expect(unknown.status).toBe(404);
  }, 90_000);
});
