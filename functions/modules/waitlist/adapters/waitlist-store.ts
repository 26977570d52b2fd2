import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import { retryTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import {
  expectCommitted,
  failedItems,
  type TransactionOutcome,
} from '../../../kernel/dynamo/transactions.js';
import { toBookingItem } from '../../bookings/adapters/booking-items.js';
import {
  sessionCapacityReleased,
  sessionUnchanged,
  stepRecords,
} from '../../bookings/adapters/booking-records.js';
import { systemActor } from '../../bookings/domain/model.js';
import type { TxEntities } from '../../notifications/adapters/notification-records.js';
import type { WaitlistEntry } from '../domain/model.js';
import type { EntryExit, EntryMove, Offer, WaitlistStore, WaitlistWrite } from '../domain/ports.js';
import {
  entryKey,
  slotItemOf,
  slotKey,
  toEntry,
  toEntryItem,
  toSlot,
  type WaitlistEntryItem,
} from './waitlist-items.js';
import { purgeSessionWaitlist } from './waitlist-purge.js';
import { entryNotification, holderItemKey } from './waitlist-records.js';

/** A transaction whose first item is the entry's own condition: its failure means "read again". */
const settle = (outcome: TransactionOutcome): WaitlistWrite => {
  if (failedItems(outcome).length > 0) return 'stale';
  expectCommitted(outcome, []);
  return 'done';
};

/** Wakes the offer engine in the same transaction as a change of the line while places are free. */
const wakeRecord = (tx: TxEntities, e: WaitlistEntry, at: string, change: string) =>
  sessionCapacityReleased(tx, {
    orgId: e.orgId,
    sessionId: e.sessionId,
    at,
    key: `${e.entryId}#${change}#${at}`,
    payload: { entryId: e.entryId, change },
  });

export const dynamoWaitlistStore = (service: EventlyService): WaitlistStore => {
  const { waitlistEntry, waitlistSlot, waitlistMeta, waitlistHolder } = service.entities;

  const getInSession = async (orgId: string, sessionId: string, entryId: string) => {
    const { data } = await waitlistEntry.get({ orgId, sessionId, entryId }).go({ consistent: true });
    return data ? toEntry(data as WaitlistEntryItem) : undefined;
  };

  const alreadyWaitlisted = async (e: WaitlistEntry): Promise<DomainError> => {
    const { data } = await waitlistHolder.get(holderItemKey(e)).go({ consistent: true });
    return new DomainError(
      'ALREADY_WAITLISTED',
      `${e.partyId ? 'the party' : 'the attendee'} already has an active waitlist entry for this session`,
      { entryId: data?.entryId ?? null },
    );
  };

  const join = async (e: WaitlistEntry, wake: boolean): Promise<void> => {
    const outcome = await service.transaction
      .write((tx) => [
        tx.waitlistEntry.create(toEntryItem(e)).commit(),
        tx.waitlistSlot.create(slotItemOf(e, e.position)).commit(),
        tx.waitlistHolder.create({ ...holderItemKey(e), entryId: e.entryId }).commit(),
        tx.sessionCounter
          .patch({ orgId: e.orgId, sessionId: e.sessionId })
          .add({ waiting: 1, version: 1 })
          .commit(),
        entryNotification(tx, e, {
          key: 'joined',
          type: 'waitlist.joined',
          at: e.joinedAt,
          payload: { position: e.position },
        }),
        ...(wake ? [wakeRecord(tx, e, e.joinedAt, 'joined')] : []),
      ])
      .go();
    const failed = failedItems(outcome);
    if (failed.includes(2)) throw await alreadyWaitlisted(e);
    if (failed.includes(3)) throw notFound('session');
    expectCommitted(outcome, []);
  };

  const leave = async (x: EntryExit): Promise<WaitlistWrite> => {
    const { entry: e } = x;
    const outcome = await service.transaction
      .write((tx) => [
        tx.waitlistEntry
          .patch(entryKey(e))
          .set({ status: x.status, updatedAt: x.at })
          .where((a, { eq }) => `${eq(a.status, 'waiting')} AND ${eq(a.position, e.position)}`)
          .commit(),
        tx.waitlistSlot.delete(slotKey(e, e.position)).commit(),
        tx.waitlistHolder.delete(holderItemKey(e)).commit(),
        tx.sessionCounter
          .patch({ orgId: e.orgId, sessionId: e.sessionId })
          .add({ version: 1 })
          .subtract({ waiting: 1 })
          .where((a, { gte }) => gte(a.waiting, 1))
          .commit(),
        ...(x.status === 'removed'
          ? [
              entryNotification(tx, e, {
                key: 'removed',
                type: 'waitlist.removed',
                at: x.at,
                payload: { by: x.by, reason: x.reason },
              }),
            ]
          : []),
        ...(x.wake ? [wakeRecord(tx, e, x.at, x.status)] : []),
      ])
      .go();
    return settle(outcome);
  };

  const move = async (m: EntryMove): Promise<WaitlistWrite> => {
    const { entry: e } = m;
    const outcome = await service.transaction
      .write((tx) => [
        tx.waitlistEntry
          .patch(entryKey(e))
          .set({ position: m.position, updatedAt: m.at })
          .where((a, { eq }) => `${eq(a.status, 'waiting')} AND ${eq(a.position, e.position)}`)
          .commit(),
        tx.waitlistSlot.delete(slotKey(e, e.position)).commit(),
        tx.waitlistSlot.create(slotItemOf(e, m.position, e.skips)).commit(),
        ...(m.wake ? [wakeRecord(tx, e, m.at, 'moved')] : []),
      ])
      .go();
    return settle(outcome);
  };

  const offer = async ({
    entry: e,
    booking: b,
    skipped,
    sessionUpdatedAt,
  }: Offer): Promise<WaitlistWrite | 'entry-gone'> => {
    const at = b.updatedAt;
    const outcome = await service.transaction
      .write((tx) => [
        tx.waitlistEntry
          .patch(entryKey(e))
          .set({
            status: 'offered',
            bookingId: b.bookingId,
            offeredAt: at,
            expiresAt: b.holdExpiresAt as string,
          })
          .set({ updatedAt: at })
          .where((a, { eq }) => `${eq(a.status, 'waiting')} AND ${eq(a.position, e.position)}`)
          .commit(),
        tx.sessionCounter
          .patch({ orgId: b.orgId, sessionId: b.sessionId })
          .add({ held: b.seats, version: 1 })
          .subtract({ available: b.seats, waiting: 1 })
          .where((a, { gte }) => `${gte(a.available, b.seats)} AND ${gte(a.waiting, 1)}`)
          .commit(),
        tx.waitlistSlot.delete(slotKey(e, e.position)).commit(),
        tx.booking.create(toBookingItem(b)).commit(),
        ...b.seatLabels.map((label) =>
          tx.bookingSeat
            .create({ orgId: b.orgId, sessionId: b.sessionId, label, bookingId: b.bookingId, state: 'held' })
            .commit(),
        ),
        // The offer's one notification: the held booking's own step says `waitlist.offered`.
        ...stepRecords(tx, {
          booking: b,
          from: null,
          by: systemActor,
          reason: 'waitlist offer',
          notification: {
            type: 'waitlist.offered',
            details: { entryId: e.entryId, partySize: e.partySize, expiresAt: b.holdExpiresAt },
          },
        }),
        // Passed over for this offer: one skip each, and only while they still wait.
        ...skipped.flatMap((s) => [
          tx.waitlistEntry
            .patch({ orgId: e.orgId, sessionId: e.sessionId, entryId: s.entryId })
            .add({ skips: 1 })
            .where((a, { eq }) => `${eq(a.status, 'waiting')} AND ${eq(a.skips, s.skips)}`)
            .commit(),
          tx.waitlistSlot.patch(slotKey(e, s.position)).add({ skips: 1 }).commit(),
        ]),
        // Its places were chosen on this version of the session.
        sessionUnchanged(tx, { orgId: b.orgId, sessionId: b.sessionId }, sessionUpdatedAt),
      ])
      .go();
    // Item 0 is the entry: failing it alone says this entry is taken, not that the line moved.
    if (failedItems(outcome)[0] === 0) return 'entry-gone';
    return settle(outcome);
  };

  return {
    async reservePosition(orgId, sessionId) {
      const { data } = await waitlistMeta
        .update({ orgId, sessionId })
        .add({ lastPosition: 1 })
        .go({ response: 'all_new' });
      return data.lastPosition as number;
    },

    join: (entry, wake) => retryTransient(() => join(entry, wake)),

    async get(orgId, entryId) {
      // The id index is eventually consistent: it only finds the session, the table read is current.
      const { data } = await waitlistEntry.query.byId({ orgId, entryId }).go({ attributes: ['sessionId'] });
      const sessionId = data[0]?.sessionId;
      return sessionId ? getInSession(orgId, sessionId, entryId) : undefined;
    },

    getInSession,

    async line(orgId, sessionId, limit) {
      const { data } = await waitlistSlot.query
        .byLine({ orgId, sessionId })
        .go(limit ? { consistent: true, limit } : { consistent: true, pages: 'all' });
      return data.map(toSlot);
    },

    listBySession: (orgId, sessionId, status, page) =>
      queryPage(
        `waitlist:${orgId}:${sessionId}:${status ?? 'all'}`,
        page,
        (opts) =>
          status
            ? waitlistEntry.query
                .bySession({ orgId, sessionId })
                .where((a, { eq }) => eq(a.status, status))
                .go(opts)
            : waitlistEntry.query.bySession({ orgId, sessionId }).go(opts),
        (i) => toEntry(i as WaitlistEntryItem),
      ),

    listByUser: (userId, page) =>
      queryPage(
        `waitlist:user:${userId}`,
        page,
        (opts) => waitlistEntry.query.byUser({ listedUser: userId }).go({ ...opts, order: 'desc' }),
        (i) => toEntry(i as WaitlistEntryItem),
      ),

    leave: (exit) => retryTransient(() => leave(exit)),
    move: (m) => retryTransient(() => move(m)),
    offer: (o) => retryTransient(() => offer(o)),

    async markResponded(e, at) {
      const outcome = await service.transaction
        .write((tx) => [
          tx.waitlistEntry
            .patch(entryKey(e))
            .set({ respondedAt: at, updatedAt: at })
            .where((a, { eq }) => `${eq(a.status, 'offered')} AND ${eq(a.bookingId, e.bookingId ?? '')}`)
            .commit(),
        ])
        .go();
      return settle(outcome);
    },

    purgeSession: (orgId, sessionId, limit) => purgeSessionWaitlist(service, orgId, sessionId, limit),
  };
};
