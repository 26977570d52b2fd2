import { randomUUID } from 'node:crypto';
import {
  BatchGetItemCommand,
  DynamoDBClient,
  PutItemCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-local.js';
import { type LoadFigures, measureLoad } from './latency.js';

/**
 * The bare `TransactWriteItems` one free general-admission booking needs, built with the plain
 * SDK (no ElectroDB, no HTTP, no validation): conditional counter update, booking put, history,
 * audit and outbox puts. Its throughput on the same DynamoDB Local is the ceiling the booking
 * route is measured against. Its items are not ElectroDB items (no entity attribute), so the
 * invariant checker passes over them.
 */

const s = (value: string) => ({ S: value });
const n = (value: number) => ({ N: String(value) });

export interface RawTarget {
  tableName: string;
  orgId: string;
  sessionId: string;
}

const counterKey = ({ orgId, sessionId }: RawTarget) => ({
  pk: s(`${orgId}#session#${sessionId}#counter`),
  sk: s('counter'),
});

/** A counter of its own for the raw run, so it never shares the hot item with the HTTP run. */
export const createRawCounter = async (client: DynamoDBClient, target: RawTarget, capacity: number) => {
  await client.send(
    new PutItemCommand({
      TableName: target.tableName,
      Item: {
        ...counterKey(target),
        orgId: s(target.orgId),
        sessionId: s(target.sessionId),
        capacity: n(capacity),
        available: n(capacity),
        held: n(0),
        confirmed: n(0),
        version: n(0),
      },
    }),
  );
};

type Attribute = { S: string } | { N: string } | { L: [] };

const put = (tableName: string, item: Record<string, Attribute>): TransactWriteItem => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/**
 * The five writes of a free booking with the booking store's key templates and about the same
 * attributes (entities/booking.ts, booking-history.ts, audit.ts, outbox.ts). The route's own
 * transaction also carries condition checks of the organization, the event and the attendee.
 */
export const rawBookingItems = (target: RawTarget, attendeeId: string, seats = 1): TransactWriteItem[] => {
  const { tableName, orgId, sessionId } = target;
  const bookingId = `bkg_${randomUUID()}`;
  const at = new Date().toISOString();
  const scope = `${orgId}#session#${sessionId}`;
  const recordId = `${bookingId}#confirmed`;
  const summary = { bookingId, attendeeId, partyId: null, seats, seatLabels: [], status: 'confirmed' };
  return [
    {
      Update: {
        TableName: tableName,
        Key: counterKey(target),
        UpdateExpression:
          'SET available = available - :n, confirmed = confirmed + :n, version = version + :one',
        ConditionExpression: 'available >= :n',
        ExpressionAttributeValues: { ':n': n(seats), ':one': n(1) },
      },
    },
    put(tableName, {
      pk: s(`${scope}#bookings`),
      sk: s(bookingId),
      gsi2pk: s(`${orgId}#holder#${attendeeId}#bookings`),
      gsi2sk: s(`${at}#${bookingId}`),
      orgId: s(orgId),
      sessionId: s(sessionId),
      eventId: s('evt_raw'),
      bookingId: s(bookingId),
      attendeeId: s(attendeeId),
      holderId: s(attendeeId),
      seats: n(seats),
      seatLabels: { L: [] },
      status: s('confirmed'),
      paymentStatus: s('none'),
      dueShard: s('00'),
      bookedBy: s('bench'),
      createdAt: s(at),
      updatedAt: s(at),
    }),
    put(tableName, {
      pk: s(`${scope}#booking#${bookingId}`),
      sk: s(`history#${at}#confirmed`),
      orgId: s(orgId),
      sessionId: s(sessionId),
      bookingId: s(bookingId),
      at: s(at),
      to: s('confirmed'),
      by: s('bench'),
      reason: s('booked'),
    }),
    put(tableName, {
      pk: s(`${scope}#audit`),
      sk: s(`${at}#${recordId}`),
      orgId: s(orgId),
      sessionId: s(sessionId),
      recordId: s(recordId),
      at: s(at),
      action: s('booking.confirmed'),
      actor: s('bench'),
      targetType: s('booking'),
      targetId: s(bookingId),
      details: s(JSON.stringify({ from: null, ...summary, reason: 'booked' })),
    }),
    put(tableName, {
      pk: s(`${scope}#outbox`),
      sk: s(`${at}#notify#${recordId}`),
      orgId: s(orgId),
      sessionId: s(sessionId),
      messageId: s(`notify#${recordId}`),
      at: s(at),
      kind: s('notification'),
      type: s('booking.confirmed'),
      channel: s('email'),
      recipientId: s(attendeeId),
      status: s('pending'),
      attempts: n(0),
      payload: s(JSON.stringify({ ...summary, eventId: 'evt_raw', holdExpiresAt: null })),
    }),
  ];
};

export const rawClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

export type RawRun = (
  client: DynamoDBClient,
  target: RawTarget,
  count: number,
  concurrency: number,
) => Promise<LoadFigures>;

/** `count` transactions built by `items`, `concurrency` at a time, each for an attendee of its own. */
const transactionRun =
  (items: (target: RawTarget, attendeeId: string) => TransactWriteItem[], prefix: string): RawRun =>
  (client, target, count, concurrency) =>
    measureLoad(count, concurrency, async (i) => {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items(target, `${prefix}${i}`) }));
    });

/** `count` bare booking transactions on the target's counter, `concurrency` at a time. */
export const runRawBookings = transactionRun(rawBookingItems, 'att_raw_');

/**
 * The route's DynamoDB work without the route: the read of its five context items (organization,
 * membership, session, event, attendee) in one consistent BatchGetItem, then the bare transaction
 * plus the route's four condition checks (organization, event, session, attendee). Against the
 * bare transaction it shows what the route's own reads and checks cost on this DynamoDB Local;
 * against the HTTP run, what HTTP, validation and the handler cost.
 */
const contextNames = ['organization', 'member', 'session', 'event', 'attendee'] as const;
const checkedNames = ['organization', 'session', 'event', 'attendee'] as const;

const contextKey = ({ orgId, sessionId }: RawTarget, name: string) => ({
  pk: s(`${orgId}#raw-context#${sessionId}`),
  sk: s(name),
});

/** Plain stand-ins for the context items, about the size of the real ones. */
export const createRawContext = async (client: DynamoDBClient, target: RawTarget) => {
  for (const name of contextNames) {
    await client.send(
      new PutItemCommand({
        TableName: target.tableName,
        Item: {
          ...contextKey(target, name),
          status: s('active'),
          updatedAt: s(new Date().toISOString()),
          details: s('x'.repeat(400)),
        },
      }),
    );
  }
};

export const rawRouteItems = (target: RawTarget, attendeeId: string): TransactWriteItem[] => [
  ...rawBookingItems(target, attendeeId),
  ...checkedNames.map(
    (name): TransactWriteItem => ({
      ConditionCheck: {
        TableName: target.tableName,
        Key: contextKey(target, name),
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': s('active') },
      },
    }),
  ),
];

/**
 * `count` of the route's transactions alone (the writes and the four checks, no read),
 * `concurrency` at a time: the most the route could reach with its context read away.
 */
export const runRawRouteTransactions = transactionRun(rawRouteItems, 'att_routetx_');

/** `count` route-shaped bookings (read, then transaction with checks), `concurrency` at a time. */
export const runRawRouteBookings = (
  client: DynamoDBClient,
  target: RawTarget,
  count: number,
  concurrency: number,
): Promise<LoadFigures> =>
  measureLoad(count, concurrency, async (i) => {
    await client.send(
      new BatchGetItemCommand({
        RequestItems: {
          [target.tableName]: {
            Keys: contextNames.map((name) => contextKey(target, name)),
            ConsistentRead: true,
          },
        },
      }),
    );
    await client.send(
      new TransactWriteItemsCommand({ TransactItems: rawRouteItems(target, `att_route_${i}`) }),
    );
  });
