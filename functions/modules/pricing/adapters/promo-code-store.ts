import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import { promoCodeExists, promoCodeInUse } from '../domain/promo-model.js';
import type { PromoCodeStore } from '../domain/promo-ports.js';
import { type CodeRef, toPromo } from './promo-items.js';

/** The terms a change may remove (set to null): absent attributes in the item. */
const removable = ['categoryIds', 'maxUses', 'maxUsesPerPerson', 'validFrom', 'validUntil'] as const;

const refOf = (p: CodeRef): CodeRef => ({ orgId: p.orgId, eventId: p.eventId, code: p.code });

/** A batch delete's count; left unprocessed, the step fails and is run again rather than miscounted. */
const deletedAll = async (count: number, done: Promise<{ unprocessed: readonly unknown[] }>) => {
  const { unprocessed } = await done;
  if (unprocessed.length > 0) throw new Error(`a purge left ${unprocessed.length} deletes unprocessed`);
  return count;
};

export const dynamoPromoCodeStore = (service: EventlyService): PromoCodeStore => {
  const { event, promoCode, promoUse, promoRedemption } = service.entities;

  const get = async (orgId: string, eventId: string, code: string) => {
    const { data } = await promoCode.get({ orgId, eventId, code }).go({ consistent: true });
    return data ? toPromo(data) : undefined;
  };

  const whyEventRefused = async (orgId: string, eventId: string): Promise<Error> => {
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true });
    if (!data) return notFound('event');
    return new DomainError('EVENT_DELETING', 'the event is being deleted');
  };

  /** Deletes up to `limit` uses of a code (per-person counts, then redemption records); how many. */
  const purgeUses = async (ref: CodeRef, limit: number): Promise<number> => {
    if (limit <= 0) return 0;
    const { data: people } = await promoUse.query.byPerson(ref).go({ limit });
    const keys = people.map((p) => ({ ...ref, personKey: p.personKey }));
    let removed = keys.length > 0 ? await deletedAll(keys.length, promoUse.delete(keys).go()) : 0;
    if (removed === limit) return removed;
    const { data: records } = await promoRedemption.query.byBooking(ref).go({ limit: limit - removed });
    const bookings = records.map((r) => ({ ...ref, bookingId: r.bookingId }));
    if (bookings.length > 0)
      removed += await deletedAll(bookings.length, promoRedemption.delete(bookings).go());
    return removed;
  };

  const purgeAllUses = async (ref: CodeRef): Promise<void> => {
    const batch = 100;
    while ((await purgeUses(ref, batch)) === batch);
  };

  return {
    get,

    async create(promo) {
      const { orgId, eventId } = promo;
      await commitTransaction(service, (tx) => [
        {
          label: 'event',
          // In the same transaction: a code put beside an event whose cascade already ran would be orphaned.
          write: tx.event
            .check({ orgId, eventId })
            .where(({ deleting }, { eq }) => eq(deleting, false))
            .commit(),
          fails: () => whyEventRefused(orgId, eventId),
        },
        {
          label: 'code',
          write: tx.promoCode.create(toStored(promo)).commit(),
          fails: promoCodeExists(promo.code),
        },
      ]);
    },

    list: (orgId, eventId, page) =>
      queryPage(
        `promo-codes:${orgId}:${eventId}`,
        page,
        (opts) => promoCode.query.byEvent({ orgId, eventId }).go(opts),
        toPromo,
      ),

    async update(current, next) {
      const cleared = removable.filter((f) => next[f] === null);
      const { status, updatedAt, categoryIds, maxUses, maxUsesPerPerson, validFrom, validUntil } = next;
      let patch = promoCode.patch(refOf(current)).set({
        status,
        updatedAt,
        ...(categoryIds === null ? {} : { categoryIds }),
        ...(maxUses === null ? {} : { maxUses }),
        ...(maxUsesPerPerson === null ? {} : { maxUsesPerPerson }),
        ...(validFrom === null ? {} : { validFrom }),
        ...(validUntil === null ? {} : { validUntil }),
      });
      if (cleared.length > 0) patch = patch.remove(cleared);
      try {
        const { data } = await patch
          // `used` is not read from `current`: redemptions move it meanwhile, the condition reads it live.
          .where((a, { eq, lte }) =>
            maxUses === null
              ? eq(a.updatedAt, current.updatedAt)
              : `${eq(a.updatedAt, current.updatedAt)} AND ${lte(a.used, maxUses)}`,
          )
          .go({ response: 'all_new' });
        return toPromo(data);
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const now = await get(current.orgId, current.eventId, current.code);
        if (!now) throw notFound('promo code');
        if (maxUses !== null && now.used > maxUses) throw promoCodeInUse(now.code, now.used, 'maxUses');
        throw new DomainError('CONFLICT', `promo code ${current.code} was changed meanwhile; read it again`);
      }
    },

    async remove(orgId, eventId, code) {
      const ref = { orgId, eventId, code };
      let removed = true;
      try {
        await promoCode
          .delete(ref)
          .where((a, { eq }) => eq(a.used, 0))
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const now = await get(orgId, eventId, code);
        if (now) throw promoCodeInUse(code, now.used);
        removed = false;
      }
      // Then what the code leaves: per-person counts and records of redemptions that never counted.
      await purgeAllUses(ref);
      return removed;
    },

    async purgeEvent(orgId, eventId, limit) {
      let removed = 0;
      const { data: codes } = await promoCode.query.byEvent({ orgId, eventId }).go({ limit });
      for (const { code } of codes) {
        const ref = { orgId, eventId, code };
        // The uses first: a purge that dies half-way still finds them through their code.
        removed += await purgeUses(ref, limit - removed);
        if (removed === limit) return removed;
        await promoCode.delete(ref).go();
        removed += 1;
        if (removed === limit) return removed;
      }
      return removed;
    },
  };
};
