import { randomInt } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { commitTransactItems } from '../../../kernel/dynamo/low-level-transaction.js';
import type { RetryPolicy } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import {
  aggregate,
  type CounterState,
  counterShardStore,
  counterStamps,
  defaultShardPolicy,
  type ShardPolicy,
  shardLimit,
} from '../../catalog/index.js';
import { staleParty } from '../../people/index.js';
import { categoryTakes } from '../../pricing/index.js';
import { capacityExhausted, seatTaken } from '../domain/bookings-seats.js';
import { bookingLimitReached } from '../domain/holder-limit.js';
import type { NewBooking } from '../domain/ports.js';
import { bookingTake, surelyNotCommitted } from './booking-take.js';
import { type BookingTxPart, bookingSeatPart, bookingTxItems } from './booking-tx-items.js';

/**
 * The booking transaction: the counter, the booking and its seats, its records, and a check that
 * the holder is as read. It touches nothing another session's bookings touch, and checks the
 * session and its event on the counter it changes anyway: the counter's `sessionStamp` (written
 * with every change of the session) and `eventStamp` (updated by every change of the event, its
 * deletion mark and its organization's) must equal the versions the booking was made on.
 *
 * A general-admission booking takes its places from the counter item with a write of its own
 * first, under the same conditions, after writing its claim, and its transaction consumes the
 * claim instead of writing the counter (counter-claims.ts in the catalog): bookings then never
 * hold a counter item in a transaction, where they would refuse each other. A seated booking keeps
 * the counter in its transaction, beside the seats a change of the seating checks.
 *
 * A hot session's places are split over several counter items (counter-shards.ts in the catalog):
 * a booking takes its places from one picked at random, and when that one is dry (or not open
 * yet), it reads them all, opens or refills its own from the others, and tries again; "sold out"
 * is answered only from a read of every item at one instant.
 */

type Part = BookingTxPart;

const eventChanged = () =>
  new DomainError('NOT_BOOKABLE', 'the event changed while booking; read it again', { stale: 'event' });
const sessionChanged = () =>
  new DomainError('NOT_BOOKABLE', 'the session changed while booking; read it again', { stale: 'session' });

/**
 * Tries on a counter item before the answer is "too busy" (each after a read of them all); from the
 * third on, after a short jittered pause, so the buyers left for a session's last places do not
 * all collide again at once.
 */
const maxAttempts = 12;

const pause = (attempt: number): Promise<void> =>
  attempt < 2
    ? Promise.resolve()
    : new Promise((resolve) => setTimeout(resolve, randomInt(5, 10 + 10 * attempt)));

/**
 * Quick retries on one item, before the booking tries another (or the same one after a pause): at
 * most `maxBusyRounds` rounds of them (each after a read that may answer "sold out" at once), so a
 * booking answers 503 within about two seconds.
 */
const quickRetries: RetryPolicy = { attempts: 3, baseDelayMs: 25 };
const maxBusyRounds = 8;

const isBusy = (err: unknown): boolean =>
  err instanceof DomainError && err.code === 'TEMPORARILY_UNAVAILABLE';

export const bookingCreate = (
  service: EventlyService,
  client: DynamoDBClient,
  table: string,
  policy: ShardPolicy = defaultShardPolicy,
) => {
  const { event, session } = service.entities;
  const { stampCounter } = counterStamps(service);
  const shards = counterShardStore(service);
  const takes = bookingTake(service, client, table);
  const categories = categoryTakes(client, table);

  /**
   * What this container last read of each session's counter items: how many are open and which had
   * places. A booking picks among those (so it seldom lands on a dry item, whose refused write is
   * billed too), and on the main counter alone until it knows the others are open.
   */
  const seen = new Map<string, { open: number; roomy: number[] }>();
  const keyOf = (b: { orgId: string; sessionId: string }) => `${b.orgId}#${b.sessionId}`;
  const remember = (b: { orgId: string; sessionId: string }, state: CounterState) => {
    if (seen.size > 1_000) seen.clear();
    const roomy = state.shards.filter((x) => x.available > 0).map((x) => x.shard);
    seen.set(keyOf(b), { open: state.shards.length, roomy });
  };
  const firstPick = (nb: NewBooking, limit: number): number => {
    if (limit === 1) return 0;
    const known = seen.get(keyOf(nb.booking));
    if (!known) return randomInt(limit);
    const among = known.roomy.length > 0 ? known.roomy : [...Array(Math.min(known.open, limit)).keys()];
    return among[randomInt(among.length)] ?? 0;
  };

  /**
   * The counter was told of another event version than the booking was priced on. A counter
   * behind the event (its session was created or listed while the event changed) is brought up to
   * date here, so the retry that follows can pass.
   */
  const eventVersionChanged = async (nb: NewBooking, stamp: string | undefined): Promise<DomainError> => {
    const { orgId, eventId, sessionId } = nb.booking;
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true, attributes: ['updatedAt'] });
    if (data && (stamp === undefined || stamp < data.updatedAt))
      await stampCounter(orgId, sessionId, data.updatedAt);
    return eventChanged();
  };

  /**
   * The session changed since read (its counter carries its version). A counter that has never
   * been told (written before counters carried the session's version) is told here.
   */
  const sessionVersionChanged = async (nb: NewBooking, stamp: string | undefined): Promise<DomainError> => {
    const { orgId, sessionId } = nb.booking;
    if (stamp === undefined) {
      const { data } = await session
        .get({ orgId, sessionId })
        .go({ consistent: true, attributes: ['updatedAt'] });
      if (data) {
        await unlessConditionFails(
          service.entities.sessionCounter
            .patch({ orgId, sessionId })
            .set({ sessionStamp: data.updatedAt })
            .where(({ sessionStamp }, { notExists }) => notExists(sessionStamp))
            .go(),
        );
      }
    }
    return sessionChanged();
  };

  /** A refusal by the holder or a seat: the one error the caller should see. */
  const notTheCounter = (nb: NewBooking, failed: ReadonlySet<Part>): DomainError | undefined => {
    const b = nb.booking;
    if (failed.has('holder')) {
      return nb.holder.kind === 'party' ? staleParty(nb.holder.party.partyId) : notFound('attendee');
    }
    if (failed.has('holderLimit')) return bookingLimitReached(nb.event.settings.bookingsPerAttendee);
    if (failed.has('request')) {
      return new DomainError('INVALID_TRANSITION', 'the join request is no longer pending');
    }
    const seats = b.seatLabels.filter((label) => failed.has(bookingSeatPart(label)));
    return seats.length > 0 ? seatTaken(seats) : undefined;
  };

  /** The counter as one: the versions it carries, then the places (sold out is only said here). */
  const assertBookable = async (nb: NewBooking, state: CounterState | undefined): Promise<void> => {
    const b = nb.booking;
    const main = state?.shards[0];
    if (main?.sessionStamp !== nb.session.updatedAt)
      throw await sessionVersionChanged(nb, main?.sessionStamp);
    if (main.eventStamp !== nb.event.updatedAt) throw await eventVersionChanged(nb, main.eventStamp);
    const { available, waiting = 0 } = aggregate(state as CounterState);
    // While people wait, freed places are theirs: the line is offered them first.
    if (waiting > 0) throw capacityExhausted(0, b.seats, waiting);
    if (available < b.seats) throw capacityExhausted(available, b.seats);
  };

  /**
   * After the counter item `shard` refused (or kept colliding: `busy`): reads every item and
   * answers the item to try next, opening or refilling it first, or throws the refusal (the
   * versions, or no places: a sold-out session is told so without another write).
   */
  const nextShard = async (nb: NewBooking, shard: number, last: boolean, busy = false): Promise<number> => {
    const b = nb.booking;
    const ref = { orgId: b.orgId, sessionId: b.sessionId };
    const state = await shards.snapshot(ref);
    if (state) remember(b, state);
    await assertBookable(nb, state);
    const s = state as CounterState;
    const mine = s.shards.find((x) => x.shard === shard);
    if (last) throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the session is very busy; retry shortly');
    const limit = shardLimit(nb.session, policy);
    if (!mine || (busy && s.shards.length < limit)) {
      // Not open yet (or the main counter is busy): opens every shard the session's size calls
      // for, then tries one.
      if (await shards.open(ref, s, limit)) seen.set(keyOf(b), { open: limit, roomy: [] });
      return mine ? randomInt(limit) : shard;
    }
    if (mine.eventStamp !== nb.event.updatedAt) {
      // Behind the main counter (the event's change is still being told to every item).
      if (mine.eventStamp === undefined || mine.eventStamp < nb.event.updatedAt)
        await stampCounter(b.orgId, b.sessionId, nb.event.updatedAt);
      else throw eventChanged();
      return shard;
    }
    if (mine.sessionStamp !== nb.session.updatedAt) throw sessionChanged();
    // Dry (or busy): another item that has the places, else places moved here from those with most.
    const roomy = s.shards.filter((x) => x.available >= b.seats && !(busy && x.shard === shard));
    if (mine.available >= b.seats && (!busy || roomy.length === 0)) return shard;
    const pick = roomy[roomy.length > 0 ? randomInt(roomy.length) : 0];
    if (pick) return pick.shard;
    await shards.refill(ref, s, shard, b.seats);
    return shard;
  };

  /**
   * The transaction on counter item `shard`, built for the low-level client (booking-tx-items.ts):
   * the labels that refused, or none when it committed.
   */
  const attempt = async (nb: NewBooking, shard: number): Promise<ReadonlySet<Part> | undefined> => {
    const { items, parts } = bookingTxItems(table, nb, shard);
    const { committed, failed } = await commitTransactItems(client, items, parts, quickRetries);
    return committed ? undefined : failed;
  };

  /**
   * Runs `write` on a counter item: the first one picked, then those `nextShard` answers while the
   * item refuses (`write` answers false) or stays busy. Answers the item it succeeded on; throws
   * the refusal (sold out, changed, too busy) or what `write` throws otherwise.
   */
  const onCounterItem = async (
    nb: NewBooking,
    write: (shard: number) => Promise<boolean>,
  ): Promise<number> => {
    let shard = firstPick(nb, shardLimit(nb.session, policy));
    let busy = 0;
    for (let n = 1; ; n += 1) {
      try {
        if (await write(shard)) return shard;
      } catch (err) {
        // Still colliding after the quick retries: this item is busy, another may not be (or it
        // may be free after a pause).
        busy += 1;
        if (!(n < maxAttempts && busy < maxBusyRounds && isBusy(err))) throw err;
        shard = await nextShard(nb, shard, false, true);
        await pause(n);
        continue;
      }
      shard = await nextShard(nb, shard, n === maxAttempts);
      await pause(n);
    }
  };

  /** Takes the places from a counter item by a single write (general admission). */
  const takePlaces = (nb: NewBooking): Promise<number> =>
    onCounterItem(nb, (shard) => takes.take(nb, shard, quickRetries));

  /**
   * Whether the holder is still as the booking read it: what the transaction's holder check tests,
   * read instead, for a booking refused before its transaction (a stranger's attendee is not told
   * that the session is full).
   */
  const holderStands = async (nb: NewBooking): Promise<boolean> => {
    const { orgId } = nb.booking;
    const { holder } = nb;
    if (holder.kind === 'party') {
      const { data } = await service.entities.party
        .get({ orgId, partyId: holder.party.partyId })
        .go({ consistent: true, attributes: ['version'] });
      return data?.version === holder.party.version;
    }
    const { data } = await service.entities.attendee
      .get({ orgId, attendeeId: holder.attendeeId })
      .go({ consistent: true, attributes: ['attendeeId', 'userId'] });
    return data !== null && (holder.linkedTo === null || data.userId === holder.linkedTo);
  };

  /** General admission: claim, take, then the transaction that consumes the claim. */
  const bookTaken = async (nb: NewBooking): Promise<void> => {
    await takes.claim(nb);
    let taken: number | undefined;
    let holderJudged = false;
    try {
      taken = await takePlaces(nb);
      const { items, parts } = bookingTxItems(table, nb, 'taken');
      const { committed, failed } = await commitTransactItems(client, items, parts);
      if (committed) return;
      holderJudged = true;
      const from = taken;
      taken = undefined;
      await takes.giveBack(nb, from);
      // The claim is gone: a change of the session or event came between the take and now.
      if (failed.has('claim')) throw sessionChanged();
      throw notTheCounter(nb, failed) ?? new Error(`booking transaction refused: ${[...failed].join(', ')}`);
    } catch (err) {
      // Not given back when the transaction may have committed after all (a timeout): the places
      // then stay taken (a leak, never an oversell) until the counters are recounted from the bookings.
      if (taken !== undefined && surelyNotCommitted(err)) await takes.giveBack(nb, taken);
      await takes.drop(nb);
      // Refused before the transaction (full, closed): the holder is judged first, as it would be there.
      if (!holderJudged && err instanceof DomainError && !isBusy(err) && !(await holderStands(nb)))
        throw notTheCounter(nb, new Set<Part>(['holder']));
      throw err;
    }
  };

  const book = async (nb: NewBooking): Promise<void> => {
    if (nb.booking.seatLabels.length === 0) return bookTaken(nb);
    // Seated: the whole booking, counter included, in one transaction.
    await onCounterItem(nb, async (shard) => {
      const failed = await attempt(nb, shard);
      if (!failed) return true;
      const other = notTheCounter(nb, failed);
      if (other) throw other;
      return false;
    });
  };

  /**
   * The places of the booking's ticket categories come first (pricing's category-takes.ts), and
   * go back when the booking surely did not commit.
   */
  return async (nb: NewBooking): Promise<void> => {
    const giveBackCategories = await categories.take(nb.booking, nb.tickets);
    try {
      await book(nb);
    } catch (err) {
      if (surelyNotCommitted(err)) await giveBackCategories();
      throw err;
    }
  };
};
