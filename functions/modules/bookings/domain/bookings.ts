import { assertOrgOpen } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { placeLabels } from '../../catalog/index.js';
import { bookingTicketOf, chooseTickets, costsSomething, type TicketRequest } from '../../pricing/index.js';
import { assertRegistrationOpen, bookableParts, holderOf, seatCount } from './booking-checks.js';
import { assertEligible } from './booking-eligibility.js';
import { redeemPromo, withPromoGivenBack } from './booking-promo.js';
import { type Booker, staffOr } from './bookings-access.js';
import { capacityExhausted, chooseSeats } from './bookings-seats.js';
import { scheduleHoldTimers } from './hold-timers.js';
import { assertOneHolder } from './holder-choice.js';
import type { Booking } from './model.js';
import type { BookingContext } from './ports.js';
import { type ReservationInput, reservationDeadline, reservationStep } from './reservation-step.js';

export interface BookInput {
  attendeeId?: string | undefined;
  partyId?: string | undefined;
  /** Default: the places of `tickets`, else 1, or the party's member count. */
  seats?: number | undefined;
  /** The ticket categories wanted (events that sell several); a party may mix them. */
  tickets?: TicketRequest[] | undefined;
  /** A promo code of the event: its discount is the booking's, one use counted while it lives. */
  promoCode?: string | undefined;
  /** A marketing campaign's tracking code: only stored, for the campaign's results. */
  trackingCode?: string | undefined;
  /** Seated and table sessions: the labels wanted, as many as `seats`. */
  seatLabels?: string[] | undefined;
  /** When the session is full (or people wait for it): join its waitlist instead (see bookOrJoin). */
  joinWaitlistIfFull?: boolean | undefined;
  /** Approving a join request: the booking is held (even free) for the request, in its transaction. */
  reservation?: ReservationInput | undefined;
}

/**
 * Refusals that a remembered context cannot have caused (the counter and the seats are always
 * current, and a busy engine is busy either way): answered as they are.
 */
const answeredAsIs = new Set([
  'BOOKING_LIMIT',
  'CAPACITY_EXHAUSTED',
  'CATEGORY_SOLD_OUT',
  'SEAT_TAKEN',
  'TEMPORARILY_UNAVAILABLE',
]);

/**
 * Books seats of a session for an attendee or a party: one read of everything it needs, then one
 * transaction (counter, booking, seats, history, audit, outbox, and checks of the organization,
 * event and holder). A self-service booking may skip the read: it books on what this container
 * remembers, which the transaction checks, and on any refusal other than capacity or seats it
 * forgets that and books again on a fresh read. Free events confirm at once; priced events hold
 * the seats until payment or the hold's deadline, whose expiry is scheduled after the commit (the
 * sweeper catches a schedule that failed to be made).
 */
export const book = async (
  deps: Pick<Deps, 'attendees' | 'bookings' | 'clock' | 'holdScheduler' | 'promoRedemptions'>,
  principal: Principal,
  orgId: string,
  sessionId: string,
  input: BookInput,
): Promise<Booking> => {
  assertOneHolder(input);
  const query = {
    orgId,
    sessionId,
    userId: principal.sub,
    attendeeId: input.attendeeId,
    partyId: input.partyId,
  };
  let remembered = deps.bookings.rememberedContext(query);
  // One retry on a fresh read: the event may change between the read and the transaction.
  let staleRetries = 1;
  for (;;) {
    const ctx = remembered ?? (await deps.bookings.context(query));
    let booking: Booking;
    try {
      booking = await bookIn(deps, principal, ctx, input);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (remembered && !answeredAsIs.has(err.code)) {
        deps.bookings.forgetContext(query);
        remembered = undefined;
        continue;
      }
      // The event or session changed since read: read again (a cancellation then answers NOT_BOOKABLE).
      if (staleRetries-- > 0 && err.details.stale !== undefined) continue;
      throw err;
    }
    // Committed: what follows must not book again.
    await scheduleHoldTimers(deps, booking);
    return booking;
  }
};

/** One attempt of `book` on a context: the checks, the seats and the transaction. */
const bookIn = async (
  deps: Pick<Deps, 'attendees' | 'bookings' | 'clock' | 'promoRedemptions'>,
  principal: Principal,
  ctx: BookingContext,
  input: BookInput,
) => {
  assertOrgOpen(ctx.orgStatus);
  const booker = staffOr(ctx.member, principal, 'booking.manage');
  const holder = holderOf(ctx, booker, input);
  const now = deps.clock.now();
  const { session, event } = bookableParts(ctx, now);
  if (booker.kind === 'self') assertRegistrationOpen(session, now);
  const ticketSeats = input.tickets?.reduce((n, t) => n + t.seats, 0);
  const seats = seatCount(
    { ...input, seats: input.seats ?? ticketSeats },
    holder.defaultSeats,
    event.settings.maxSeatsPerBooking,
  );
  const tickets = chooseTickets({
    categories: ctx.categories,
    requested: input.tickets,
    seats,
    counts: ctx.categoryCounts,
    unlocked: new Set(ctx.pass?.unlocksCategoryIds ?? []),
    staff: booker.kind === 'staff',
    at: now.toISOString(),
  });
  const reservation = input.reservation;
  assertEligible(ctx, booker, event, {
    places: seats,
    party: holder.partyId !== null,
    reservation: !!reservation,
  });
  const seatLabels = await seatsFor(deps, session, seats, input, holder.partyId !== null);
  const at = now.toISOString();
  const bookingId = newId('bkg');
  const bought = { seats, tickets: tickets.map(bookingTicketOf) };
  const promo = input.promoCode
    ? {
        orgId: session.orgId,
        eventId: event.eventId,
        code: input.promoCode,
        personKey: (holder.attendeeId ?? holder.partyId) as string,
        bookingId,
        at,
      }
    : null;
  const discount = promo ? await redeemPromo(deps, promo, bought, event) : null;
  const paid = costsSomething(bought, event, discount);
  const ownerUser = holder.attendee ? holder.attendee.userId : await leaderUser(deps, ctx, booker);
  const booking: Booking = {
    orgId: session.orgId,
    sessionId: session.sessionId,
    eventId: event.eventId,
    bookingId,
    attendeeId: holder.attendeeId,
    partyId: holder.partyId,
    seats,
    seatLabels,
    tickets: bought.tickets,
    discount,
    status: paid || reservation ? 'held' : 'confirmed',
    paymentStatus: paid ? 'pending' : 'none',
    holdExpiresAt: reservation
      ? reservationDeadline(now, event.settings.requestHoldMinutes)
      : paid
        ? new Date(now.getTime() + event.settings.holdMinutes * 60_000).toISOString()
        : null,
    bookedBy: principal.sub,
    userId: ownerUser,
    waitlistEntryId: null,
    ...(reservation ? { requestId: reservation.request.requestId } : {}),
    ...(input.trackingCode ? { trackingCode: input.trackingCode.toUpperCase() } : {}),
    createdAt: at,
    updatedAt: at,
  };
  await withPromoGivenBack(deps, promo, () =>
    deps.bookings.create({
      ...(reservation ? { reservation: reservationStep(reservation, booking) } : {}),
      booking,
      event,
      session,
      tickets,
      holder: holder.party
        ? { kind: 'party', party: holder.party }
        : {
            kind: 'attendee',
            attendeeId: booking.attendeeId as string,
            linkedTo: booker.kind === 'self' ? booker.sub : null,
          },
    }),
  );
  return booking;
};

/** A party's booking belongs to its leader's user: the caller when they lead it, else read. */
export const leaderUser = async (
  deps: Pick<Deps, 'attendees'>,
  ctx: BookingContext,
  booker: Booker,
): Promise<string | null> => {
  if (booker.kind === 'self') return booker.sub;
  const leaderId = ctx.party?.leaderId;
  if (!leaderId || !ctx.session) return null;
  return (await deps.attendees.get(ctx.session.orgId, leaderId))?.userId ?? null;
};

const seatsFor = async (
  deps: Pick<Deps, 'bookings'>,
  session: NonNullable<BookingContext['session']>,
  seats: number,
  input: BookInput,
  together: boolean,
): Promise<string[]> => {
  const places = placeLabels(session.seating);
  if (!places) {
    if (input.seatLabels?.length) {
      throw validationFailed([
        { field: 'seatLabels', message: 'only seated and table sessions take seat labels' },
      ]);
    }
    return [];
  }
  const booked = await deps.bookings.bookedSeats(session.orgId, session.sessionId);
  const taken = new Set(booked.map((s) => s.label));
  const labels = chooseSeats({
    seatMap: places,
    taken,
    seats,
    requested: input.seatLabels,
    together,
    tables: session.seating.mode === 'tables' ? session.seating.tables : undefined,
  });
  if (labels.length < seats) throw capacityExhausted(labels.length, seats);
  return labels;
};

export { cancelBooking, confirmBooking, confirmHeld, expireHold } from './bookings-changes.js';
