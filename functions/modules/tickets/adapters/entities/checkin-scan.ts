import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { checkinMethods, scanOutcomes } from '../../domain/model.js';

/**
 * One scan at the door and the answer it got, under the client's nonce: created once (a scan sent
 * again finds it), never changed.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#scans`   sk `scan#${nonce}`
 */
export const checkinScanEntity = new Entity({
  model: { ...entityBase, entity: 'checkinScan' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'nonce', 'gate', 'scannedAt', 'by', 'recordedAt'),
    ticketId: { type: 'string', readOnly: true },
    bookingId: { type: 'string', readOnly: true },
    attendeeId: { type: 'string', readOnly: true },
    method: { type: checkinMethods, required: true, readOnly: true },
    direction: { type: ['entry', 'exit'] as const, required: true, readOnly: true },
    deviceId: { type: 'string', readOnly: true },
    outcome: {
      type: scanOutcomes,
      required: true,
      readOnly: true,
    },
    reason: {
      type: ['otp_none', 'otp_wrong', 'otp_expired', 'otp_exhausted', 'otp_used'] as const,
      readOnly: true,
    },
    previousAt: { type: 'string', readOnly: true },
    previousGate: { type: 'string', readOnly: true },
  },
  indexes: {
    byNonce: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#scans'),
      sk: key('sk', ['nonce'], 'scan#${nonce}'),
    },
  },
});
