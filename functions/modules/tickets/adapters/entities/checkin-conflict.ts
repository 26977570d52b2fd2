import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { conflictKinds } from '../../domain/conflict-ports.js';
import { checkinMethods, scanOutcomes } from '../../domain/model.js';

const fixedOptional = { type: 'string', readOnly: true } as const;

/**
 * The conflict of one offline scan, beside its session and under the scan's nonce: created once
 * (an upload sent again finds it), then resolved once.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#checkin-conflicts`           sk `conflict#${nonce}`
 * - gsi2:  pk `${orgId}#session#${sessionId}#checkin-conflicts#${status}` sk `${createdAt}#${nonce}`
 *   A session's open (or resolved) conflicts, oldest first.
 */
export const checkinConflictEntity = new Entity({
  model: { ...entityBase, entity: 'checkinConflict' },
  attributes: {
    ...fixedStrings('conflictId', 'orgId', 'sessionId', 'nonce', 'gate', 'scannedAt', 'createdAt'),
    ticketId: fixedOptional,
    bookingId: fixedOptional,
    deviceId: fixedOptional,
    kind: {
      type: conflictKinds,
      required: true,
      readOnly: true,
    },
    method: { type: checkinMethods, required: true, readOnly: true },
    outcome: {
      type: scanOutcomes,
      required: true,
      readOnly: true,
    },
    previousAt: fixedOptional,
    previousGate: fixedOptional,
    bookingStatus: { type: ['held', 'confirmed', 'cancelled', 'expired'] as const, readOnly: true },
    paymentStatus: { type: ['none', 'pending', 'paid', 'refunded'] as const, readOnly: true },
    bookingChangedAt: fixedOptional,
    status: { type: ['open', 'resolved'] as const, required: true },
    resolution: { type: ['accepted', 'rejected'] as const },
    note: { type: 'string' },
    resolvedBy: { type: 'string' },
    resolvedAt: { type: 'string' },
  },
  indexes: {
    byNonce: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#checkin-conflicts'),
      sk: key('sk', ['nonce'], 'conflict#${nonce}'),
    },
    byStatus: {
      index: 'gsi2',
      pk: key(
        'gsi2pk',
        ['orgId', 'sessionId', 'status'],
        '${orgId}#session#${sessionId}#checkin-conflicts#${status}',
      ),
      sk: key('gsi2sk', ['createdAt', 'nonce'], '${createdAt}#${nonce}'),
    },
  },
});
