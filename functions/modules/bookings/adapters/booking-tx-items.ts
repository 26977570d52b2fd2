import type { AttributeValue, TransactWriteItem, Update } from '@aws-sdk/client-dynamodb';
import { toWire } from '../../../kernel/audit/audit-item.js';
import { entityBase, unlisted } from '../../../kernel/dynamo/entity-base.js';
import type { TxPart } from '../../../kernel/dynamo/transactions.js';
import { claimConsumed } from '../../catalog/index.js';
import { notificationRecordPut } from '../../notifications/index.js';
import { recordId } from '../domain/model.js';
import type { NewBooking } from '../domain/ports.js';
import { newBookingEventPuts } from './booking-events.js';
import { toBookingItem } from './booking-items.js';
import { bookingSummary, stepAuditRecord } from './booking-records.js';
import { holderCountTaken } from './holder-counts.js';
import { reservationTxItems } from './reservation-items.js';

/**
 * The booking transaction in DynamoDB's wire form, for `commitTransactItems` on the low-level
 * client: on the hot path neither ElectroDB builds the items (about 1 to 1.6 ms of CPU a booking)
 * nor the document client marshals them. Each item is the one ElectroDB writes for the same
 * booking, attribute for attribute (keys, index keys, `__edb_e__`/`__edb_v__`), so ElectroDB reads
 * them back as its own, and each condition is ElectroDB's:
 *
 * - the counter (shard 0: `sessionCounter`, the main counter; shard k >= 1: `sessionCounterShard`)
 *   loses the places and gains them as held or confirmed, while it has them, nobody waits (the
 *   main counter only: the line is counted there) and the event and session are the versions read;
 * - the booking, its seats, its step record and its outbox notification, each where none is;
 * - the holder as read: the party's version, or the attendee (linked to the caller if it was);
 * - the holder's count of live bookings in the session, below the event's `bookingsPerAttendee`.
 *
 * test/integration/booking-tx-items.test.ts writes both ways and compares the stored items.
 */

/** What a failed item of the booking transaction was. */
export type BookingTxPart =
  | 'counter'
  | 'claim'
  | 'booking'
  | `seat:${string}`
  | 'record'
  | 'holder'
  /** The holder already has as many live bookings of the session as the event allows. */
  | 'holderLimit'
  /** A reservation's join request, no longer pending. */
  | 'request';

export const bookingSeatPart = (label: string): BookingTxPart => `seat:${label}`;

export interface BookingTx {
  items: TransactWriteItem[];
  /** `parts[i]` says what a failed condition of `items[i]` means. */
  parts: TxPart<BookingTxPart>[];
}

const entityVersion: AttributeValue = { S: entityBase.version };
const entityName = (name: string): AttributeValue => ({ S: name });
const counterEntity = entityName('sessionCounter');
const shardEntity = entityName('sessionCounterShard');
const bookingEntity = entityName('booking');
const seatEntity = entityName('bookingSeat');
const counterSk: AttributeValue = { S: 'counter' };
const zero: AttributeValue = { N: '0' };
const one: AttributeValue = { N: '1' };
const keyNames = { '#pk': 'pk', '#sk': 'sk' };
const notThere = 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)';

const counterPart: TxPart<BookingTxPart> = { label: 'counter', fails: 'refused' };
const claimPart: TxPart<BookingTxPart> = { label: 'claim', fails: 'refused' };
const bookingPart: TxPart<BookingTxPart> = { label: 'booking' };
const recordPart: TxPart<BookingTxPart> = { label: 'record' };
const holderPart: TxPart<BookingTxPart> = { label: 'holder', fails: 'refused' };
const holderLimitPart: TxPart<BookingTxPart> = { label: 'holderLimit', fails: 'refused' };

/** The expressions of one kind of counter update, built once: the main counter or a shard, held or confirmed. */
const counterShape = (main: boolean, column: 'held' | 'confirmed') => ({
  update:
    `SET #available = #available - :seats, #orgId = :orgId, #sessionId = :sessionId, ` +
    `${main ? '' : '#shard = :shard, '}#__edb_e__ = :entity, #__edb_v__ = :entityVersion ` +
    `ADD #${column} :seats, #version :one`,
  condition:
    'attribute_exists(#pk) AND attribute_exists(#sk) AND #available >= :seats AND ' +
    `${main ? '(attribute_not_exists(#waiting) OR #waiting = :zero) AND ' : ''}` +
    '#eventStamp = :eventStamp AND #sessionStamp = :sessionStamp',
  names: {
    ...keyNames,
    '#available': 'available',
    ...(main ? { '#waiting': 'waiting' } : { '#shard': 'shard' }),
    '#eventStamp': 'eventStamp',
    '#sessionStamp': 'sessionStamp',
    [`#${column}`]: column,
    '#version': 'version',
    '#orgId': 'orgId',
    '#sessionId': 'sessionId',
    '#__edb_e__': '__edb_e__',
    '#__edb_v__': '__edb_v__',
  },
});

const counterShapes = {
  main: { held: counterShape(true, 'held'), confirmed: counterShape(true, 'confirmed') },
  shard: { held: counterShape(false, 'held'), confirmed: counterShape(false, 'confirmed') },
};

const counterKey = (b: NewBooking['booking'], shard: number) => ({
  pk: { S: `${b.orgId}#session#${b.sessionId}#counter${shard === 0 ? '' : `#${shard}`}` },
  sk: counterSk,
});

/**
 * The counter item `shard` losing the booking's places (as held or confirmed), under the conditions
 * above: one part of the booking transaction, or (general admission) a write of its own, the take.
 */
export const counterTake = (table: string, nb: NewBooking, shard: number): Update => {
  if (!Number.isInteger(shard) || shard < 0) throw new Error(`counterTake: no counter shard ${shard}`);
  const seats: AttributeValue = { N: String(nb.booking.seats) };
  const b = nb.booking;
  const main = shard === 0;
  const shape = counterShapes[main ? 'main' : 'shard'][b.status === 'held' ? 'held' : 'confirmed'];
  const values: Record<string, AttributeValue> = {
    ':seats': seats,
    ':one': one,
    ':eventStamp': { S: nb.event.updatedAt },
    ':sessionStamp': { S: nb.session.updatedAt },
    ':orgId': { S: b.orgId },
    ':sessionId': { S: b.sessionId },
    ':entity': main ? counterEntity : shardEntity,
    ':entityVersion': entityVersion,
  };
  if (main) values[':zero'] = zero;
  else values[':shard'] = { N: String(shard) };
  return {
    TableName: table,
    Key: counterKey(b, shard),
    UpdateExpression: shape.update,
    ConditionExpression: shape.condition,
    ExpressionAttributeNames: shape.names,
    ExpressionAttributeValues: values,
  };
};

const put = (table: string, item: Record<string, AttributeValue>): TransactWriteItem => ({
  Put: { TableName: table, Item: item, ConditionExpression: notThere, ExpressionAttributeNames: keyNames },
});

/** The booking item of `toBookingItem`, with the keys of its table and indexes. */
const bookingPut = (table: string, nb: NewBooking, seats: AttributeValue): TransactWriteItem => {
  const i = toBookingItem(nb.booking);
  const byCreation = `${i.createdAt}#${i.bookingId}`;
  const item: Record<string, AttributeValue> = {
    pk: { S: `${i.orgId}#session#${i.sessionId}#bookings` },
    sk: { S: i.bookingId },
    orgId: { S: i.orgId },
    sessionId: { S: i.sessionId },
    eventId: { S: i.eventId },
    bookingId: { S: i.bookingId },
    holderId: { S: i.holderId },
    seats,
    seatLabels: { L: i.seatLabels.map((label) => ({ S: label })) },
    ...(i.discount ? { discount: { S: i.discount } } : {}),
    ...(i.tickets
      ? {
          tickets: {
            L: i.tickets.map((t) => ({
              M: {
                categoryId: { S: t.categoryId },
                name: { S: t.name },
                seats: { N: String(t.seats) },
                unitAmount: { N: String(t.unitAmount) },
                currency: { S: t.currency },
              },
            })),
          },
        }
      : {}),
    status: { S: i.status },
    paymentStatus: { S: i.paymentStatus },
    dueShard: { S: i.dueShard },
    dueAt: { S: i.dueAt },
    listedUser: { S: i.listedUser },
    bookedBy: { S: i.bookedBy },
    createdAt: { S: i.createdAt },
    updatedAt: { S: i.updatedAt },
    gsi2pk: { S: `${i.orgId}#holder#${i.holderId}#bookings` },
    gsi2sk: { S: byCreation },
    __edb_e__: bookingEntity,
    __edb_v__: entityVersion,
  };
  if (i.attendeeId !== undefined) item.attendeeId = { S: i.attendeeId };
  if (i.partyId !== undefined) item.partyId = { S: i.partyId };
  if (i.holdExpiresAt !== undefined) item.holdExpiresAt = { S: i.holdExpiresAt };
  if (i.userId !== undefined) item.userId = { S: i.userId };
  if (i.waitlistEntryId !== undefined) item.waitlistEntryId = { S: i.waitlistEntryId };
  if (i.requestId !== undefined) item.requestId = { S: i.requestId };
  if (i.trackingCode !== undefined) item.trackingCode = { S: i.trackingCode };
  // The sparse indexes, under the entity's conditions: a linked user's list, the due holds.
  if (i.listedUser !== unlisted) {
    item.gsi1pk = { S: `user#${i.listedUser}#bookings` };
    item.gsi1sk = { S: byCreation };
  }
  if (i.dueAt !== unlisted) {
    item.gsi3pk = { S: `holds#due#${i.dueShard}` };
    item.gsi3sk = { S: `${i.dueAt}#${i.bookingId}` };
  }
  return put(table, item);
};

const holderCheck = (table: string, nb: NewBooking): TransactWriteItem => {
  const { orgId } = nb.booking;
  const { holder } = nb;
  if (holder.kind === 'party') {
    return {
      ConditionCheck: {
        TableName: table,
        Key: { pk: { S: `${orgId}#parties` }, sk: { S: holder.party.partyId } },
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': { N: String(holder.party.version) } },
      },
    };
  }
  const key = { pk: { S: `${orgId}#attendees` }, sk: { S: holder.attendeeId } };
  return {
    ConditionCheck: holder.linkedTo
      ? {
          TableName: table,
          Key: key,
          ConditionExpression: '#userId = :userId',
          ExpressionAttributeNames: { '#userId': 'userId' },
          ExpressionAttributeValues: { ':userId': { S: holder.linkedTo } },
        }
      : {
          TableName: table,
          Key: key,
          ConditionExpression: 'attribute_exists(#attendeeId)',
          ExpressionAttributeNames: { '#attendeeId': 'attendeeId' },
        },
  };
};

/**
 * The transaction of a new booking: taking its places from counter `shard` (0: the main counter),
 * or, when its places are already taken (`'taken'`, general admission), consuming its claim
 * (counter-claims.ts in the catalog); then the booking, one item per seat, the step record, the
 * notification, the holder and its count.
 */
export const bookingTxItems = (table: string, nb: NewBooking, counter: number | 'taken'): BookingTx => {
  const b = nb.booking;
  const seats: AttributeValue = { N: String(b.seats) };
  const first: TransactWriteItem =
    counter === 'taken' ? claimConsumed(table, b, b.bookingId) : { Update: counterTake(table, nb, counter) };
  const items: TransactWriteItem[] = [first, bookingPut(table, nb, seats)];
  const parts: TxPart<BookingTxPart>[] = [counter === 'taken' ? claimPart : counterPart, bookingPart];

  const orgId: AttributeValue = { S: b.orgId };
  const sessionId: AttributeValue = { S: b.sessionId };
  const bookingId: AttributeValue = { S: b.bookingId };
  if (b.seatLabels.length > 0) {
    const seatsPk: AttributeValue = { S: `${b.orgId}#session#${b.sessionId}#seats` };
    const state: AttributeValue = { S: b.status === 'held' ? 'held' : 'confirmed' };
    for (const label of b.seatLabels) {
      const labelValue: AttributeValue = { S: label };
      items.push(
        put(table, {
          pk: seatsPk,
          sk: labelValue,
          orgId,
          sessionId,
          label: labelValue,
          bookingId,
          state,
          __edb_e__: seatEntity,
          __edb_v__: entityVersion,
        }),
      );
      parts.push({ label: bookingSeatPart(label), fails: 'refused' });
    }
  }

  // The step record (the booking's audit record and history entry) and the notification, as
  // stepRecords writes them for a new booking: from nothing, by the one who booked, reason `booked`.
  const summary = bookingSummary(b);
  items.push(
    put(table, toWire(stepAuditRecord(b, null, b.bookedBy, 'booked'))),
    notificationRecordPut(table, {
      orgId: b.orgId,
      sessionId: b.sessionId,
      key: recordId(b),
      at: b.updatedAt,
      type: `booking.${b.status}`,
      recipientId: (b.attendeeId ?? b.partyId) as string,
      userId: b.userId,
      payload: { ...summary, eventId: b.eventId, holdExpiresAt: b.holdExpiresAt, reason: 'booked' },
    }),
    holderCheck(table, nb),
    holderCountTaken(table, b, nb.event.settings.bookingsPerAttendee),
  );
  parts.push(recordPart, recordPart, holderPart, holderLimitPart);
  const reservation = reservationTxItems(table, nb);
  items.push(...reservation.items);
  parts.push(...reservation.parts);
  // Its public event (booking-events.ts), as stepRecords writes it.
  for (const event of newBookingEventPuts(table, b)) {
    items.push(event);
    parts.push(recordPart);
  }
  return { items, parts };
};
