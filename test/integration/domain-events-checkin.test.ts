import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { readEnv } from '../../functions/kernel/env.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { localEventLog } from '../../functions/modules/notifications/adapters/local-event-bus.js';
import { domainEventSchema } from '../../functions/modules/notifications/contracts/domain-events.js';
import {
  defaultOutboxSweepOptions,
  sweepOutbox,
} from '../../functions/modules/notifications/domain/outbox-relay.js';
import { scanTicket } from '../../functions/modules/tickets/domain/checkin.js';
import { bookingTickets } from '../../functions/modules/tickets/domain/tickets.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import { ada, bookingWorld, door, manualClock, refOf } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * `ticket.checked_in` from an admitting scan, published by the outbox relay to the local bus and
 * matching its schema; a scan that admits nothing (already in, an exit) publishes nothing.
 */

let c: Container & { tableName: string };
let w: Awaited<ReturnType<typeof bookingWorld>>;

beforeAll(async () => {
  const { env } = await localTicketKey({ inMemory: true });
  c = await freshContainer(env);
  w = await bookingWorld(c);
}, 60_000);

describe('ticket.checked_in', () => {
  it('an admitting scan publishes it once; a repeat and an exit publish nothing', async () => {
    const s = await w.session(w.freeEventId, 'general', 4);
    const b = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 1 });
    const [ticket] = await bookingTickets(c.deps, ada, refOf(b));
    const doorsOpen = new Date(Date.parse(s.startsAt) - 30 * 60_000);
    manualClock(c.deps, doorsOpen);
    const scan = (nonce: string, direction: 'entry' | 'exit') =>
      scanTicket(c.deps, door, w.orgId, {
        sessionId: s.sessionId,
        method: 'qr',
        direction,
        gate: 'North',
        nonce,
        code: ticket?.code ?? '',
      });
    expect(await scan('events-n-000001', 'entry')).toMatchObject({ outcome: 'admitted' });
    expect(await scan('events-n-000002', 'entry')).toMatchObject({ outcome: 'already_in' });
    expect(await scan('events-n-000003', 'exit')).toMatchObject({ outcome: 'exited' });

    await sweepOutbox(c.deps, new Date(doorsOpen.getTime() + 60_000), {
      ...defaultOutboxSweepOptions,
      graceMs: 0,
    });
    const env = readEnv();
    const log = localEventLog(
      createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT }),
      c.tableName,
    );
    const checkedIn = (await log.list(10_000))
      .map((e) => e.detail)
      .filter((e) => e.type === 'ticket.checked_in' && e.subject.id === ticket?.ticketId);
    expect(checkedIn).toHaveLength(1);
    expect(domainEventSchema('ticket.checked_in').parse(checkedIn[0])).toMatchObject({
      orgId: w.orgId,
      subject: { type: 'ticket', id: ticket?.ticketId },
      data: {
        bookingId: b.bookingId,
        sessionId: s.sessionId,
        attendeeId: w.ada,
        gate: 'North',
        method: 'qr',
        entries: 1,
      },
    });
  });
});
