import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient, onDynamoClientCreated } from '../../functions/kernel/dynamo/client.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { updateEvent } from '../../functions/modules/catalog/domain/events.js';
import { ada, bookingWorld, owner } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * A booking touches only items of its own session and its holder: the event's version is checked
 * on the session's own counter (`eventStamp`), which every change of the event updates.
 */
describe('event versions on session counters', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  const transactions: { pk: string; sk: string }[][] = [];
  /** The keys of the single writes (puts, updates, deletes) the container sends. */
  const singleWrites: { command: string; pk: string; sk: string }[] = [];

  const documentClient = () =>
    createDocumentClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const stampOf = async (sessionId: string): Promise<string | undefined> => {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: c.tableName,
        Key: { pk: `${w.orgId}#session#${sessionId}#counter`, sk: 'counter' },
        ConsistentRead: true,
      }),
    );
    return Item?.eventStamp as string | undefined;
  };
  const versionOf = async (eventId: string) => (await c.deps.events.get(w.orgId, eventId))!.updatedAt;

  beforeAll(async () => {
    // Records the keys of every transaction and single write the container sends.
    const stop = onDynamoClientCreated((client: DynamoDBClient) => {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'TransactWriteItemsCommand') {
            const items = (
              args.input as { TransactItems: Record<string, { Key?: unknown; Item?: unknown }>[] }
            ).TransactItems;
            transactions.push(
              items.map((i) => {
                const op = Object.values(i)[0]!;
                const key = (op.Key ?? op.Item) as { pk: { S: string }; sk: { S: string } };
                return { pk: key.pk.S, sk: key.sk.S };
              }),
            );
          }
          const command = String(context.commandName);
          if (['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(command)) {
            const op = args.input as { Key?: unknown; Item?: unknown };
            const key = (op.Key ?? op.Item) as { pk: { S: string }; sk: { S: string } };
            singleWrites.push({ command, pk: key.pk.S, sk: key.sk.S });
          }
          return next(args);
        },
        { step: 'serialize', name: 'recordTransactions', override: true },
      );
    });
    c = await freshContainer({ SCHEDULER_MODE: 'local' });
    stop();
    w = await bookingWorld(c);
  });

  it("stamps a new session's counter with its event's version, and every counter again when the event changes", async () => {
    const one = await w.session(w.freeEventId, 'general');
    const two = await w.session(w.freeEventId, 'general');
    const before = await versionOf(w.freeEventId);
    expect(await stampOf(one.sessionId)).toBe(before);
    await updateEvent(c.deps, owner, w.orgId, w.freeEventId, { title: 'Renamed' });
    const after = await versionOf(w.freeEventId);
    expect(after > before).toBe(true);
    expect(await stampOf(one.sessionId)).toBe(after);
    expect(await stampOf(two.sessionId)).toBe(after);
  });

  it('books without touching the event or organization item: a claim, a take of the counter, one transaction', async () => {
    const s = await w.session(w.freeEventId, 'general');
    transactions.length = 0;
    singleWrites.length = 0;
    const booking = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    expect(transactions).toHaveLength(1);
    const claim = `${w.orgId}#session#${s.sessionId}#claims ${booking.bookingId}`;
    expect(singleWrites.map((x) => `${x.command} ${x.pk} ${x.sk}`)).toEqual([
      `PutItemCommand ${claim}`,
      `UpdateItemCommand ${w.orgId}#session#${s.sessionId}#counter counter`,
    ]);
    const keys = transactions[0]!.map((k) => `${k.pk} ${k.sk}`);
    // The transaction consumes the claim and leaves the counter alone.
    expect(keys).toContain(claim);
    expect(keys.some((k) => k.includes('#counter'))).toBe(false);
    const written = [...keys, ...singleWrites.map((x) => `${x.pk} ${x.sk}`)];
    expect(
      written.filter((k) => k.startsWith(`${w.orgId}#events `) || k.startsWith(`${w.orgId}#org `)),
    ).toEqual([]);
  });

  it('commits a free general-admission booking in seven items, its step record being its history entry and audit record at once', async () => {
    const s = await w.session(w.freeEventId, 'general');
    transactions.length = 0;
    const booking = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    // The claim (its places were taken from the counter, which carries the session's and the
    // event's versions, by a write of its own), booking, step record, outbox item, the check
    // of the holder and its count of live bookings; and its public event (booking.confirmed).
    expect(transactions[0]).toHaveLength(7);
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: c.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${w.orgId}#audit#target#booking#${booking.bookingId}` },
        ConsistentRead: true,
      }),
    );
    expect(Items).toHaveLength(1);
    expect(Items[0]).toMatchObject({ actorId: ada.sub, targetId: booking.bookingId, change: 'created' });
    expect(JSON.parse(String(Items[0]?.details))).toMatchObject({
      by: ada.sub,
      to: 'confirmed',
      reason: 'booked',
      booking: { bookingId: booking.bookingId, attendeeId: w.ada, seats: 1, status: 'confirmed' },
    });
  });

  it('refuses a booking priced on the event before it changed at the counter, then books on the new version', async () => {
    const s = await w.session(w.freeEventId, 'general');
    const create = c.deps.bookings.create;
    let attempts = 0;
    try {
      // The event changes between the booking's read and its transaction.
      c.deps.bookings.create = async (nb) => {
        attempts += 1;
        if (attempts === 1)
          await updateEvent(c.deps, owner, w.orgId, w.freeEventId, { title: `v${Date.now()}` });
        return create(nb);
      };
      const booking = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
      expect(booking.status).toBe('confirmed');
    } finally {
      c.deps.bookings.create = create;
    }
    expect(attempts).toBe(2);
    expect(await stampOf(s.sessionId)).toBe(await versionOf(w.freeEventId));
  });

  it('brings a counter that missed a change up to date when a booking finds it behind', async () => {
    const s = await w.session(w.freeEventId, 'general');
    // A counter left on an older version (as if the fan-out had not reached it yet).
    await documentClient().send(
      new UpdateCommand({
        TableName: c.tableName,
        Key: { pk: `${w.orgId}#session#${s.sessionId}#counter`, sk: 'counter' },
        UpdateExpression: 'SET eventStamp = :old',
        ExpressionAttributeValues: { ':old': '2000-01-01T00:00:00.000Z' },
      }),
    );
    const booking = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    expect(booking.status).toBe('confirmed');
    expect(await stampOf(s.sessionId)).toBe(await versionOf(w.freeEventId));
  });

  it('stops bookings remembered from before an event was marked deleting', async () => {
    const s = await w.session(w.paidEventId, 'general');
    const priced = await versionOf(w.paidEventId);
    // Marked (and its counters told) between a booking's read and its transaction.
    const create = c.deps.bookings.create;
    try {
      c.deps.bookings.create = async (nb) => {
        c.deps.bookings.create = create;
        await c.deps.events.markDeleting(
          (await c.deps.events.get(w.orgId, w.paidEventId))!,
          new Date().toISOString(),
        );
        return create(nb);
      };
      await expect(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada })).rejects.toMatchObject({
        code: 'EVENT_DELETING',
      });
    } finally {
      c.deps.bookings.create = create;
    }
    expect(await stampOf(s.sessionId)).not.toBe(priced);
    // Nothing was booked: every place of the session is still available.
    expect(await c.deps.sessions.getCounter(w.orgId, s.sessionId)).toMatchObject({ held: 0, confirmed: 0 });
  });
});
