import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * Where one ticket stands at the door (in or out), beside its session. Written only by scans,
 * each conditional on the admission as read, so two gates never both admit a ticket.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#admissions`   sk `ticket#${ticketId}`
 */
export const admissionEntity = new Entity({
  model: { ...entityBase, entity: 'admission' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'ticketId', 'bookingId', 'firstEntryAt'),
    attendeeId: { type: 'string', readOnly: true },
    state: { type: ['in', 'out'] as const, required: true },
    gate: { type: 'string', required: true },
    at: { type: 'string', required: true },
    entries: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byTicket: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#admissions'),
      sk: key('sk', ['ticketId'], 'ticket#${ticketId}'),
    },
  },
});
