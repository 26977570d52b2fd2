import type { TxEntities } from '../../../kernel/dynamo/transactions.js';
import { notificationRecord } from '../../notifications/index.js';
import type { Booking } from '../domain/model.js';
import type { WaitlistEntry } from '../domain/waitlist-model.js';
import { entryKey, holderIdOf, slotItemOf } from './waitlist-items.js';

/**
 * Transaction items of waitlist changes that other stores' transactions carry too: the entry's
 * notification, and what happens to an offered entry when its held booking moves on (written by
 * the booking store's `transition`, in the booking's own transaction).
 */

type EntryRef = Pick<
  WaitlistEntry,
  | 'orgId'
  | 'sessionId'
  | 'eventId'
  | 'entryId'
  | 'attendeeId'
  | 'partyId'
  | 'partySize'
  | 'tickets'
  | 'userId'
>;

export const entryNotification = (
  tx: TxEntities,
  e: EntryRef,
  change: { key: string; type: string; at: string; payload?: Record<string, unknown> },
) =>
  notificationRecord(tx, {
    orgId: e.orgId,
    sessionId: e.sessionId,
    key: `${e.entryId}#${change.key}`,
    at: change.at,
    type: change.type,
    recipientId: holderIdOf(e),
    userId: e.userId,
    payload: {
      entryId: e.entryId,
      eventId: e.eventId,
      attendeeId: e.attendeeId,
      partyId: e.partyId,
      partySize: e.partySize,
      ...change.payload,
    },
  });

export const holderItemKey = (e: Pick<WaitlistEntry, 'orgId' | 'sessionId' | 'attendeeId' | 'partyId'>) => ({
  orgId: e.orgId,
  sessionId: e.sessionId,
  holderId: holderIdOf(e),
});

export interface OfferOutcome {
  current: Booking;
  next: Booking;
  requeuePosition?: number | undefined;
}

/** True when the change ends a waitlist offer (its held booking leaves `held`). */
export const endsOffer = ({ current, next }: OfferOutcome): boolean =>
  current.waitlistEntryId !== null && current.status === 'held' && next.status !== 'held';

/** True when the ended offer puts its entry back in the line (counted waiting again). */
export const requeuesEntry = (o: OfferOutcome): boolean =>
  endsOffer(o) && o.next.status === 'expired' && o.requeuePosition !== undefined;

/**
 * The entry's side of an ended offer, conditional on the entry still being offered this booking:
 * confirmed -> accepted, cancelled -> declined, expired -> expired (notified) or, re-queued, back
 * to waiting at the end of the line with a fresh slot.
 */
export const offerOutcomeRecords = (tx: TxEntities, o: OfferOutcome) => {
  if (!endsOffer(o)) return [];
  const { current: b, next } = o;
  const at = next.updatedAt;
  const entry: EntryRef = {
    orgId: b.orgId,
    sessionId: b.sessionId,
    eventId: b.eventId,
    entryId: b.waitlistEntryId as string,
    attendeeId: b.attendeeId,
    partyId: b.partyId,
    partySize: b.seats,
    // A requeued entry waits again for the categories its offer held.
    tickets: b.tickets.map(({ categoryId, seats }) => ({ categoryId, seats })),
    userId: b.userId,
  };
  const patch = () => tx.waitlistEntry.patch(entryKey(entry));
  if (requeuesEntry(o)) {
    const position = o.requeuePosition as number;
    return [
      patch()
        .set({ status: 'waiting', position, skips: 0, updatedAt: at })
        .remove(['bookingId', 'expiresAt'])
        .where(
          ({ status, bookingId }, { eq }) => `${eq(status, 'offered')} AND ${eq(bookingId, b.bookingId)}`,
        )
        .commit(),
      tx.waitlistSlot.create(slotItemOf(entry, position)).commit(),
      entryNotification(tx, entry, {
        key: `requeued#${b.bookingId}`,
        type: 'waitlist.offer_expired',
        at,
        payload: { bookingId: b.bookingId, requeued: true },
      }),
    ];
  }
  const status =
    next.status === 'confirmed' ? 'accepted' : next.status === 'cancelled' ? 'declined' : 'expired';
  return [
    patch()
      .set({ status, updatedAt: at })
      .data(({ respondedAt }, { ifNotExists }) => {
        if (status !== 'expired') ifNotExists(respondedAt, at);
      })
      .remove(['expiresAt'])
      .where((a, { eq }) => `${eq(a.status, 'offered')} AND ${eq(a.bookingId, b.bookingId)}`)
      .commit(),
    tx.waitlistHolder.delete(holderItemKey(entry)).commit(),
    ...(status === 'expired'
      ? [
          entryNotification(tx, entry, {
            key: `expired#${b.bookingId}`,
            type: 'waitlist.offer_expired',
            at,
            payload: { bookingId: b.bookingId, requeued: false },
          }),
        ]
      : []),
  ];
};
