import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import type { OrderRef, PaymentOrder } from '../../functions/modules/payments/domain/model.js';
import { quote } from '../../functions/modules/payments/domain/quote.js';
import { freshContainer } from './fixtures.js';

/**
 * A payment order's quote as DynamoDB Local stores it: written with its lines and read back the
 * same; an order stored before quotes had lines reads with the lines it stood for.
 */

let c: Container & { tableName: string };

const orderOf = (ref: OrderRef): PaymentOrder => {
  const at = new Date().toISOString();
  return {
    ...ref,
    eventId: 'evt_q',
    orderId: `pay_${ref.bookingId}`,
    provider: 'stripe',
    quote: quote({
      unitAmount: 49_900,
      currency: 'INR',
      seats: 2,
      tax: { name: 'GST', ratePercent: 18, number: '29ABCDE1234F1Z5' },
      fee: { basisPoints: 250, fixedMinor: 300 },
    }),
    status: 'pending',
    providerOrderId: null,
    paidAmount: 0,
    refundedAmount: 0,
    refundPending: 0,
    failureReason: null,
    expiresAt: at,
    review: null,
    refundOwedSince: null,
    createdAt: at,
    updatedAt: at,
  };
};

/** Plain reads and writes of the stored item: a second ElectroDB service would take over the entities' client. */
const doc = () => createDocumentClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT });
const keyOf = (ref: OrderRef) => ({
  pk: `${ref.orgId}#session#${ref.sessionId}#payments`,
  sk: `order#${ref.bookingId}`,
});

beforeAll(async () => {
  c = await freshContainer();
});

describe('a payment order quote on DynamoDB Local', () => {
  it('is stored with its lines and reads back the same', async () => {
    const ref = { orgId: 'org_q1', sessionId: 'ses_q1', bookingId: 'bkg_q1' };
    const order = orderOf(ref);
    await c.deps.payments.createOrder(order);
    const stored = await doc().send(
      new GetCommand({ TableName: c.tableName, Key: keyOf(ref), ConsistentRead: true }),
    );
    expect(JSON.parse(String(stored.Item?.quote)).lines).toHaveLength(3);
    expect((await c.deps.payments.getOrder(ref))?.quote).toEqual(order.quote);
  });

  it('of an order stored before lines reads with its ticket, tax and fee lines, adding up to its total', async () => {
    const ref = { orgId: 'org_q2', sessionId: 'ses_q2', bookingId: 'bkg_q2' };
    await c.deps.payments.createOrder(orderOf(ref));
    // The quote as orders stored it before it had lines.
    const flat = {
      currency: 'INR',
      unitAmount: 49_900,
      seats: 2,
      subtotal: 99_800,
      tax: { name: 'GST', ratePercent: 18, number: '29ABCDE1234F1Z5', amount: 17_964 },
      fee: 2_795,
      total: 120_559,
    };
    await doc().send(
      new UpdateCommand({
        TableName: c.tableName,
        Key: keyOf(ref),
        UpdateExpression: 'SET quote = :q',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':q': JSON.stringify(flat) },
      }),
    );
    const read = (await c.deps.payments.getOrder(ref))!.quote;
    expect(read).toEqual({
      ...flat,
      lines: [
        { kind: 'ticket', categoryId: null, name: 'Admission', seats: 2, unitAmount: 49_900, amount: 99_800 },
        { kind: 'tax', name: 'GST', ratePercent: 18, number: '29ABCDE1234F1Z5', amount: 17_964 },
        { kind: 'fee', name: 'Platform fee', amount: 2_795 },
      ],
    });
    // The same lines a quote made today gives: old and new orders read alike.
    expect(read).toEqual(orderOf(ref).quote);
  });

  it('of an old order with no tax and no fee reads as its one ticket line', async () => {
    const ref = { orgId: 'org_q3', sessionId: 'ses_q3', bookingId: 'bkg_q3' };
    await c.deps.payments.createOrder(orderOf(ref));
    const flat = {
      currency: 'EUR',
      unitAmount: 1_500,
      seats: 2,
      subtotal: 3_000,
      tax: null,
      fee: 0,
      total: 3_000,
    };
    await doc().send(
      new UpdateCommand({
        TableName: c.tableName,
        Key: keyOf(ref),
        UpdateExpression: 'SET quote = :q',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':q': JSON.stringify(flat) },
      }),
    );
    expect((await c.deps.payments.getOrder(ref))!.quote.lines).toEqual([
      { kind: 'ticket', categoryId: null, name: 'Admission', seats: 2, unitAmount: 1_500, amount: 3_000 },
    ]);
  });
});
