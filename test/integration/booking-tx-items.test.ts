import { type AttributeValue, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { createDocumentClient, lowLevelClientOf } from '../../functions/kernel/dynamo/client.js';
import { commitTransactItems } from '../../functions/kernel/dynamo/low-level-transaction.js';
import { createService, type EventlyService } from '../../functions/kernel/dynamo/service.js';
import {
  commitTransaction,
  type TxEntities,
  type TxItem,
  type TxOutcome,
} from '../../functions/kernel/dynamo/transactions.js';
import {
  toBooking,
  toBookingItem,
  toHistoryEntry,
} from '../../functions/modules/bookings/adapters/booking-items.js';
import { stepRecords } from '../../functions/modules/bookings/adapters/booking-records.js';
import {
  type BookingTxPart,
  bookingSeatPart,
  bookingTxItems,
} from '../../functions/modules/bookings/adapters/booking-tx-items.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import type { NewBooking } from '../../functions/modules/bookings/domain/ports.js';
import { defaultEventSettings, type Event, type Session } from '../../functions/modules/catalog/index.js';
import type { Party } from '../../functions/modules/people/index.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-local.js';
import { createIsolatedTable, testServers } from '../support/env.js';

/**
 * The low-level booking transaction (booking-tx-items.ts, sent by commitTransactItems) against
 * ElectroDB's: each case seeds the same items in two tables, commits the ElectroDB transaction
 * (built as the booking store builds it) in one and the low-level one in the other, and expects
 * the same outcome and the same stored items, byte for byte; then ElectroDB reads the low-level
 * items back. Refusals cover every condition: each must refuse exactly what ElectroDB's refuses.
 */

const { dynamoEndpoint } = testServers();
const raw = new DynamoDBClient({
  endpoint: dynamoEndpoint,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});
const documentClient = createDocumentClient({ region: LOCAL_REGION, endpoint: dynamoEndpoint });
afterAll(() => raw.destroy());

const eventStamp = '2029-11-01T08:00:00.000Z';
const sessionStamp = '2029-11-02T08:00:00.000Z';
const bookedAt = '2029-12-01T10:00:00.000Z';
const shardOfCase = 3;

/** The booking transaction through ElectroDB, as the booking store builds it (counter shard 0 or k). */
const electroItems = (tx: TxEntities, nb: NewBooking, shard: number): TxItem<BookingTxPart>[] => {
  const b = nb.booking;
  const sessionKey = { orgId: b.orgId, sessionId: b.sessionId };
  const column = b.status === 'held' ? 'held' : 'confirmed';
  const counter =
    shard === 0
      ? tx.sessionCounter
          .patch(sessionKey)
          .add({ [column]: b.seats, version: 1 })
          .subtract({ available: b.seats })
          .where(
            ({ available: left, waiting, eventStamp: ev, sessionStamp: ss }, { gte, eq, notExists }) =>
              `${gte(left, b.seats)} AND (${notExists(waiting)} OR ${eq(waiting, 0)}) AND ` +
              `${eq(ev, nb.event.updatedAt)} AND ${eq(ss, nb.session.updatedAt)}`,
          )
          .commit()
      : tx.sessionCounterShard
          .patch({ ...sessionKey, shard })
          .add({ [column]: b.seats, version: 1 })
          .subtract({ available: b.seats })
          .where(
            ({ available: left, eventStamp: ev, sessionStamp: ss }, { gte, eq }) =>
              `${gte(left, b.seats)} AND ${eq(ev, nb.event.updatedAt)} AND ${eq(ss, nb.session.updatedAt)}`,
          )
          .commit();
  const { holder } = nb;
  return [
    { label: 'counter', write: counter, fails: 'refused' },
    { label: 'booking', write: tx.booking.create(toBookingItem(b)).commit() },
    ...b.seatLabels.map((label) => ({
      label: bookingSeatPart(label),
      write: tx.bookingSeat.create({ ...sessionKey, label, bookingId: b.bookingId, state: column }).commit(),
      fails: 'refused' as const,
    })),
    ...stepRecords(tx, { booking: b, from: null, by: b.bookedBy, reason: 'booked' }).map((write) => ({
      label: 'record' as const,
      write,
    })),
    {
      label: 'holder',
      write:
        holder.kind === 'party'
          ? tx.party
              .check({ orgId: b.orgId, partyId: holder.party.partyId })
              .where(({ version }, { eq }) => eq(version, holder.party.version))
              .commit()
          : tx.attendee
              .check({ orgId: b.orgId, attendeeId: holder.attendeeId })
              .where((attr, { eq, exists }) =>
                holder.linkedTo ? eq(attr.userId, holder.linkedTo) : exists(attr.attendeeId),
              )
              .commit(),
      fails: 'refused',
    },
    {
      label: 'holderLimit',
      write: tx.holderCount
        .upsert({ ...sessionKey, holderId: (b.attendeeId ?? b.partyId) as string })
        .add({ live: 1 })
        .where(
          ({ live }, { notExists, lt }) =>
            `${notExists(live)} OR ${lt(live, nb.event.settings.bookingsPerAttendee)}`,
        )
        .commit(),
      fails: 'refused',
    },
  ];
};

/** What the two tables hold before a booking; each field a way to make one condition refuse. */
interface Before {
  available: number;
  shardAvailable: number;
  waiting?: number;
  eventStamp: string;
  sessionStamp: string;
  /** The user the attendee is linked to (none: unlinked); `deleted`: no attendee item. */
  attendeeUser: string | null | 'deleted';
  partyVersion: number;
  /** A seat already taken by another booking. */
  takenSeat?: string;
  /** A booking with the same id already stored. */
  bookingExists?: boolean;
  /** No item for the counter shard of the case. */
  noShard?: boolean;
  /** The holder's live bookings of the session already counted (none: no count item). */
  holderLive?: number;
}

const fine: Before = {
  available: 20,
  shardAvailable: 6,
  eventStamp,
  sessionStamp,
  attendeeUser: 'u-ada',
  partyVersion: 4,
};

interface Case {
  name: string;
  holder: 'attendee' | 'party';
  /** The caller the attendee must still be linked to (self-service); null: staff booking. */
  linkedTo?: string | null;
  status: 'held' | 'confirmed';
  seatLabels?: string[];
  seats?: number;
  userId: string | null;
  waitlistEntryId?: string;
  tickets?: Booking['tickets'];
  discount?: Booking['discount'];
  shard: number;
  before?: Partial<Before>;
}

let caseNumber = 0;

const eventOf = (orgId: string): Event => ({
  orgId,
  eventId: 'evt-1',
  venueId: 'ven-1',
  hostId: null,
  title: 'Night',
  description: '',
  defaultDurationMinutes: 60,
  defaultCapacity: 20,
  visibility: 'public',
  admission: 'open',
  price: { kind: 'paid', amountMinor: 1500, currency: 'EUR' },
  tags: [],
  interestIds: [],
  coverImageUrls: [],
  startsAt: null,
  endsAt: null,
  settings: defaultEventSettings,
  categoryCount: 0,
  status: 'published',
  deleting: false,
  createdAt: eventStamp,
  updatedAt: eventStamp,
});

const sessionOf = (orgId: string): Session => ({
  orgId,
  sessionId: 'ses-1',
  eventId: 'evt-1',
  venueId: 'ven-1',
  roomId: 'room-1',
  seriesId: null,
  registrationDeadline: null,
  startsAt: '2030-01-01T19:00:00.000Z',
  endsAt: '2030-01-01T21:00:00.000Z',
  timezone: 'Europe/Berlin',
  capacity: 20,
  overbooked: 0,
  seating: { mode: 'general' },
  status: 'scheduled',
  cancellation: null,
  deleting: false,
  createdAt: sessionStamp,
  updatedAt: sessionStamp,
});

const partyOf = (orgId: string, version: number): Party => ({
  orgId,
  partyId: 'pty-1',
  name: 'Crew',
  leaderId: 'att-1',
  memberIds: ['att-1', 'att-2', 'att-3'],
  version,
  createdAt: bookedAt,
  updatedAt: bookedAt,
});

const newBooking = (orgId: string, c: Case): NewBooking => {
  const seatLabels = c.seatLabels ?? [];
  const booking: Booking = {
    orgId,
    sessionId: 'ses-1',
    eventId: 'evt-1',
    bookingId: 'bkg-1',
    attendeeId: c.holder === 'attendee' ? 'att-1' : null,
    partyId: c.holder === 'party' ? 'pty-1' : null,
    seats: c.seats ?? Math.max(seatLabels.length, 2),
    seatLabels,
    tickets: c.tickets ?? [],
    discount: c.discount ?? null,
    status: c.status,
    paymentStatus: c.status === 'held' ? 'pending' : 'none',
    holdExpiresAt: c.status === 'held' ? '2029-12-01T10:15:00.000Z' : null,
    bookedBy: c.linkedTo ?? 'u-staff',
    userId: c.userId,
    waitlistEntryId: c.waitlistEntryId ?? null,
    createdAt: bookedAt,
    updatedAt: bookedAt,
  };
  return {
    booking,
    event: eventOf(orgId),
    session: sessionOf(orgId),
    tickets: [],
    holder:
      c.holder === 'party'
        ? { kind: 'party', party: partyOf(orgId, 4) }
        : { kind: 'attendee', attendeeId: 'att-1', linkedTo: c.linkedTo ?? null },
  };
};

/** The same items in a table, all through ElectroDB. */
const seed = async (service: EventlyService, orgId: string, b: Before, shard: number) => {
  const { sessionCounter, sessionCounterShard, attendee, party, bookingSeat, booking, holderCount } =
    service.entities;
  const sessionKey = { orgId, sessionId: 'ses-1' };
  const stamps = { eventStamp: b.eventStamp, sessionStamp: b.sessionStamp };
  await sessionCounter
    .create({
      ...sessionKey,
      capacity: 20,
      available: b.available,
      held: 20 - b.available,
      confirmed: 0,
      version: 7,
      ...stamps,
      ...(b.waiting === undefined ? {} : { waiting: b.waiting }),
    })
    .go();
  if (shard > 0 && !b.noShard) {
    await sessionCounterShard
      .create({
        ...sessionKey,
        shard,
        available: b.shardAvailable,
        held: 1,
        confirmed: 2,
        version: 3,
        ...stamps,
      })
      .go();
  }
  if (b.attendeeUser !== 'deleted') {
    await attendee
      .create({
        orgId,
        attendeeId: 'att-1',
        firstName: 'Ada',
        lastName: 'Lovelace',
        ...(b.attendeeUser ? { userId: b.attendeeUser } : {}),
        createdAt: bookedAt,
        updatedAt: bookedAt,
      })
      .go();
  }
  const { partyId, name, leaderId, memberIds } = partyOf(orgId, b.partyVersion);
  await party
    .create({
      orgId,
      partyId,
      name,
      ...(leaderId ? { leaderId } : {}),
      memberIds,
      version: b.partyVersion,
      createdAt: bookedAt,
      updatedAt: bookedAt,
    })
    .go();
  if (b.holderLive !== undefined) {
    await holderCount.create({ ...sessionKey, holderId: 'att-1', live: b.holderLive }).go();
  }
  if (b.takenSeat) {
    await bookingSeat
      .create({ ...sessionKey, label: b.takenSeat, bookingId: 'bkg-0', state: 'confirmed' })
      .go();
  }
  if (b.bookingExists) {
    const nb = newBooking(orgId, {
      name: '',
      holder: 'attendee',
      status: 'confirmed',
      userId: null,
      shard: 0,
    });
    await booking.create(toBookingItem(nb.booking)).go();
  }
};

/** Every item of the organization in a table, as stored, in key order. */
const storedItems = async (table: string, orgId: string) => {
  const out = await raw.send(
    new ScanCommand({
      TableName: table,
      ConsistentRead: true,
      FilterExpression: 'orgId = :o',
      ExpressionAttributeValues: { ':o': { S: orgId } },
    }),
  );
  const key = (i: Record<string, AttributeValue>) => `${i.pk?.S}|${i.sk?.S}`;
  return (out.Items ?? []).sort((x, y) => key(x).localeCompare(key(y)));
};

/**
 * An item with its audit record's random parts made equal: each commit draws its record's id, and
 * the chain it lands in comes from that id.
 */
const sameRecordIds = (item: Record<string, AttributeValue>) =>
  Object.fromEntries(
    Object.entries(item)
      .filter(([name]) => item.__edb_e__?.S !== 'auditRecord' || (name !== 'chain' && name !== 'gsi2pk'))
      .map(([name, v]) => [name, v.S ? { S: v.S.replace(/aud_[0-9a-z]{20}/g, 'aud_*') } : v]),
  );

type Answer = { committed: boolean; failed: string[] } | { error: string };

const answerOf = async (commit: Promise<TxOutcome<BookingTxPart>>): Promise<Answer> => {
  try {
    const { committed, failed } = await commit;
    return { committed, failed: [...failed].sort() };
  } catch (error) {
    return { error: error instanceof DomainError ? error.code : String(error) };
  }
};

describe('the low-level booking transaction against ElectroDB', () => {
  let electroTable: string;
  let lowTable: string;

  beforeAll(async () => {
    [electroTable, lowTable] = await Promise.all([
      createIsolatedTable('tx-electro'),
      createIsolatedTable('tx-low'),
    ]);
  });

  /**
   * Seeds both tables, commits each way, and expects the same answer and the same items. One table
   * at a time: a service points the entity instances every service shares at its own table.
   */
  const both = async (c: Case) => {
    caseNumber += 1;
    const orgId = `org-${caseNumber}-${Date.now()}`;
    const before = { ...fine, ...c.before };
    const nb = newBooking(orgId, c);

    const electro = createService(documentClient, electroTable);
    await seed(electro, orgId, before, c.shard);
    const electroAnswer = await answerOf(
      commitTransaction<BookingTxPart>(electro, (tx) => electroItems(tx, nb, c.shard)),
    );

    const lowService = createService(documentClient, lowTable);
    await seed(lowService, orgId, before, c.shard);
    const { items, parts } = bookingTxItems(lowTable, nb, c.shard);
    const lowAnswer = await answerOf(commitTransactItems(lowLevelClientOf(documentClient), items, parts));

    expect(lowAnswer).toEqual(electroAnswer);
    const [electroStored, lowStored] = await Promise.all([
      storedItems(electroTable, orgId),
      storedItems(lowTable, orgId),
    ]);
    expect(lowStored.map(sameRecordIds)).toEqual(electroStored.map(sameRecordIds));
    return { nb, orgId, answer: lowAnswer, stored: lowStored, lowService };
  };

  const committedCases: Case[] = [
    {
      name: 'attendee, linked, held, general admission, shard 0',
      holder: 'attendee',
      linkedTo: 'u-ada',
      status: 'held',
      userId: 'u-ada',
      shard: 0,
    },
    {
      name: 'attendee, linked, confirmed, three seats, shard 0',
      holder: 'attendee',
      linkedTo: 'u-ada',
      status: 'confirmed',
      seatLabels: ['A1', 'A2', 'A3'],
      userId: 'u-ada',
      shard: 0,
    },
    {
      name: 'attendee by staff, no linked user, confirmed, shard 0',
      holder: 'attendee',
      linkedTo: null,
      status: 'confirmed',
      userId: null,
      shard: 0,
      before: { attendeeUser: null },
    },
    {
      name: 'attendee by staff, no linked user, held with seats, shard 3',
      holder: 'attendee',
      status: 'held',
      seatLabels: ['B7', 'B8'],
      userId: null,
      shard: shardOfCase,
      before: { attendeeUser: null },
    },
    {
      name: 'attendee, linked, confirmed, shard 3',
      holder: 'attendee',
      linkedTo: 'u-ada',
      status: 'confirmed',
      userId: 'u-ada',
      shard: shardOfCase,
    },
    {
      name: 'party with its version, held, seats, shard 0',
      holder: 'party',
      status: 'held',
      seatLabels: ['C1', 'C2', 'C3'],
      userId: 'u-ben',
      shard: 0,
    },
    {
      name: 'party with its version, confirmed, no user, shard 3',
      holder: 'party',
      status: 'confirmed',
      seats: 3,
      userId: null,
      shard: shardOfCase,
    },
    {
      name: 'a waitlist offer (entry id), held, shard 0',
      holder: 'attendee',
      linkedTo: 'u-ada',
      status: 'held',
      userId: 'u-ada',
      waitlistEntryId: 'wle-1',
      shard: 0,
    },
    {
      name: 'a party in two ticket categories, held, shard 0',
      holder: 'party',
      status: 'held',
      userId: 'u-ada',
      seats: 3,
      tickets: [
        { categoryId: 'cat-vip', name: 'VIP', seats: 1, unitAmount: 4500, currency: 'EUR' },
        { categoryId: 'cat-std', name: 'Standard', seats: 2, unitAmount: 1500, currency: 'EUR' },
      ],
      discount: { code: 'SPRING', kind: 'percent', percent: 12.5, categoryIds: ['cat-std'] },
      shard: 0,
    },
    {
      name: 'the last places of the main counter, with nobody waiting (waiting 0)',
      holder: 'attendee',
      status: 'confirmed',
      seats: 2,
      userId: null,
      shard: 0,
      before: { available: 2, waiting: 0, attendeeUser: null },
    },
  ];

  for (const c of committedCases) {
    it(`commits the same items: ${c.name}`, async () => {
      const { nb, orgId, answer, stored, lowService } = await both(c);
      expect(answer).toEqual({ committed: true, failed: [] });
      // counter(s), attendee, party, booking, seats, history, outbox, the holder's count, and
      // the booking.confirmed event of a confirmed booking
      const events = nb.booking.status === 'confirmed' ? 1 : 0;
      expect(stored.length).toBe(
        (c.shard > 0 ? 2 : 1) + 2 + 1 + nb.booking.seatLabels.length + 2 + 1 + events,
      );

      // ElectroDB reads the low-level items back as its own.
      const { booking, bookingSeat, auditRecord, outbox, sessionCounter, sessionCounterShard } =
        lowService.entities;
      const ref = { orgId, sessionId: 'ses-1', bookingId: 'bkg-1' };
      const read = await booking.get(ref).go({ consistent: true });
      expect(read.data && toBooking(read.data)).toEqual(nb.booking);
      const seats = await bookingSeat.query.bySession({ orgId, sessionId: 'ses-1' }).go({ consistent: true });
      expect(seats.data.map((s) => [s.label, s.bookingId, s.state])).toEqual(
        nb.booking.seatLabels.map((label) => [label, 'bkg-1', c.status]),
      );
      const history = await auditRecord.query
        .byTarget({ orgId, targetType: 'booking', targetId: 'bkg-1' })
        .go({ consistent: true });
      expect(history.data.map(toHistoryEntry)).toEqual([
        { at: bookedAt, from: null, to: c.status, by: nb.booking.bookedBy, reason: 'booked' },
      ]);
      const outboxItems = await outbox.query
        .bySession({ orgId, sessionId: 'ses-1' })
        .go({ consistent: true });
      const notes = { data: outboxItems.data.filter((i) => i.kind === 'notification') };
      expect(notes.data).toHaveLength(1);
      // A confirmed booking's public event, read back as ElectroDB's own (booking-events.ts).
      expect(outboxItems.data.filter((i) => i.kind === 'domain-event')).toEqual(
        c.status === 'confirmed'
          ? [
              expect.objectContaining({
                messageId: 'event#booking.confirmed#bkg-1#confirmed',
                type: 'booking.confirmed',
                status: 'pending',
              }),
            ]
          : [],
      );
      expect(notes.data[0]).toMatchObject({
        messageId: `notify#bkg-1#${c.status}`,
        type: `booking.${c.status}`,
        recipientId: nb.booking.attendeeId ?? nb.booking.partyId,
        status: 'pending',
      });
      expect(JSON.parse(notes.data[0]?.payload ?? '{}')).toMatchObject({
        bookingId: 'bkg-1',
        reason: 'booked',
      });
      const counter =
        c.shard === 0
          ? (await sessionCounter.get({ orgId, sessionId: 'ses-1' }).go({ consistent: true })).data
          : (
              await sessionCounterShard
                .get({ orgId, sessionId: 'ses-1', shard: c.shard })
                .go({ consistent: true })
            ).data;
      const before = { ...fine, ...c.before };
      expect(counter?.available).toBe(
        (c.shard === 0 ? before.available : before.shardAvailable) - nb.booking.seats,
      );
    });
  }

  const refusals: { c: Case; answer: Answer }[] = [
    {
      c: {
        name: 'too few places on the main counter',
        holder: 'attendee',
        status: 'confirmed',
        seats: 3,
        userId: null,
        shard: 0,
        before: { available: 2, attendeeUser: null },
      },
      answer: { committed: false, failed: ['counter'] },
    },
    {
      c: {
        name: 'too few places on the shard',
        holder: 'attendee',
        status: 'confirmed',
        seats: 3,
        userId: null,
        shard: shardOfCase,
        before: { shardAvailable: 2, attendeeUser: null },
      },
      answer: { committed: false, failed: ['counter'] },
    },
    {
      c: {
        name: 'people waiting (main counter)',
        holder: 'attendee',
        status: 'confirmed',
        userId: null,
        shard: 0,
        before: { waiting: 1, attendeeUser: null },
      },
      answer: { committed: false, failed: ['counter'] },
    },
    {
      c: {
        name: 'people waiting do not stop a shard (the line is counted on the main counter)',
        holder: 'attendee',
        status: 'confirmed',
        userId: null,
        shard: shardOfCase,
        before: { waiting: 1, attendeeUser: null },
      },
      answer: { committed: true, failed: [] },
    },
    {
      c: {
        name: 'the event changed',
        holder: 'attendee',
        status: 'held',
        userId: null,
        shard: 0,
        before: { eventStamp: '2029-11-30T00:00:00.000Z', attendeeUser: null },
      },
      answer: { committed: false, failed: ['counter'] },
    },
    {
      c: {
        name: 'the session changed, at a shard',
        holder: 'attendee',
        status: 'held',
        userId: null,
        shard: shardOfCase,
        before: { sessionStamp: '2029-11-30T00:00:00.000Z', attendeeUser: null },
      },
      answer: { committed: false, failed: ['counter'] },
    },
    {
      c: {
        name: 'the shard does not exist',
        holder: 'attendee',
        status: 'held',
        userId: null,
        shard: shardOfCase,
        before: { noShard: true, attendeeUser: null },
      },
      answer: { committed: false, failed: ['counter'] },
    },
    {
      c: {
        name: 'a seat is taken',
        holder: 'attendee',
        status: 'held',
        seatLabels: ['A1', 'A2'],
        userId: null,
        shard: 0,
        before: { takenSeat: 'A2', attendeeUser: null },
      },
      answer: { committed: false, failed: [bookingSeatPart('A2')] },
    },
    {
      c: {
        name: 'the party changed',
        holder: 'party',
        status: 'confirmed',
        userId: 'u-ben',
        shard: 0,
        before: { partyVersion: 5 },
      },
      answer: { committed: false, failed: ['holder'] },
    },
    {
      c: {
        name: 'the attendee is linked to someone else now',
        holder: 'attendee',
        linkedTo: 'u-ada',
        status: 'confirmed',
        userId: 'u-ada',
        shard: shardOfCase,
        before: { attendeeUser: 'u-eve' },
      },
      answer: { committed: false, failed: ['holder'] },
    },
    {
      c: {
        name: 'the attendee was deleted',
        holder: 'attendee',
        status: 'confirmed',
        userId: null,
        shard: 0,
        before: { attendeeUser: 'deleted' },
      },
      answer: { committed: false, failed: ['holder'] },
    },
    {
      c: {
        name: 'the attendee holds as many live bookings of the session as the event allows',
        holder: 'attendee',
        status: 'confirmed',
        userId: null,
        shard: 0,
        before: { holderLive: 1, attendeeUser: null },
      },
      answer: { committed: false, failed: ['holderLimit'] },
    },
    {
      c: {
        name: 'a count its cancelled booking brought back to 0',
        holder: 'attendee',
        status: 'confirmed',
        userId: null,
        shard: shardOfCase,
        before: { holderLive: 0, attendeeUser: null },
      },
      answer: { committed: true, failed: [] },
    },
    {
      c: {
        name: 'the booking id is taken (no meaning given: an error)',
        holder: 'attendee',
        status: 'confirmed',
        userId: null,
        shard: 0,
        before: { bookingExists: true, attendeeUser: null },
      },
      // The booking.confirmed event is the seventh item.
      answer: {
        error: 'Error: transaction cancelled: None, ConditionalCheckFailed, None, None, None, None, None',
      },
    },
  ];

  for (const { c, answer } of refusals) {
    it(`answers as ElectroDB does: ${c.name}`, async () => {
      const outcome = await both(c);
      expect(outcome.answer).toEqual(answer);
    });
  }
});
