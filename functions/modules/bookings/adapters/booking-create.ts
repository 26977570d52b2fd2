import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import { counterStamps } from '../../catalog/index.js';
import { staleParty } from '../../people/index.js';
import { capacityExhausted, seatTaken } from '../domain/bookings-seats.js';
import type { NewBooking } from '../domain/ports.js';
import { toBookingItem } from './booking-items.js';
import { stepRecords } from './booking-records.js';

/**
 * The booking transaction: the counter, the booking and its seats, its records, and a check that
 * the holder is as read. It touches nothing another session's bookings touch, and checks the
 * session and its event on the counter it changes anyway: the counter's `sessionStamp` (written
 * with every change of the session) and `eventStamp` (updated by every change of the event, its
 * deletion mark and its organization's) must equal the versions the booking was made on.
 */

type Part = 'counter' | 'booking' | `seat:${string}` | 'record' | 'holder';

const seatPart = (label: string): Part => `seat:${label}`;

const eventChanged = () =>
  new DomainError('NOT_BOOKABLE', 'the event changed while booking; read it again', { stale: 'event' });
const sessionChanged = () =>
  new DomainError('NOT_BOOKABLE', 'the session changed while booking; read it again', { stale: 'session' });

export const bookingCreate = (service: EventlyService) => {
  const { sessionCounter, event, session } = service.entities;
  const { stampCounter } = counterStamps(service);

  const counterNow = async (orgId: string, sessionId: string) => {
    const { data } = await sessionCounter.get({ orgId, sessionId }).go({ consistent: true });
    return {
      available: data?.available ?? 0,
      waiting: data?.waiting ?? 0,
      eventStamp: data?.eventStamp,
      sessionStamp: data?.sessionStamp,
    };
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
          sessionCounter
            .patch({ orgId, sessionId })
            .set({ sessionStamp: data.updatedAt })
            .where(({ sessionStamp }, { notExists }) => notExists(sessionStamp))
            .go(),
        );
      }
    }
    return sessionChanged();
  };

  /** Turns the failed items of a refused booking into the one error the caller should see. */
  const explain = async (nb: NewBooking, failed: ReadonlySet<Part>): Promise<DomainError> => {
    const b = nb.booking;
    if (failed.has('holder')) {
      return nb.holder.kind === 'party' ? staleParty(nb.holder.party.partyId) : notFound('attendee');
    }
    const seats = b.seatLabels.filter((label) => failed.has(seatPart(label)));
    if (seats.length > 0) return seatTaken(seats);
    // Only the counter is left among the refusing items.
    const { available, waiting, eventStamp, sessionStamp } = await counterNow(b.orgId, b.sessionId);
    if (sessionStamp !== nb.session.updatedAt) return sessionVersionChanged(nb, sessionStamp);
    if (eventStamp !== nb.event.updatedAt) return eventVersionChanged(nb, eventStamp);
    // While people wait, freed places are theirs: the line is offered them first.
    return waiting > 0 ? capacityExhausted(0, b.seats, waiting) : capacityExhausted(available, b.seats);
  };

  return async (nb: NewBooking): Promise<void> => {
    const b = nb.booking;
    const sessionKey = { orgId: b.orgId, sessionId: b.sessionId };
    const { committed, failed } = await commitTransaction<Part>(service, (tx) => [
      {
        label: 'counter',
        write: tx.sessionCounter
          .patch(sessionKey)
          .add({ [b.status === 'held' ? 'held' : 'confirmed']: b.seats, version: 1 })
          .subtract({ available: b.seats })
          .where(
            ({ available: left, waiting, eventStamp, sessionStamp }, { gte, eq, notExists }) =>
              `${gte(left, b.seats)} AND (${notExists(waiting)} OR ${eq(waiting, 0)}) AND ` +
              `${eq(eventStamp, nb.event.updatedAt)} AND ${eq(sessionStamp, nb.session.updatedAt)}`,
          )
          .commit(),
        fails: 'refused',
      },
      { label: 'booking', write: tx.booking.create(toBookingItem(b)).commit() },
      ...b.seatLabels.map((label) => ({
        label: seatPart(label),
        write: tx.bookingSeat
          .create({
            ...sessionKey,
            label,
            bookingId: b.bookingId,
            state: b.status === 'held' ? 'held' : 'confirmed',
          })
          .commit(),
        fails: 'refused' as const,
      })),
      ...stepRecords(tx, { booking: b, from: null, by: b.bookedBy, reason: 'booked' }).map((write) => ({
        label: 'record' as const,
        write,
      })),
      {
        label: 'holder',
        write:
          nb.holder.kind === 'party'
            ? tx.party
                .check({ orgId: b.orgId, partyId: nb.holder.party.partyId })
                .where(({ version }, { eq }) =>
                  eq(version, (nb.holder as { party: { version: number } }).party.version),
                )
                .commit()
            : tx.attendee
                .check({ orgId: b.orgId, attendeeId: nb.holder.attendeeId })
                .where((attr, { eq, exists }) =>
                  nb.holder.kind === 'attendee' && nb.holder.linkedTo
                    ? eq(attr.userId, nb.holder.linkedTo)
                    : exists(attr.attendeeId),
                )
                .commit(),
        fails: 'refused',
      },
    ]);
    if (!committed) throw await explain(nb, failed);
  };
};
