import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An attendee's one-time check-in code for a session, beside the session's admissions: only its
 * keyed hash, expiry, tries and use. A new code replaces the item (conditional on the one read);
 * tries and use are conditional updates. DynamoDB removes it lazily two hours after its last code
 * (`ttl`), once neither the code nor the hourly request cap can matter.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#otps`   sk `attendee#${attendeeId}`
 */
export const checkinOtpEntity = new Entity({
  model: { ...entityBase, entity: 'checkinOtp' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'attendeeId'),
    codeHash: { type: 'string', required: true },
    issuedAt: { type: 'string', required: true },
    expiresAt: { type: 'string', required: true },
    tries: { type: 'number', required: true },
    lastTry: { type: 'string' },
    usedBy: { type: 'string' },
    usedAt: { type: 'string' },
    recentIssues: { type: 'list', items: { type: 'string' }, required: true },
    requestedBy: { type: 'string', required: true },
    /** Epoch seconds: DynamoDB's TTL attribute. */
    ttl: { type: 'number', required: true },
  },
  indexes: {
    byAttendee: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#otps'),
      sk: key('sk', ['attendeeId'], 'attendee#${attendeeId}'),
    },
  },
});
