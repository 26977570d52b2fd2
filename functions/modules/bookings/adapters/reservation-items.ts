import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { TxEntities, TxPart } from '../../../kernel/dynamo/transactions.js';
import { requestListingWire, requestNotification, requestSummary } from '../../invitations/index.js';
import { notificationRecordPut } from '../../notifications/index.js';
import type { Booking } from '../domain/model.js';
import type { NewBooking } from '../domain/ports.js';
import type { BookingTxPart } from './booking-tx-items.js';

/**
 * The join request's side of its reservation, in the reservation booking's transactions: the
 * request moves from pending to reserved with the booking (wire form, for the booking
 * transaction), and from reserved to booked, lapsed or cancelled as the booking leaves `held`
 * (ElectroDB, for `transitionItems`), each conditional on the request still being where it was.
 */

const requestKey = (orgId: string, sessionId: string, requestId: string) => ({
  pk: { S: `${orgId}#session#${sessionId}#requests` },
  sk: { S: requestId },
});

/** pending -> reserved, with the attendee told; refused (`request`) when it is no longer pending. */
export const reservationTxItems = (
  table: string,
  nb: NewBooking,
): { items: TransactWriteItem[]; parts: TxPart<BookingTxPart>[] } => {
  const r = nb.reservation?.request;
  if (!r) return { items: [], parts: [] };
  const values: Record<string, AttributeValue> = {
    ':reserved': { S: 'reserved' },
    ':pending': { S: 'pending' },
    ':bookingId': { S: r.bookingId ?? '' },
    ':decidedBy': { S: r.decidedBy ?? '' },
    ':updatedAt': { S: r.updatedAt },
  };
  const sets = [
    '#status = :reserved',
    '#bookingId = :bookingId',
    '#decidedBy = :decidedBy',
    '#updatedAt = :updatedAt',
  ];
  if (r.holdExpiresAt) {
    values[':holdExpiresAt'] = { S: r.holdExpiresAt };
    sets.push('#holdExpiresAt = :holdExpiresAt');
  }
  // A host's message lists the request under its attendee (what an account's erasure finds).
  const listing = r.hostMessage ? Object.entries(requestListingWire(r)) : [];
  if (r.hostMessage) {
    values[':hostMessage'] = { S: r.hostMessage };
    sets.push('#hostMessage = :hostMessage');
  }
  for (const [field, value] of listing) {
    values[`:${field}`] = { S: value };
    sets.push(`#${field} = :${field}`);
  }
  const names: Record<string, string> = {
    '#status': 'status',
    '#bookingId': 'bookingId',
    '#decidedBy': 'decidedBy',
    '#updatedAt': 'updatedAt',
    ...(r.holdExpiresAt ? { '#holdExpiresAt': 'holdExpiresAt' } : {}),
    ...(r.hostMessage ? { '#hostMessage': 'hostMessage' } : {}),
    ...Object.fromEntries(listing.map(([field]) => [`#${field}`, field])),
  };
  return {
    items: [
      {
        Update: {
          TableName: table,
          Key: requestKey(r.orgId, r.sessionId, r.requestId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      notificationRecordPut(table, {
        orgId: r.orgId,
        sessionId: r.sessionId,
        key: `${r.requestId}#reserved`,
        at: r.updatedAt,
        type: 'request.reserved',
        recipientId: r.attendeeId,
        userId: r.userId,
        payload: requestSummary(r),
      }),
    ],
    parts: [{ label: 'request', fails: 'refused' }, { label: 'record' }],
  };
};

/** What a reservation's request becomes when its booking leaves `held` this way. */
const outcomeOf = (next: Booking['status']): 'booked' | 'lapsed' | 'cancelled' | undefined =>
  next === 'confirmed'
    ? 'booked'
    : next === 'expired'
      ? 'lapsed'
      : next === 'cancelled'
        ? 'cancelled'
        : undefined;

/**
 * The request's side of its reservation ending (held -> confirmed, expired or cancelled): the
 * request moves on, its attendee's open-request mark goes, the attendee is told. Nothing for other
 * bookings and other steps.
 */
export const reservationOutcomeItems = (tx: TxEntities, current: Booking, next: Booking) => {
  const status = outcomeOf(next.status);
  if (!current.requestId || current.status !== 'held' || !status) return [];
  const key = { orgId: current.orgId, sessionId: current.sessionId, requestId: current.requestId };
  const attendeeId = current.attendeeId as string;
  return [
    tx.joinRequest
      .patch(key)
      .set({ status, updatedAt: next.updatedAt })
      .where((a, { eq }) => `${eq(a.status, 'reserved')} AND ${eq(a.bookingId, current.bookingId)}`)
      .commit(),
    tx.joinRequestHolder.delete({ orgId: current.orgId, sessionId: current.sessionId, attendeeId }).commit(),
    requestNotification(tx, {
      orgId: current.orgId,
      sessionId: current.sessionId,
      eventId: current.eventId,
      requestId: current.requestId,
      attendeeId,
      userId: current.userId,
      partySize: current.seats,
      message: null,
      status,
      hostMessage: null,
      bookingId: current.bookingId,
      waitlistEntryId: null,
      holdExpiresAt: null,
      requestedBy: current.bookedBy,
      decidedBy: null,
      createdAt: current.createdAt,
      updatedAt: next.updatedAt,
    }),
  ];
};
