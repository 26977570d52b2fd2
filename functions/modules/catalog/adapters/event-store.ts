import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { nextStamp } from '../../../kernel/domain/stamps.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import { discoveryEntryOf, toDiscoveryItem } from '../../discovery/index.js';
import { eventDeleting, venueDeleting } from '../domain/errors.js';
import type { Event, Venue } from '../domain/model.js';
import type { EventFilter, EventStore } from '../domain/ports.js';
import { counterStamps } from './counter-stamps.js';
import { listingsOf, toEvent, toEventItem, toPublicEvent } from './event-items.js';

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
  const { stampEventCounters } = counterStamps(service);
  const keyOf = (e: Pick<Event, 'orgId' | 'eventId'>) => ({ orgId: e.orgId, eventId: e.eventId });

  const get = async (orgId: string, eventId: string) => {
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true });
    return data ? toEvent(data) : undefined;
  };

  /** The venue's place, which the event's discovery entry carries (none: not discoverable). */
  const venueOf = async (e: Pick<Event, 'orgId' | 'venueId'>) => {
    const { data } = await venue.get({ orgId: e.orgId, venueId: e.venueId }).go({ consistent: true });
    return data;
  };
  const geoOf = async (e: Pick<Event, 'orgId' | 'venueId'>) => (await venueOf(e))?.geo ?? null;

  /**
   * The write that keeps the event's discovery entry in step (docs/discovery.md): put when the
   * event is discoverable at `geo`, else delete (a delete of no item is harmless).
   */
  const discoveryWrite = (
    tx: Parameters<Parameters<typeof commitTransaction>[1]>[0],
    e: Event,
    geo: Venue['geo'],
  ) => {
    const entry = discoveryEntryOf(e, geo);
    return {
      label: 'discovery',
      write: entry
        ? tx.discoveryItem.put(toDiscoveryItem(entry)).commit()
        : tx.discoveryItem.delete(keyOf(e)).commit(),
    };
  };

  /** Why the venue check of a change failed: the venue is being deleted, or is not there. */
  const whyVenueFailed = async (e: Event): Promise<DomainError> => {
    const { data } = await venue.get({ orgId: e.orgId, venueId: e.venueId }).go({ consistent: true });
    if (data && !data.deleting)
      return new DomainError('CONFLICT', 'the venue was changed by someone else meanwhile; retry');
    if (data) return venueDeleting();
    return validationFailed([{ field: 'venueId', message: 'is not a venue of this organization' }]);
  };

  /** Why the event write of a change failed, read again. */
  const whyEventFailed = async (e: Event, current: Event | undefined): Promise<DomainError> => {
    if (!current) return new DomainError('CONFLICT', 'an event with this id already exists');
    const now = await get(e.orgId, e.eventId);
    if (!now) return notFound('event');
    if (now.deleting) return eventDeleting();
    return new DomainError('CONFLICT', 'the event was changed by someone else meanwhile; read it again');
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
    // The discovery entry carries the venue's place as read: the venue must still be as read.
    const at = await venueOf(next);
    await commitTransaction(service, (tx) => {
      const { venue: v, event: ev, eventListing: listing } = tx;
      return [
        {
          label: 'venue',
          write: v
            .check({ orgId: next.orgId, venueId: next.venueId })
            .where(({ deleting, updatedAt }, { eq }) =>
              at ? `${eq(deleting, false)} AND ${eq(updatedAt, at.updatedAt)}` : eq(deleting, false),
            )
            .commit(),
          fails: () => whyVenueFailed(next),
        },
        {
          label: 'event',
          write: current
            ? ev
                .put(toEventItem(next))
                .where(
                  ({ updatedAt, deleting }, { eq }) =>
                    `${eq(updatedAt, current.updatedAt)} AND ${eq(deleting, false)}`,
                )
                .commit()
            : ev.create(toEventItem(next)).commit(),
          fails: () => whyEventFailed(next, current),
        },
        ...wanted.map((l) => ({ label: 'listing', write: listing.put(l).commit() })),
        ...stale.map((l) => ({
          label: 'listing',
          write: listing.delete({ ...keyOf(next), scope: l.scope }).commit(),
        })),
        discoveryWrite(tx, next, at?.geo ?? null),
      ];
    });
    // Bookings priced on the version before stop at each session's counter from here on.
    if (current) await stampEventCounters(next.orgId, next.eventId, next.updatedAt);
  };

  const listingScopes = async (orgId: string, eventId: string) => {
    const { data } = await eventListing.query.byEvent({ orgId, eventId }).go({ pages: 'all' });
    return data.map((l) => l.scope);
  };

  const remove = async (orgId: string, eventId: string) => {
    const scopes = await listingScopes(orgId, eventId);
    await commitTransaction(service, ({ event: ev, eventListing: listing, discoveryItem }) => [
      { label: 'event', write: ev.delete({ orgId, eventId }).commit() },
      ...scopes.map((scope) => ({
        label: 'listing',
        write: listing.delete({ orgId, eventId, scope }).commit(),
      })),
      { label: 'discovery', write: discoveryItem.delete({ orgId, eventId }).commit() },
    ]);
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
        toEvent,
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
        toPublicEvent,
      );
    },

    async markDeleting(e, at) {
      if (e.deleting) return;
      const stamp = nextStamp(e.updatedAt, new Date(at));
      const { committed } = await commitTransaction(
        service,
        ({ event: ev, eventListing: listing, discoveryItem }) => [
          { label: 'discovery', write: discoveryItem.delete(keyOf(e)).commit() },
          {
            label: 'event',
            write: ev
              .patch(keyOf(e))
              .set({ deleting: true, updatedAt: stamp })
              .where(({ updatedAt }, { eq }) => eq(updatedAt, e.updatedAt))
              .commit(),
            // Changed since read: whether it is now marked decides, read again below.
            fails: 'refused',
          },
          ...listingsOf(e).map((l) => ({
            label: 'listing',
            write: listing.delete({ ...keyOf(e), scope: l.scope }).commit(),
          })),
        ],
      );
      if (committed) return stampEventCounters(e.orgId, e.eventId, stamp);
      const now = await get(e.orgId, e.eventId);
      if (!now) throw notFound('event');
      // Marked by another request, which tells the counters; telling them again is harmless.
      if (now.deleting) return stampEventCounters(e.orgId, e.eventId, now.updatedAt);
      throw new DomainError('CONFLICT', 'the event was changed by someone else meanwhile; retry');
    },

    async unmarkDeleting(e, at) {
      // After the mark's version, whatever the clock says: counters only take newer versions.
      const marked = await get(e.orgId, e.eventId);
      if (!marked?.deleting) return;
      const stamp = nextStamp(marked.updatedAt, new Date(at));
      const restored = { ...e, deleting: false, updatedAt: stamp };
      const geo = await geoOf(e);
      const { committed } = await commitTransaction(service, (tx) => [
        discoveryWrite(tx, restored, geo),
        {
          label: 'event',
          write: tx.event
            .patch(keyOf(e))
            .set({ deleting: false, updatedAt: stamp })
            .where(
              ({ deleting, updatedAt }, { eq }) =>
                `${eq(deleting, true)} AND ${eq(updatedAt, marked.updatedAt)}`,
            )
            .commit(),
          // Not marked (any more), or changed since read: nothing to take back here.
          fails: 'refused',
        },
        ...listingsOf(restored).map((l) => ({ label: 'listing', write: tx.eventListing.put(l).commit() })),
      ]);
      if (committed) await stampEventCounters(e.orgId, e.eventId, stamp);
    },

    remove,

    async reindexVenue(v) {
      const { data } = await event.query.byVenue({ orgId: v.orgId, venueId: v.venueId }).go({ pages: 'all' });
      for (const item of data) {
        // Each entry on its own, conditional on its event as read: an event changed meanwhile is
        // read again (its own write placed its entry by the venue as it read it).
        for (let e: Event | undefined = toEvent(item); e; ) {
          const read: Event = e;
          const { committed } = await commitTransaction(service, (tx) => [
            {
              label: 'event',
              write: tx.event
                .check(keyOf(read))
                .where(({ updatedAt }, { eq }) => eq(updatedAt, read.updatedAt))
                .commit(),
              fails: 'refused',
            },
            discoveryWrite(tx, read, v.geo),
          ]);
          e = committed ? undefined : await get(read.orgId, read.eventId);
        }
      }
    },

    async purgeOrg(orgId, limit) {
      const { data } = await event.query.byOrg({ orgId }).go({ limit });
      for (const e of data) await remove(orgId, e.eventId);
      return data.length;
    },
  };
};
