import {
  createOrganizer,
  createSelfBookers,
  createVenue,
  type EventPrice,
  type Organizer,
  type SelfBooker,
} from '../booking-load/catalog-fixture.js';
import type { ApiResponse } from '../local/api-client.js';
import { api } from '../local/api-client.js';
import type { LocalRuntime } from '../local/runtime.js';

/**
 * The soak's world, built through the public API before the load (not measured): one
 * organization, a few published events whose sessions are small enough to stay contended, and
 * signed-in users each with their own attendee record.
 */

export type WaitlistPolicy = 'fifo' | 'fit';

export interface SoakSession {
  sessionId: string;
  eventId: string;
  priced: boolean;
  policy: WaitlistPolicy;
}

export interface SoakWorld {
  organizer: Organizer;
  sessions: SoakSession[];
  users: SelfBooker[];
}

interface EventPlan {
  title: string;
  price: EventPrice;
  policy: WaitlistPolicy;
  sessions: number;
}

const paid: EventPrice = { kind: 'paid', amountMinor: 1500, currency: 'EUR' };

/** 20 sessions: most free; the priced ones hold their bookings (1 minute), which then expire. */
export const eventPlans: readonly EventPlan[] = [
  { title: 'Free FIFO A', price: { kind: 'free' }, policy: 'fifo', sessions: 6 },
  { title: 'Free fit', price: { kind: 'free' }, policy: 'fit', sessions: 6 },
  { title: 'Free FIFO B', price: { kind: 'free' }, policy: 'fifo', sessions: 4 },
  { title: 'Priced fit', price: paid, policy: 'fit', sessions: 2 },
  { title: 'Priced FIFO', price: paid, policy: 'fifo', sessions: 2 },
];

export const sessionCapacity = 30;
export const userCount = 300;

const expect = <T>(res: ApiResponse<T>, status: number, step: string): T => {
  if (res.status !== status)
    throw new Error(`${step}: expected HTTP ${status}, got ${res.status} ${res.text}`);
  return res.json;
};

/** Shortest hold and offer the API allows, so holds and offers expire while the load runs. */
const createEvent = async (
  { call, token, orgId }: Organizer,
  venueId: string,
  roomId: string,
  plan: EventPlan,
  day: number,
): Promise<SoakSession[]> => {
  const event = expect(
    await call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: {
        venueId,
        title: plan.title,
        defaultCapacity: sessionCapacity,
        price: plan.price,
        settings: { holdMinutes: 1, offerMinutes: 1, waitlistPolicy: plan.policy },
      },
    }),
    201,
    `create event ${plan.title}`,
  );
  const { sessions } = expect(
    await call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${event.eventId}/sessions`,
      {
        token,
        body: {
          // Far ahead: no cancel or offer cutoff applies during the run.
          startsAt: `2031-03-${String(day).padStart(2, '0')}T19:00`,
          roomId,
          capacity: sessionCapacity,
          recurrence: { frequency: 'weekly', count: plan.sessions },
          allowOverlap: true,
        },
      },
    ),
    201,
    `create sessions of ${plan.title}`,
  );
  expect(
    await call('POST', `/v1/orgs/${orgId}/events/${event.eventId}/status`, {
      token,
      body: { status: 'published' },
    }),
    200,
    `publish ${plan.title}`,
  );
  return sessions.map((s) => ({
    sessionId: s.sessionId,
    eventId: event.eventId,
    priced: plan.price.kind === 'paid',
    policy: plan.policy,
  }));
};

export const buildWorld = async (rt: LocalRuntime): Promise<SoakWorld> => {
  // Longer than any run: a token expiring mid-soak would turn into a wave of 401s.
  const ownerToken = await rt.mintToken({
    sub: 'soak-owner',
    email: 'owner@soak.example',
    name: 'Soak Owner',
    ttlSeconds: 24 * 3600,
  });
  const organizer = await createOrganizer(api(rt.url), ownerToken, 'Soak');
  const venue = await createVenue(organizer, 'Soak Hall');
  const roomId = venue.rooms[0]!.roomId;
  const sessions: SoakSession[] = [];
  for (const [i, plan] of eventPlans.entries()) {
    sessions.push(...(await createEvent(organizer, venue.venueId, roomId, plan, i + 1)));
  }
  const mint = (claims: { sub: string; email: string; name: string }) =>
    rt.mintToken({ ...claims, ttlSeconds: 24 * 3600 });
  const users = await createSelfBookers(organizer, mint, userCount, 'soak');
  return { organizer, sessions, users };
};
