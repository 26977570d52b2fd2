import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import { categoryCounterMoves, dynamoPromoRedemptions } from '../../pricing/index.js';
import { counterBucket, isLive } from '../domain/model.js';
import type { BookingTransition, TransitionResult } from '../domain/ports.js';
import { toBookingItem } from './booking-items.js';
import { capacityReleased, sessionOpen, stepRecords } from './booking-records.js';
import { holderCountMove } from './holder-counts.js';
import { reservationOutcomeItems } from './reservation-items.js';
import { offerOutcomeRecords, requeuesEntry } from './waitlist-records.js';

/**
 * The items of one step of a booking's lifecycle, for one transaction: the booking (conditional on
 * the status it was read in, and on its hold deadline when that matters), the main counter's buckets, its
 * seats, its records, and what the step means for a waitlist offer it came from. Other modules
 * add their own items to the same transaction (a payment confirms its booking).
 */
export const transitionItems = (tx: TxEntities, change: BookingTransition): TxItem[] => {
  const { current, next, by, reason, deadline, requeuePosition, notification } = change;
  const offerOutcome = { current, next, requeuePosition };
  const from = counterBucket(current.status);
  const to = counterBucket(next.status);
  const releases = isLive(current.status) && !isLive(next.status);
  // A lapsed booking confirmed again (money that came late) takes its places back, if still free.
  const acquires = !isLive(current.status) && isLive(next.status);
  const sessionKey = { orgId: current.orgId, sessionId: current.sessionId };
  const counterMove = tx.sessionCounter
    .patch(sessionKey)
    .add({
      [to]: current.seats,
      version: 1,
      ...(requeuesEntry(offerOutcome) ? { waiting: 1 } : {}),
    })
    .subtract({ [from]: current.seats });
  return [
    {
      label: 'booking',
      write: tx.booking
        .put(toBookingItem(next))
        .where((attr, { eq, gt, lte }) =>
          [
            eq(attr.status, current.status),
            ...(deadline === 'running' ? [gt(attr.holdExpiresAt, next.updatedAt)] : []),
            ...(deadline === 'passed' ? [lte(attr.holdExpiresAt, next.updatedAt)] : []),
          ].join(' AND '),
        )
        .commit(),
      // Moved on since read: the caller reads it again.
      fails: 'refused',
    },
    {
      label: 'counter',
      // Taking places back is refused while people wait for them, as a new booking is. Other steps
      // need no condition here (the booking's own status guards them), and on a session split over
      // several counter items this one's `held` and `confirmed` may go below zero on their own:
      // a booking made on another item is counted there (see counter-shards.ts in the catalog).
      write: acquires
        ? counterMove
            .where(
              (attr, { gte, eq, notExists }) =>
                `${gte(attr[from], current.seats)} AND (${notExists(attr.waiting)} OR ${eq(attr.waiting, 0)})`,
            )
            .commit()
        : counterMove.commit(),
      ...(acquires ? { fails: 'refused' as const } : {}),
    },
    ...current.seatLabels.map((label) => ({
      label: 'seat',
      ...(acquires ? { fails: 'refused' as const } : {}),
      write: acquires
        ? tx.bookingSeat
            .create({ ...sessionKey, label, bookingId: current.bookingId, state: 'confirmed' })
            .commit()
        : releases
          ? tx.bookingSeat
              .delete({ ...sessionKey, label })
              .where(({ bookingId }, { eq }) => eq(bookingId, current.bookingId))
              .commit()
          : tx.bookingSeat
              .patch({ ...sessionKey, label })
              .set({ state: next.status === 'held' ? 'held' : 'confirmed' })
              .where(({ bookingId }, { eq }) => eq(bookingId, current.bookingId))
              .commit(),
    })),
    ...(acquires ? stillOpen(tx, current) : []),
    ...(releases || acquires
      ? [
          ...categoryCounterMoves(tx, sessionKey, current.tickets, releases ? 'release' : 'acquire'),
          { label: 'record', write: holderCountMove(tx, current, releases ? -1 : 1) },
        ]
      : []),
    ...[
      ...stepRecords(tx, { booking: next, from: current.status, by, reason, notification }),
      ...(releases ? [capacityReleased(tx, next)] : []),
      ...offerOutcomeRecords(tx, offerOutcome),
      ...reservationOutcomeItems(tx, current, next),
    ].map((write) => ({ label: 'record', write })),
  ];
};

/**
 * Places taken back (money that came late) only while the session and its event take bookings
 * (the session scheduled, the event published, neither being deleted): a cancellation or a
 * deletion mark committed first refuses the step (the money is then refunded), one committed after
 * finds the booking live (a cancellation's sweep cancels it, a deletion waits for it). Late money
 * is rare, so checking these shared items costs no throughput.
 */
const stillOpen = (tx: TxEntities, b: BookingTransition['current']): TxItem[] => [
  { label: 'closed', write: sessionOpen(tx, { orgId: b.orgId, sessionId: b.sessionId }), fails: 'refused' },
  {
    label: 'closed',
    write: tx.event
      .check({ orgId: b.orgId, eventId: b.eventId })
      .where(({ status, deleting }, { eq }) => `${eq(status, 'published')} AND ${eq(deleting, false)}`)
      .commit(),
    fails: 'refused',
  },
];

/** Whether a refused step that took places back was refused for its places (or a closed session). */
export const placesRefused = (failed: ReadonlySet<string>): boolean =>
  ['counter', 'seat', 'category', 'closed'].some((label) => failed.has(label));

/**
 * Commits one step; `stale` when the booking moved on since it was read. A step that ends a
 * booking made with a promo code then gives the code's use back (pricing's redemptions: the code
 * is shared by every session of its event, so it is no item of this transaction; giving back is
 * idempotent, and a step that dies before it leaves the use counted).
 */
export const bookingTransition = (service: EventlyService) => {
  const redemptions = dynamoPromoRedemptions(service);
  return async (change: BookingTransition): Promise<TransitionResult> => {
    const { committed } = await commitTransaction(service, (tx) => transitionItems(tx, change));
    if (!committed) return 'stale';
    const { current, next } = change;
    if (current.discount && isLive(current.status) && !isLive(next.status)) {
      await redemptions.release({
        orgId: current.orgId,
        eventId: current.eventId,
        code: current.discount.code,
        personKey: (current.attendeeId ?? current.partyId) as string,
        bookingId: current.bookingId,
      });
    }
    return 'done';
  };
};
