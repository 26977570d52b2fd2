import { expect } from 'vitest';
import type { TestRuntime } from '../support/local-runtime.js';

/**
 * What most HTTP scenarios start from, made through the API as an organizer would: a new
 * organization of `ownerToken`, a Berlin venue with one room, an event (published) and one session.
 */

export interface SessionWorld {
  orgId: string;
  venueId: string;
  roomId: string;
  eventId: string;
  sessionId: string;
}

export interface SessionWorldInput {
  orgName: string;
  /** The event body besides `venueId` (title, capacity, price, settings). */
  event: Record<string, unknown>;
  /** The session body besides `roomId` (startsAt, seating). */
  session: Record<string, unknown>;
}

const created = <T>(res: { status: number; text: string; json: T }): T => {
  expect(res.status, res.text).toBe(201);
  return res.json;
};

export const publishedSession = async (
  rt: TestRuntime,
  ownerToken: string,
  input: SessionWorldInput,
): Promise<SessionWorld> => {
  const token = ownerToken;
  const { orgId } = created(
    await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name: input.orgName } }),
  );
  const venue = created(
    await rt.call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
      token,
      body: {
        name: 'Hall',
        address: 'Street 1',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        rooms: [{ name: 'Main' }],
      },
    }),
  );
  const roomId = venue.rooms[0]?.roomId ?? '';
  const { eventId } = created(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: { venueId: venue.venueId, ...input.event },
    }),
  );
  const published = await rt.call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
    token,
    body: { status: 'published' },
  });
  expect(published.status, published.text).toBe(200);
  const { sessions } = created(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
      {
        token,
        body: { roomId, ...input.session },
      },
    ),
  );
  return { orgId, venueId: venue.venueId, roomId, eventId, sessionId: sessions[0]?.sessionId ?? '' };
};

/** `minutes` from now as a Berlin wall-clock time (the venue's zone), e.g. 2026-12-03T16:05. */
export const berlinIn = (minutes: number): string => {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
};
