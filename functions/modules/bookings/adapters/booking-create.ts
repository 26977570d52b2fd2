import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import { staleParty } from '../../people/index.js';
import { capacityExhausted, seatTaken } from '../domain/bookings-seats.js';
import type { NewBooking } from '../domain/ports.js';
import { toBookingItem } from './booking-items.js';
import { sessionUnchanged, stepRecords } from './booking-records.js';

/**
 * The booking transaction: the counter, the booking and its seats, its records, and checks that
 * what it was priced and placed on (organization, event, holder, session) is still as read.
 */

type Part = 'counter' | 'booking' | `seat:${string}` | 'record' | 'org' | 'event' | 'holder' | 'session';

const seatPart = (label: string): Part => `seat:${label}`;

const eventChanged = () =>
  new DomainError('NOT_BOOKABLE', 'the event changed while booking; read it again', { stale: 'event' });
const sessionChanged = () =>
  new DomainError('NOT_BOOKABLE', 'the session changed while booking; read it again', { stale: 'session' });

export const bookingCreate = (service: EventlyService) => {
  const { sessionCounter, organization } = service.entities;

  const counterNow = async (orgId: string, sessionId: string) => {
    const { data } = await sessionCounter.get({ orgId, sessionId }).go({ consistent: true });
    return { available: data?.available ?? 0, waiting: data?.waiting ?? 0 };
  };

  /** Turns the failed items of a refused booking into the one error the caller should see. */
  const explain = async (nb: NewBooking, failed: ReadonlySet<Part>): Promise<DomainError> => {
    const b = nb.booking;
    if (failed.has('org')) {
      const { data } = await organization.get({ orgId: b.orgId }).go({ consistent: true });
      if (!data) return notFound('organization');
      return new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted');
    }
    if (failed.has('event')) return eventChanged();
    if (failed.has('session')) return sessionChanged();
    if (failed.has('holder')) {
      return nb.holder.kind === 'party' ? staleParty(nb.holder.party.partyId) : notFound('attendee');
    }
    const seats = b.seatLabels.filter((label) => failed.has(seatPart(label)));
    if (seats.length > 0) return seatTaken(seats);
    // Only the counter is left among the refusing items.
    const { available, waiting } = await counterNow(b.orgId, b.sessionId);
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
            ({ available: left, waiting }, { gte, eq, notExists }) =>
              `${gte(left, b.seats)} AND (${notExists(waiting)} OR ${eq(waiting, 0)})`,
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
        label: 'org',
        write: tx.organization
          .check({ orgId: b.orgId })
          .where(({ status }, { eq }) => eq(status, 'active'))
          .commit(),
        fails: 'refused',
      },
      {
        label: 'event',
        // Price and settings were taken from this version of the event: any change makes it retry.
        write: tx.event
          .check({ orgId: b.orgId, eventId: b.eventId })
          .where(
            ({ status, deleting, updatedAt }, { eq }) =>
              `${eq(status, 'published')} AND ${eq(deleting, false)} AND ${eq(updatedAt, nb.event.updatedAt)}`,
          )
          .commit(),
        fails: 'refused',
      },
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
      { label: 'session', write: sessionUnchanged(tx, sessionKey, nb.session.updatedAt), fails: 'refused' },
    ]);
    if (!committed) throw await explain(nb, failed);
  };
};
