import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { AuditRecords } from '../domain/audit-ports.js';
import { parseStep } from './booking-items.js';

const stepFact = (step: { to: string; by: string }) => ({ kind: `booking.${step.to}`, actor: step.by });

/** Bookings whose steps are read at once. */
const inParallel = 8;

export const dynamoAuditRecords = (service: EventlyService): AuditRecords => {
  const { booking, auditRecord } = service.entities;
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
            auditRecord.query
              .byTarget({ orgId, targetType: 'booking', targetId: bookingId })
              .begins({ at: day })
              .go({ pages: 'all', attributes: ['details'] }),
          ),
        );
        for (const { data } of pages)
          facts.push(...data.flatMap((r) => (r.details ? [stepFact(parseStep(r.details))] : [])));
      }
      return facts;
    },
  };
};
