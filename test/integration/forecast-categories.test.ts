import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { readSessionForecast } from '../../functions/modules/forecasts/domain/forecast-read.js';
import type { SessionForecast } from '../../functions/modules/forecasts/index.js';
import { createAttendee } from '../../functions/modules/people/domain/attendees.js';
import { createCategory } from '../../functions/modules/pricing/domain/categories.js';
import { bookingWorld, owner, publishedEventAt } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * A session forecast read by organizers carries, for an event that sells ticket categories, the
 * fill forecast shared out over them on the session's live counters.
 */
describe('the forecast of a session in ticket categories', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;

  const interval = (value: number, low: number, high: number) => ({ value, low, high });
  const forecast: SessionForecast = {
    modelVersion: 'shrinkage-v1',
    generatedAt: '2029-12-01T02:00:00.000Z',
    figures: {
      fillRate: interval(0.8, 0.5, 1),
      noShowRate: interval(0.1, 0.05, 0.2),
      waitlistConversion: interval(0.5, 0.3, 0.7),
      waitMinutesPerPosition: interval(30, 10, 60),
    },
    basis: {
      fillRate: { level: 'event', sessions: 12 },
      noShowRate: { level: 'event', sessions: 12 },
      waitlistConversion: { level: 'venue', sessions: 30 },
      waitMinutesPerPosition: { level: 'venue', sessions: 30 },
    },
    waitlist: { expectedOffers: 2, offerAcceptance: 0.5 },
  };

  beforeAll(async () => {
    c = await freshContainer();
    w = await bookingWorld(c);
  });

  it('shares the expected fill over the categories by the sales so far, and says which may sell out', async () => {
    const venueId = (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId;
    const eventId = await publishedEventAt(c, w.orgId, venueId);
    const category = (name: string, quota: number | null) =>
      createCategory(c.deps, owner, w.orgId, eventId, { name, priceMinor: 0, currency: 'EUR', quota });
    const vip = await category('VIP', 2);
    const std = await category('Standard', null);
    const s = await w.session(eventId, 'general', 10);
    for (const cat of [vip, std]) {
      const attendee = await createAttendee(c.deps, owner, w.orgId, {
        firstName: cat.name,
        lastName: 'F',
        email: `${cat.categoryId}@forecast.example`,
      });
      await book(c.deps, owner, w.orgId, s.sessionId, {
        attendeeId: attendee.attendeeId,
        tickets: [{ categoryId: cat.categoryId, seats: 1 }],
      });
    }
    await c.deps.forecasts.putForecast(w.orgId, s.sessionId, { night: '2029-12-01', forecast });

    const view = await readSessionForecast(c.deps, owner, { orgId: w.orgId, sessionId: s.sessionId });
    // 8 places expected of 10, 2 live (1:1): 6 more, 3 each; VIP is capped at its quota of 2.
    expect(view.categories).toEqual([
      {
        categoryId: vip.categoryId,
        name: 'VIP',
        quota: 2,
        taken: 1,
        expectedPlaces: { value: 2, low: 2, high: 2 },
        sellOut: 'likely',
      },
      {
        categoryId: std.categoryId,
        name: 'Standard',
        quota: null,
        taken: 1,
        expectedPlaces: { value: 4, low: 3, high: 5 },
        sellOut: null,
      },
    ]);
    expect(view.forecast).toEqual(forecast);
  });

  it('has no categories for an event that sells none', async () => {
    const s = await w.session(w.freeEventId, 'general', 10);
    await c.deps.forecasts.putForecast(w.orgId, s.sessionId, { night: '2029-12-01', forecast });
    const view = await readSessionForecast(c.deps, owner, { orgId: w.orgId, sessionId: s.sessionId });
    expect(view.categories).toEqual([]);
  });
});
