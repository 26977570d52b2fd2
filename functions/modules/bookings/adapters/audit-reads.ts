import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { AuditRecords } from '../domain/audit-ports.js';

/** Bookings whose steps are read at once. */
const inParallel = 8;

export const dynamoAuditRecords = (service: EventlyService): AuditRecords => {
  const { booking, bookingHistory } = service.entities;
  return {
    async ofDay(orgId, sessionId, day) {
      // A booking with a step on the day was last changed on it or later: only those are read.
      const { data: changed } = await booking.query
        .bySession({ orgId, sessionId })
        .where(({ updatedAt }, { gte }) => gte(updatedAt, day))
        .go({ pages: 'all', attributes: ['bookingId'] });
      const facts = [];
      for (let i = 0; i < changed.length; i += inParallel) {
        const pages = await Promise.all(
          changed.slice(i, i + inParallel).map(({ bookingId }) =>
            bookingHistory.query
              .byBooking({ orgId, sessionId, bookingId })
              .begins({ at: day })
              .go({ pages: 'all', attributes: ['to', 'by'] }),
          ),
        );
        for (const { data } of pages)
          facts.push(...data.map((s) => ({ kind: `booking.${s.to}`, actor: s.by })));
      }
      return facts;
    },
  };
};
