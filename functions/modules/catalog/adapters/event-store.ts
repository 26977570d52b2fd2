import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { expectCommitted, type TransactionOutcome } from '../../../kernel/dynamo/transactions.js';
import { eventDeleting, venueDeleting } from '../domain/errors.js';
import type { Event } from '../domain/model.js';
import type { EventFilter, EventStore } from '../domain/ports.js';
import {
  type EventItem,
  type ListingItem,
  listingsOf,
  toEvent,
  toEventItem,
  toPublicEvent,
} from './event-items.js';

/** Which item of a cancelled transaction failed its condition (-1: none, or not cancelled). */
const failedCondition = (o: TransactionOutcome): number =>
  o.canceled ? o.data.findIndex((d) => d.code === 'ConditionalCheckFailed') : -1;

/**
 * Date ranges are half-open, [from, to), on `startKey`. Bounds outside any ISO date keep one-sided
 * ranges off the `unscheduled` key, which sorts after every date.
 */
const rangeOf = (f: { from?: string | undefined; to?: string | undefined }) =>
  f.from || f.to ? ([{ startKey: f.from ?? '0000' }, { startKey: f.to ?? '9999' }] as const) : undefined;

const listName = (orgId: string, f: EventFilter): string =>
  `events:${orgId}:${f.venueId ?? ''}:${f.status ?? ''}:${f.from ?? ''}:${f.to ?? ''}`;

export const dynamoEventStore = (service: EventlyService): EventStore => {
  const { event, eventListing, venue } = service.entities;
  const keyOf = (e: Pick<Event, 'orgId' | 'eventId'>) => ({ orgId: e.orgId, eventId: e.eventId });

  const get = async (orgId: string, eventId: string) => {
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true });
    return data ? toEvent(data as EventItem) : undefined;
  };

  /** Explains why the venue check (item 0) or the event write (item 1) of a change failed. */
  const explain = async (
    outcome: TransactionOutcome,
    e: Event,
    current: Event | undefined,
  ): Promise<never> => {
    const failed = failedCondition(outcome);
    if (failed === 0) {
      const { data } = await venue.get({ orgId: e.orgId, venueId: e.venueId }).go({ consistent: true });
      if (data) throw venueDeleting();
      throw validationFailed([{ field: 'venueId', message: 'is not a venue of this organization' }]);
    }
    if (failed === 1) {
      if (!current) throw new DomainError('CONFLICT', 'an event with this id already exists');
      const now = await get(e.orgId, e.eventId);
      if (!now) throw notFound('event');
      if (now.deleting) throw eventDeleting();
      throw new DomainError('CONFLICT', 'the event was changed by someone else meanwhile; read it again');
    }
    expectCommitted(outcome, []);
    throw new Error('unreachable: a cancelled transaction always throws');
  };

  /**
   * One transaction: the venue must exist and not be deleting, the event is put (conditional on
   * being unchanged since read, or new), and its listing items follow it.
   */
  const write = async (next: Event, current: Event | undefined) => {
    const wanted = listingsOf(next);
    const stale = (current ? listingsOf(current) : []).filter(
      (l) => !wanted.some((w) => w.scope === l.scope),
    );
    const outcome = await service.transaction
      .write(({ venue: v, event: ev, eventListing: listing }) => [
        v
          .check({ orgId: next.orgId, venueId: next.venueId })
          .where(({ deleting }, { eq }) => eq(deleting, false))
          .commit(),
        current
          ? ev
              .put(toEventItem(next))
              .where(
                ({ updatedAt, deleting }, { eq }) =>
                  `${eq(updatedAt, current.updatedAt)} AND ${eq(deleting, false)}`,
              )
              .commit()
          : ev.create(toEventItem(next)).commit(),
        ...wanted.map((l) => listing.put(l).commit()),
        ...stale.map((l) => listing.delete({ ...keyOf(next), scope: l.scope }).commit()),
      ])
      .go();
    if (outcome.canceled) await explain(outcome, next, current);
  };

  const listingScopes = async (orgId: string, eventId: string) => {
    const { data } = await eventListing.query.byEvent({ orgId, eventId }).go({ pages: 'all' });
    return data.map((l) => l.scope);
  };

  const remove = async (orgId: string, eventId: string) => {
    const scopes = await listingScopes(orgId, eventId);
    const outcome = await service.transaction
      .write(({ event: ev, eventListing: listing }) => [
        ev.delete({ orgId, eventId }).commit(),
        ...scopes.map((scope) => listing.delete({ orgId, eventId, scope }).commit()),
      ])
      .go();
    expectCommitted(outcome, []);
  };

  return {
    get,

    create: (e) => write(e, undefined),

    replace: (current, next) => write(next, current),

    list: (orgId, filter, page) =>
      queryPage(
        listName(orgId, filter),
        page,
        (opts) => {
          const range = rangeOf(filter);
          const { venueId, status } = filter;
          if (venueId) {
            const q = event.query.byVenue({ orgId, venueId });
            // The one filter an index cannot add: a venue's events of one status.
            return (range ? q.between(...range) : q)
              .where((a, { eq }) => (status ? eq(a.status, status) : ''))
              .go(opts);
          }
          if (status) {
            const q = event.query.byStatus({ orgId, status });
            return (range ? q.between(...range) : q).go(opts);
          }
          const q = event.query.byDate({ orgId });
          return (range ? q.between(...range) : q).go(opts);
        },
        (i) => toEvent(i as EventItem),
      ),

    listPublic: (filter, page) => {
      const scope = filter.tag ? `tag#${filter.tag}` : 'all';
      return queryPage(
        `public-events:${scope}:${filter.from ?? ''}:${filter.to ?? ''}`,
        page,
        (opts) => {
          const range = rangeOf(filter);
          const q = eventListing.query.byScope({ scope });
          return (range ? q.between(...range) : q).go(opts);
        },
        (l) => toPublicEvent(l as ListingItem),
      );
    },

    async markDeleting(e, at) {
      if (e.deleting) return;
      const outcome = await service.transaction
        .write(({ event: ev, eventListing: listing }) => [
          ev
            .patch(keyOf(e))
            .set({ deleting: true, updatedAt: at })
            .where(({ updatedAt }, { eq }) => eq(updatedAt, e.updatedAt))
            .commit(),
          ...listingsOf(e).map((l) => listing.delete({ ...keyOf(e), scope: l.scope }).commit()),
        ])
        .go();
      if (failedCondition(outcome) !== 0) return expectCommitted(outcome, []);
      const now = await get(e.orgId, e.eventId);
      if (!now) throw notFound('event');
      if (now.deleting) return;
      throw new DomainError('CONFLICT', 'the event was changed by someone else meanwhile; retry');
    },

    async unmarkDeleting(e, at) {
      const restored = { ...e, deleting: false, updatedAt: at };
      const outcome = await service.transaction
        .write(({ event: ev, eventListing: listing }) => [
          ev
            .patch(keyOf(e))
            .set({ deleting: false, updatedAt: at })
            .where(({ deleting }, { eq }) => eq(deleting, true))
            .commit(),
          ...listingsOf(restored).map((l) => listing.put(l).commit()),
        ])
        .go();
      // Not marked (any more): nothing to take back.
      if (failedCondition(outcome) === 0) return;
      expectCommitted(outcome, []);
    },

    remove,

    async purgeOrg(orgId, limit) {
      const { data } = await event.query.byOrg({ orgId }).go({ limit });
      for (const e of data) await remove(orgId, e.eventId);
      return data.length;
    },
  };
};
