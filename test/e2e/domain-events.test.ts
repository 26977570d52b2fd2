import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import { domainEventSchema } from '../../functions/modules/notifications/contracts/domain-events.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * The local runtime's event bus: a booking made over HTTP is published (by the stream relay, after
 * its commit) to the local bus, which `GET /local/events` lists as EventBridge carries it (source
 * `evently`, detail type, detail: the event), matching its documented schema.
 */

const rt = useLocalRuntime();

interface Published {
  source: string;
  detailType: string;
  detail: DomainEvent;
}

describe('the local event bus', () => {
  it('lists a booking confirmed over HTTP, as its schema documents it', async () => {
    const owner = await rt.mintToken({ sub: 'events-owner', email: 'owner@events.example', name: 'Owner' });
    const { orgId, sessionId } = await publishedSession(rt, owner, {
      orgName: 'Events',
      event: { title: 'Published', defaultCapacity: 10 },
      session: { startsAt: berlinIn(30) },
    });
    const attendee = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token: owner,
      body: { firstName: 'Eve', lastName: 'Guest', email: 'eve@events.example' },
    });
    expect(attendee.status, attendee.text).toBe(201);
    const booking = await rt.call<{ bookingId: string; status: string }>(
      'POST',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
      { token: owner, body: { attendeeId: attendee.json.attendeeId, seats: 2 } },
    );
    expect(booking.json.status, booking.text).toBe('confirmed');

    const id = `event#booking.confirmed#${booking.json.bookingId}#confirmed`;
    const deadline = Date.now() + 10_000;
    let found: Published[] = [];
    while (found.length === 0 && Date.now() < deadline) {
      const log = await rt.call<{ items: Published[] }>('GET', '/local/events?limit=1000');
      expect(log.status).toBe(200);
      found = log.json.items.filter((e) => e.detail.id === id);
      if (found.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ source: 'evently', detailType: 'booking.confirmed' });
    expect(domainEventSchema('booking.confirmed').parse(found[0]?.detail)).toMatchObject({
      orgId,
      subject: { type: 'booking', id: booking.json.bookingId },
      data: { sessionId, seats: 2, holder: { type: 'attendee', id: attendee.json.attendeeId } },
    });
    // Nothing personal in it.
    expect(JSON.stringify(found[0])).not.toMatch(/Eve|@events\.example/);
  });
});
