import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A booking on its way through a general-admission session's counter (counter-claims.ts): written
 * before the booking takes its places with a single write of a counter item, consumed by the
 * transaction that then writes the booking. A change of the session or its event that stamps the
 * counters deletes the claims it finds afterwards, so a booking that took its places before the
 * change but had not committed yet is refused, and no booking commits once the change is done.
 *
 * Key template: pk `${orgId}#session#${sessionId}#claims`  sk `${bookingId}`
 */
export const sessionClaimEntity = new Entity({
  model: { ...entityBase, entity: 'sessionClaim' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'bookingId'),
    /** When the claim was made (a claim left behind by a crashed booking can be told by age). */
    at: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#claims'),
      sk: key('sk', ['bookingId'], '${bookingId}'),
    },
  },
});
