import type { EntityItem } from 'electrodb';
import { DomainError } from '../../../kernel/domain/errors.js';
import { retryTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import {
  commitTransaction,
  isConditionFailure,
  type TxEntities,
  type TxItem,
  unlessConditionFails,
} from '../../../kernel/dynamo/transactions.js';
import { normalizePromoCode, type PromoCode, type RedemptionRefusal } from '../domain/promo-model.js';
import type { PromoRedemptions, RedeemInput, RedeemOutcome } from '../domain/promo-ports.js';
import { refusalAt, utcForm } from '../domain/promo-rules.js';
import type { promoRedemptionEntity, promoUseEntity } from './entities/promo-use.js';
import { type CodeRef, toPromo } from './promo-items.js';

type Redemption = EntityItem<typeof promoRedemptionEntity>;
type Use = EntityItem<typeof promoUseEntity>;

const refused = (reason: RedemptionRefusal): RedeemOutcome => ({ ok: false, reason });

/** Tries of the code's count: a refusal whose reason no longer holds when read (a use was given back) is tried again. */
const codeAttempts = 5;

/** How long a try waits for another try of the same booking (see `settle`). */
const settleWaits = 10;
const settleWaitMs = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const holds = (use: Use | undefined, bookingId: string): use is Use =>
  use?.bookingIds?.includes(bookingId) === true;

/**
 * The uses of promo codes (domain/promo-ports.ts), each step a single conditional write: the code
 * item is shared by every booking of its event, so it is never part of a booking's transaction.
 *
 * A redemption record is `claimed` until the code's count took the use, then `counted`. A second
 * try of a booking whose record is `claimed` waits for the first (`settle`); when the first died
 * half-way, the second finishes its use (the person's count holds the booking id, so it is not
 * taken twice), and a release undoes what it did. The one window left, a death between the code's
 * count and the record's `counted`, makes a retry count the code twice: a use too many, never one
 * too few, so `maxUses` is never exceeded.
 */
export const dynamoPromoRedemptions = (service: EventlyService): PromoRedemptions => {
  const { promoCode, promoUse, promoRedemption } = service.entities;

  const readCode = async (ref: CodeRef) => {
    const { data } = await promoCode.get(ref).go({ consistent: true });
    return data ? toPromo(data) : undefined;
  };
  const readRecord = async (ref: CodeRef, bookingId: string) =>
    (await promoRedemption.get({ ...ref, bookingId }).go({ consistent: true })).data ?? undefined;
  const readUse = async (ref: CodeRef, personKey: string) =>
    (await promoUse.get({ ...ref, personKey }).go({ consistent: true })).data ?? undefined;

  /** The person's use, unless they are at their limit; true also when it already holds the booking. */
  const countPerson = async (ref: CodeRef, personKey: string, bookingId: string, max: number | null) => {
    const counted = await retryTransient(() =>
      unlessConditionFails(
        promoUse
          .update({ ...ref, personKey })
          .add({ uses: 1, bookingIds: [bookingId] })
          .where((a, { notContains, notExists, lt }) =>
            max === null
              ? notContains(a.bookingIds, bookingId)
              : `${notContains(a.bookingIds, bookingId)} AND (${notExists(a.uses)} OR ${lt(a.uses, max)})`,
          )
          .go(),
      ),
    );
    return counted || holds(await readUse(ref, personKey), bookingId);
  };

  /** The code's use: active, inside its window and below `maxUses`, all in the write's condition. */
  const countCode = async (ref: CodeRef, at: string): Promise<RedeemOutcome> => {
    for (let attempt = 1; attempt <= codeAttempts; attempt++) {
      try {
        const { data } = await retryTransient(() =>
          promoCode
            .patch(ref)
            .add({ used: 1 })
            .where((a, { eq, lte, gt, notExists, name }) =>
              [
                eq(a.status, 'active'),
                `(${notExists(a.maxUses)} OR ${name(a.used)} < ${name(a.maxUses)})`,
                `(${notExists(a.validFrom)} OR ${lte(a.validFrom, at)})`,
                `(${notExists(a.validUntil)} OR ${gt(a.validUntil, at)})`,
              ].join(' AND '),
            )
            .go({ response: 'all_new' }),
        );
        return { ok: true, promo: toPromo(data) };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const now = await readCode(ref);
        if (!now) return refused('NOT_FOUND');
        const reason = refusalAt(now, at);
        if (reason) return refused(reason);
      }
    }
    return refused('USED_UP');
  };

  /** The transaction items that give back what `record` took. */
  const giveBack = (
    tx: TxEntities,
    ref: CodeRef,
    record: Redemption,
    use: Use | undefined,
    withCode: boolean,
  ) => {
    const { bookingId } = record;
    const items: TxItem<'record' | 'person' | 'code'>[] = [
      {
        label: 'record',
        write: tx.promoRedemption
          .delete({ ...ref, bookingId })
          .where((a, { eq }) => eq(a.stage, record.stage))
          .commit(),
        fails: 'refused',
      },
    ];
    if (holds(use, bookingId)) {
      const key = { ...ref, personKey: record.personKey };
      items.push({
        label: 'person',
        // The person's last use takes their item with it.
        write:
          use.uses === 1
            ? tx.promoUse
                .delete(key)
                .where((a, { eq, contains }) => `${eq(a.uses, 1)} AND ${contains(a.bookingIds, bookingId)}`)
                .commit()
            : tx.promoUse
                .update(key)
                .subtract({ uses: 1 })
                .delete({ bookingIds: [bookingId] })
                .where((a, { contains }) => contains(a.bookingIds, bookingId))
                .commit(),
        fails: 'refused',
      });
    }
    if (withCode && record.stage === 'counted') {
      items.push({
        label: 'code',
        write: tx.promoCode
          .patch(ref)
          .subtract({ used: 1 })
          .where((a, { gt }) => gt(a.used, 0))
          .commit(),
        fails: 'refused',
      });
    }
    return items;
  };

  /** Gives back the booking's use; false when it held none (already given back, or never taken). */
  const giveBackUse = async (ref: CodeRef, bookingId: string): Promise<boolean> => {
    let withCode = true;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const record = await readRecord(ref, bookingId);
      if (!record) return false;
      const use = await readUse(ref, record.personKey);
      const outcome = await commitTransaction(service, (tx) => giveBack(tx, ref, record, use, withCode));
      if (outcome.committed) return true;
      // A code at 0 (or gone) has nothing to give back; anything else changed meanwhile: read again.
      if (outcome.failed.size === 1 && outcome.failed.has('code')) withCode = false;
    }
    throw new Error(`promo code ${ref.code}: the use of booking ${bookingId} kept changing while given back`);
  };

  /** The person's count, the code's count, then the record `counted`: the writes of one use. */
  const finish = async (ref: CodeRef, promo: PromoCode, personKey: string, bookingId: string, at: string) => {
    if (!(await countPerson(ref, personKey, bookingId, promo.maxUsesPerPerson))) {
      await giveBackUse(ref, bookingId);
      return refused('PERSON_LIMIT');
    }
    const outcome = await countCode(ref, at);
    if (!outcome.ok) {
      await giveBackUse(ref, bookingId);
      return outcome;
    }
    await unlessConditionFails(
      promoRedemption
        .patch({ ...ref, bookingId })
        .set({ stage: 'counted' })
        .where((a, { eq }) => eq(a.stage, 'claimed'))
        .go(),
    );
    return outcome;
  };

  /**
   * A `claimed` record this try did not write belongs to another try of the same booking: waits
   * a moment for it to be counted or given back. Still claimed then, that try died.
   */
  const settle = async (ref: CodeRef, bookingId: string) => {
    let record = await readRecord(ref, bookingId);
    for (let wait = 1; record?.stage === 'claimed' && wait <= settleWaits; wait++) {
      await sleep(settleWaitMs);
      record = await readRecord(ref, bookingId);
    }
    return record;
  };

  const redeem = async (input: RedeemInput, again: boolean): Promise<RedeemOutcome> => {
    const code = normalizePromoCode(input.code);
    if (!code) return refused('NOT_FOUND');
    const ref = { orgId: input.orgId, eventId: input.eventId, code };
    const { bookingId } = input;
    const at = utcForm(input.at);
    const [promo, found] = await Promise.all([readCode(ref), readRecord(ref, bookingId)]);
    if (!found) {
      if (!promo) return refused('NOT_FOUND');
      // Refused as read: nothing written. The writes decide by their own conditions.
      const early = refusalAt(promo, at);
      if (early) return refused(early);
      const claim = {
        ...ref,
        bookingId,
        personKey: input.personKey,
        redeemedAt: at,
        stage: 'claimed' as const,
      };
      if (await retryTransient(() => unlessConditionFails(promoRedemption.create(claim).go()))) {
        return finish(ref, promo, input.personKey, bookingId, at);
      }
    }
    const record = found?.stage === 'counted' ? found : await settle(ref, bookingId);
    if (!record) {
      // The other try was refused and gave its claim back: this one asks afresh, once.
      if (again) return redeem(input, false);
      throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the booking is redeeming this promo code meanwhile');
    }
    if (record.stage === 'counted') {
      const now = await readCode(ref);
      return now ? { ok: true, promo: now } : refused('NOT_FOUND');
    }
    if (!promo) {
      await giveBackUse(ref, bookingId);
      return refused('NOT_FOUND');
    }
    // An interrupted try: finished, counted against the person it was for.
    return finish(ref, promo, record.personKey, bookingId, at);
  };

  return {
    redeem: (input) => redeem(input, true),

    async release(input) {
      const code = normalizePromoCode(input.code);
      if (!code) return false;
      return giveBackUse({ orgId: input.orgId, eventId: input.eventId, code }, input.bookingId);
    },
  };
};
