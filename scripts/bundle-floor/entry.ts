import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';

/**
 * The floor of `npm run bench:bundle`: the least a function that books through ElectroDB loads at
 * a cold start. The DynamoDB document client and one ElectroDB entity with a model like the
 * booking's (its attributes and its four indexes), both built when the module loads, and a handler
 * that does nothing heavy. Every function's cold import is compared with this one's
 * (`importRatio`). It imports nothing of the project, so no change to the project moves the floor.
 */

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

const text = { type: 'string', required: true } as const;

const booking = new Entity(
  {
    model: { service: 'floor', entity: 'booking', version: '1' },
    attributes: {
      orgId: text,
      sessionId: text,
      eventId: text,
      bookingId: text,
      attendeeId: { type: 'string' },
      partyId: { type: 'string' },
      holderId: text,
      seats: { type: 'number', required: true },
      seatLabels: { type: 'list', items: { type: 'string' }, required: true },
      status: { type: ['held', 'confirmed', 'cancelled', 'expired'] as const, required: true },
      paymentStatus: { type: ['none', 'pending', 'paid', 'refunded'] as const, required: true },
      holdExpiresAt: { type: 'string' },
      dueShard: text,
      dueAt: text,
      listedUser: text,
      bookedBy: text,
      userId: { type: 'string' },
      createdAt: text,
      updatedAt: text,
    },
    indexes: {
      bySession: {
        pk: {
          field: 'pk',
          composite: ['orgId', 'sessionId'],
          template: '${orgId}#session#${sessionId}#bookings',
        },
        sk: { field: 'sk', composite: ['bookingId'], template: '${bookingId}' },
      },
      byUser: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['listedUser'], template: 'user#${listedUser}#bookings' },
        sk: { field: 'gsi1sk', composite: ['createdAt', 'bookingId'], template: '${createdAt}#${bookingId}' },
      },
      byHolder: {
        index: 'gsi2',
        pk: {
          field: 'gsi2pk',
          composite: ['orgId', 'holderId'],
          template: '${orgId}#holder#${holderId}#bookings',
        },
        sk: { field: 'gsi2sk', composite: ['createdAt', 'bookingId'], template: '${createdAt}#${bookingId}' },
      },
      byDue: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['dueShard'], template: 'holds#due#${dueShard}' },
        sk: { field: 'gsi3sk', composite: ['dueAt', 'bookingId'], template: '${dueAt}#${bookingId}' },
      },
    },
  },
  { client, table: process.env.TABLE_NAME ?? 'floor' },
);

/** Builds one request without sending it: enough to keep the client and the entity in the bundle. */
export const handler = async (event: { orgId?: string; sessionId?: string; bookingId?: string }) =>
  booking
    .get({ orgId: event.orgId ?? 'o', sessionId: event.sessionId ?? 's', bookingId: event.bookingId ?? 'b' })
    .params();
