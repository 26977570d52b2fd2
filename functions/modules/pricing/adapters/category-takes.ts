import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../../kernel/domain/errors.js';
import { entityBase } from '../../../kernel/dynamo/entity-base.js';
import { retryTransient } from '../../../kernel/dynamo/retry.js';
import { isConditionFailure, type TxEntities } from '../../../kernel/dynamo/transactions.js';
import { type CategoryCount, storedQuota } from '../domain/category-model.js';
import { type BookingTicket, type ChosenTicket, categorySoldOut } from '../domain/ticket-choice.js';

/**
 * A booking's places of each ticket category, taken from the session's category counters
 * (entities/category-counter.ts) by single conditional writes before its transaction, as it takes
 * the session's places: a category counter is shared by every booking of its session's category,
 * and in a transaction it would make them refuse each other. A booking that does not commit gives
 * them back; one that dies in between leaves them taken (never an oversell) until the recount.
 *
 * The take is conditional on the counter's quota being the one the booking read (else the counter
 * is brought to the category's quota first), on the places left, and on the places taken so far
 * being in the range its price was computed for.
 */

interface SessionRef {
  orgId: string;
  sessionId: string;
}

const names = {
  '#pk': 'pk',
  '#taken': 'taken',
  '#left': 'left',
  '#quota': 'quota',
  '#orgId': 'orgId',
  '#sessionId': 'sessionId',
  '#categoryId': 'categoryId',
  '#e': '__edb_e__',
  '#v': '__edb_v__',
};

const { '#pk': _pk, ...withoutKey } = names;

const num = (n: number): AttributeValue => ({ N: String(n) });

const keyOf = (ref: SessionRef, categoryId: string): Record<string, AttributeValue> => ({
  pk: { S: `${ref.orgId}#session#${ref.sessionId}#categories` },
  sk: { S: categoryId },
});

const staleCategory = () =>
  new DomainError('NOT_BOOKABLE', 'the ticket category changed while booking; read it again', {
    stale: 'category',
  });

export const categoryTakes = (client: DynamoDBClient, table: string) => {
  const send = (input: ConstructorParameters<typeof UpdateItemCommand>[0]) =>
    retryTransient(() => client.send(new UpdateItemCommand(input)));

  /** Takes `t`'s places; false when a condition refused. */
  const takeOnce = async (ref: SessionRef, t: ChosenTicket): Promise<boolean> => {
    const quota = storedQuota(t.category.quota);
    const limits = [
      ...(quota >= 0 ? ['#left >= :seats'] : []),
      '#taken >= :from',
      ...(t.soldTo === null ? [] : ['#taken <= :to']),
    ];
    // A first booking of the category makes the counter; it must then fit the quota and a price
    // computed for nothing sold yet.
    const fresh = t.soldFrom === 0 && (quota < 0 || quota >= t.seats) ? 'attribute_not_exists(#pk) OR ' : '';
    try {
      await send({
        TableName: table,
        Key: keyOf(ref, t.category.categoryId),
        UpdateExpression:
          'SET #left = if_not_exists(#left, :quota) - :seats, #quota = if_not_exists(#quota, :quota), ' +
          '#orgId = :orgId, #sessionId = :sessionId, #categoryId = :categoryId, #e = :e, #v = :v ADD #taken :seats',
        ConditionExpression: `${fresh}(#quota = :quota AND ${limits.join(' AND ')})`,
        ExpressionAttributeNames: fresh ? names : withoutKey,
        ExpressionAttributeValues: {
          ':seats': num(t.seats),
          ':quota': num(quota),
          ':from': num(t.soldFrom),
          ...(t.soldTo === null ? {} : { ':to': num(t.soldTo) }),
          ':orgId': { S: ref.orgId },
          ':sessionId': { S: ref.sessionId },
          ':categoryId': { S: t.category.categoryId },
          ':e': { S: 'categoryCounter' },
          ':v': { S: entityBase.version },
        },
      });
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  };

  const read = async (ref: SessionRef, categoryId: string): Promise<CategoryCount | undefined> => {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: table, Key: keyOf(ref, categoryId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      categoryId,
      taken: Number(Item.taken?.N ?? 0),
      quota: Number(Item.quota?.N ?? -1),
      left: Number(Item.left?.N ?? 0),
    };
  };

  /**
   * Brings a counter made under another quota to `quota`: `left` follows, `taken` stays. A quota
   * below the places already taken is not applied (`left` never goes below 0): the session keeps
   * what it sold, and sells no more of the category until its places come back under the quota.
   */
  const requota = async (ref: SessionRef, categoryId: string, from: number, quota: number) => {
    try {
      await send({
        TableName: table,
        Key: keyOf(ref, categoryId),
        UpdateExpression: 'SET #quota = :quota, #left = :quota - #taken',
        ConditionExpression: `#quota = :from${quota >= 0 ? ' AND #taken <= :quota' : ''}`,
        ExpressionAttributeNames: { '#quota': 'quota', '#left': 'left', '#taken': 'taken' },
        ExpressionAttributeValues: { ':quota': num(quota), ':from': num(from) },
      });
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  };

  const giveBack = async (ref: SessionRef, categoryId: string, seats: number): Promise<void> => {
    try {
      await send({
        TableName: table,
        Key: keyOf(ref, categoryId),
        UpdateExpression: 'SET #left = #left + :seats ADD #taken :minus',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': 'pk', '#left': 'left', '#taken': 'taken' },
        ExpressionAttributeValues: { ':seats': num(seats), ':minus': num(-seats) },
      });
    } catch (err) {
      // A counter gone (its session was deleted) takes nothing back.
      if (!isConditionFailure(err)) throw err;
    }
  };

  /** Takes one category's places, or throws why not (sold out, or a price that no longer holds). */
  const takeOne = async (ref: SessionRef, t: ChosenTicket): Promise<void> => {
    const quota = storedQuota(t.category.quota);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (quota >= 0 && quota < t.seats) throw categorySoldOut(t.category, quota, t.seats);
      if (await takeOnce(ref, t)) return;
      const count = await read(ref, t.category.categoryId);
      if (count && count.quota !== quota) {
        if (quota >= 0 && count.taken + t.seats > quota)
          throw categorySoldOut(t.category, quota - count.taken, t.seats);
        await requota(ref, t.category.categoryId, count.quota, quota);
        continue;
      }
      const left = count ? count.left : quota;
      if (quota >= 0 && left < t.seats) throw categorySoldOut(t.category, left, t.seats);
      throw staleCategory();
    }
    throw staleCategory();
  };

  return {
    /**
     * Takes every category's places of a booking, all or none: answers how to give them back
     * (when the booking does not commit).
     */
    async take(ref: SessionRef, tickets: readonly ChosenTicket[]): Promise<() => Promise<void>> {
      const taken: ChosenTicket[] = [];
      const undo = async () => {
        for (const t of taken.splice(0)) await giveBack(ref, t.category.categoryId, t.seats);
      };
      try {
        for (const t of tickets) {
          await takeOne(ref, t);
          taken.push(t);
        }
      } catch (err) {
        await undo();
        throw err;
      }
      return undo;
    },
    giveBack,
    read,
  };
};

/**
 * The transaction items of a booking step that gives its categories' places back (cancelled,
 * expired) or takes them again (a late payment confirms a lapsed booking: only while they are left).
 */
export const categoryCounterMoves = (
  tx: TxEntities,
  ref: SessionRef,
  tickets: readonly BookingTicket[],
  move: 'release' | 'acquire',
) =>
  tickets.map((t) => {
    const item = tx.categoryCounter.patch({ ...ref, categoryId: t.categoryId });
    return move === 'release'
      ? { label: 'category', write: item.add({ left: t.seats }).subtract({ taken: t.seats }).commit() }
      : {
          label: 'category',
          write: item
            .add({ taken: t.seats })
            .subtract({ left: t.seats })
            .where((a, { gte, lt }) => `${lt(a.quota, 0)} OR ${gte(a.left, t.seats)}`)
            .commit(),
          fails: 'refused' as const,
        };
  });

/**
 * The transaction items of a waitlist offer that takes its categories' places: each counter as it
 * was read (its `taken` and `quota` unchanged since, or still absent), brought to the category's
 * quota and given the places. A booking that took places since makes the offer stale: the engine
 * reads again. Offers are few, so this optimistic write costs little where a booking's take
 * (above) must not collide.
 */
export const categoryOfferTakes = (
  tx: TxEntities,
  ref: SessionRef,
  tickets: readonly ChosenTicket[],
  counts: ReadonlyMap<string, CategoryCount>,
) =>
  tickets.map((t) => {
    const key = { ...ref, categoryId: t.category.categoryId };
    const quota = storedQuota(t.category.quota);
    const read = counts.get(t.category.categoryId);
    const taken = (read?.taken ?? 0) + t.seats;
    const write = read
      ? tx.categoryCounter
          .patch(key)
          .set({ taken, quota, left: quota - taken })
          .where((a, { eq }) => `${eq(a.taken, read.taken)} AND ${eq(a.quota, read.quota)}`)
          .commit()
      : tx.categoryCounter.create({ ...key, taken, quota, left: quota - taken }).commit();
    return { label: 'category', write, fails: 'refused' as const };
  });
