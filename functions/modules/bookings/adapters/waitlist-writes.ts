import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import {
  commitTransaction,
  type TxEntities,
  type TxItem,
  type TxOutcome,
  type TxWrite,
} from '../../../kernel/dynamo/transactions.js';
import { counterShardStore, sameCount } from '../../catalog/index.js';
import { sessionCapacityReleased } from '../../notifications/index.js';
import { categoryOfferTakes } from '../../pricing/index.js';
import { systemActor } from '../domain/model.js';
import type { WaitlistEntry } from '../domain/waitlist-model.js';
import type { EntryExit, EntryMove, Offer, WaitlistWrite } from '../domain/waitlist-ports.js';
import { toBookingItem } from './booking-items.js';
import { sessionOpen, stepRecords } from './booking-records.js';
import { holderCountMove } from './holder-counts.js';
import { entryKey, slotItemOf, slotKey, toEntryItem } from './waitlist-items.js';
import { entryNotification, holderItemKey } from './waitlist-records.js';

/**
 * The transactions that change a waiting line: joining, leaving, moving, offers and their answers.
 * Each is one transaction; `retryTransient` (in the store) retries it after a collision.
 */

/** An item of a change made on a read of the line: its failure means "read again". */
const staleIf = <L extends string>(label: L, write: TxWrite): TxItem<L> => ({
  label,
  write,
  fails: 'refused',
});

const settle = ({ committed }: TxOutcome<string>): WaitlistWrite => (committed ? 'done' : 'stale');

/** A transaction that kept colliding: nothing written, and what it was built on may have moved. */
const busyOutcome: TxOutcome<string> = { committed: false, failed: new Set() };

/** Wakes the offer engine in the same transaction as a change of the line while places are free. */
const wakeRecord = (tx: TxEntities, e: WaitlistEntry, at: string, change: string) =>
  sessionCapacityReleased(tx, {
    orgId: e.orgId,
    sessionId: e.sessionId,
    at,
    key: `${e.entryId}#${change}#${at}`,
    payload: { entryId: e.entryId, change },
  });

export const waitlistWrites = (service: EventlyService) => {
  const { waitlistHolder } = service.entities;
  const shards = counterShardStore(service);

  const alreadyWaitlisted = async (e: WaitlistEntry): Promise<DomainError> => {
    const { data } = await waitlistHolder.get(holderItemKey(e)).go({ consistent: true });
    return new DomainError(
      'ALREADY_WAITLISTED',
      `${e.partyId ? 'the party' : 'the attendee'} already has an active waitlist entry for this session`,
      { entryId: data?.entryId ?? null },
    );
  };

  /**
   * Joins the line. On a session split over several counter items, the same transaction sweeps
   * every shard's places back to the main counter, which alone serves the line: from then on no
   * booking takes a place past the people waiting.
   */
  const join = async (e: WaitlistEntry, wake: boolean): Promise<void> => {
    const ref = { orgId: e.orgId, sessionId: e.sessionId };
    for (let i = 0; ; i += 1) {
      const state = await shards.read(ref);
      if (!state) throw notFound('session');
      const count = state.shards.length;
      const { committed } = await commitTransaction(service, (tx) => {
        const sweep = shards.sweepItems(tx, ref, state);
        return [
          { label: 'entry', write: tx.waitlistEntry.create(toEntryItem(e)).commit() },
          { label: 'slot', write: tx.waitlistSlot.create(slotItemOf(e, e.position)).commit() },
          {
            label: 'holder',
            write: tx.waitlistHolder.create({ ...holderItemKey(e), entryId: e.entryId }).commit(),
            fails: () => alreadyWaitlisted(e),
          },
          {
            label: 'counter',
            write: tx.sessionCounter
              .patch(ref)
              .add({ waiting: 1, version: 1, ...(sweep.swept > 0 ? { available: sweep.swept } : {}) })
              .where((a, { eq, notExists }) => sameCount(a.shards, count, { eq, notExists }))
              .commit(),
            fails: 'refused',
          },
          ...sweep.items,
          {
            label: 'notification',
            write: entryNotification(tx, e, {
              key: 'joined',
              type: 'waitlist.joined',
              at: e.joinedAt,
              payload: { position: e.position },
            }),
          },
          ...(wake ? [{ label: 'wake', write: wakeRecord(tx, e, e.joinedAt, 'joined') }] : []),
        ];
      });
      if (committed) return;
      // A shard moved or opened since read: read them again (a few times; they settle once sold out).
      if (i === 4)
        throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the session is very busy; retry shortly');
    }
  };

  const leave = async (x: EntryExit): Promise<WaitlistWrite> => {
    const { entry: e } = x;
    const outcome = await commitTransaction(service, (tx) => [
      staleIf(
        'entry',
        tx.waitlistEntry
          .patch(entryKey(e))
          .set({ status: x.status, updatedAt: x.at })
          .where((a, { eq }) => `${eq(a.status, 'waiting')} AND ${eq(a.position, e.position)}`)
          .commit(),
      ),
      staleIf('slot', tx.waitlistSlot.delete(slotKey(e, e.position)).commit()),
      staleIf('holder', tx.waitlistHolder.delete(holderItemKey(e)).commit()),
      staleIf(
        'counter',
        tx.sessionCounter
          .patch({ orgId: e.orgId, sessionId: e.sessionId })
          .add({ version: 1 })
          .subtract({ waiting: 1 })
          .where((a, { gte }) => gte(a.waiting, 1))
          .commit(),
      ),
      ...(x.status === 'removed'
        ? [
            staleIf(
              'notification',
              entryNotification(tx, e, {
                key: 'removed',
                type: 'waitlist.removed',
                at: x.at,
                payload: { by: x.by, reason: x.reason },
              }),
            ),
          ]
        : []),
      ...(x.wake ? [staleIf('wake', wakeRecord(tx, e, x.at, x.status))] : []),
    ]);
    return settle(outcome);
  };

  const move = async (m: EntryMove): Promise<WaitlistWrite> => {
    const { entry: e } = m;
    const outcome = await commitTransaction(service, (tx) => [
      staleIf(
        'entry',
        tx.waitlistEntry
          .patch(entryKey(e))
          .set({ position: m.position, updatedAt: m.at })
          .where((a, { eq }) => `${eq(a.status, 'waiting')} AND ${eq(a.position, e.position)}`)
          .commit(),
      ),
      staleIf('old slot', tx.waitlistSlot.delete(slotKey(e, e.position)).commit()),
      staleIf('new slot', tx.waitlistSlot.create(slotItemOf(e, m.position, e.skips)).commit()),
      ...(m.wake ? [staleIf('wake', wakeRecord(tx, e, m.at, 'moved'))] : []),
    ]);
    return settle(outcome);
  };

  const offer = async ({
    entry: e,
    booking: b,
    skipped,
    sessionUpdatedAt,
    tickets,
    categoryCounts,
  }: Offer): Promise<WaitlistWrite | 'entry-gone'> => {
    const at = b.updatedAt;
    // Still colliding after the retries (concurrent runs of the engine offering the same places):
    // read the line again, as for any other change since read.
    const outcome = await commitTransaction(service, (tx) => [
      staleIf(
        'entry',
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
      ),
      staleIf(
        'counter',
        tx.sessionCounter
          .patch({ orgId: b.orgId, sessionId: b.sessionId })
          .add({ held: b.seats, version: 1 })
          .subtract({ available: b.seats, waiting: 1 })
          .where((a, { gte }) => `${gte(a.available, b.seats)} AND ${gte(a.waiting, 1)}`)
          .commit(),
      ),
      staleIf('slot', tx.waitlistSlot.delete(slotKey(e, e.position)).commit()),
      staleIf('booking', tx.booking.create(toBookingItem(b)).commit()),
      // The holder waited for these places: the offer counts, whatever else they hold.
      { label: 'holder count', write: holderCountMove(tx, b, 1) },
      ...categoryOfferTakes(tx, { orgId: b.orgId, sessionId: b.sessionId }, tickets, categoryCounts),
      ...b.seatLabels.map((label) =>
        staleIf(
          'seat',
          tx.bookingSeat
            .create({ orgId: b.orgId, sessionId: b.sessionId, label, bookingId: b.bookingId, state: 'held' })
            .commit(),
        ),
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
      }).map((write) => staleIf('record', write)),
      // Passed over for this offer: one skip each, and only while they still wait.
      ...skipped.flatMap((s) => [
        staleIf(
          'skipped entry',
          tx.waitlistEntry
            .patch({ orgId: e.orgId, sessionId: e.sessionId, entryId: s.entryId })
            .add({ skips: 1 })
            .where((a, { eq }) => `${eq(a.status, 'waiting')} AND ${eq(a.skips, s.skips)}`)
            .commit(),
        ),
        staleIf('skipped slot', tx.waitlistSlot.patch(slotKey(e, s.position)).add({ skips: 1 }).commit()),
      ]),
      // Its places were chosen on this version of the session.
      staleIf('session', sessionOpen(tx, { orgId: b.orgId, sessionId: b.sessionId }, sessionUpdatedAt)),
    ]).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'TEMPORARILY_UNAVAILABLE') return busyOutcome;
      throw err;
    });
    // The entry failing says this entry is taken, not that the line moved.
    if (outcome.failed.has('entry')) return 'entry-gone';
    return settle(outcome);
  };

  const markResponded = async (e: WaitlistEntry, at: string): Promise<WaitlistWrite> =>
    settle(
      await commitTransaction(service, (tx) => [
        staleIf(
          'entry',
          tx.waitlistEntry
            .patch(entryKey(e))
            .set({ respondedAt: at, updatedAt: at })
            .where((a, { eq }) => `${eq(a.status, 'offered')} AND ${eq(a.bookingId, e.bookingId ?? '')}`)
            .commit(),
        ),
      ]),
    );

  return { join, leave, move, offer, markResponded };
};
