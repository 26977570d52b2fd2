import { assertOrgOpen } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { maxSeatsPerBookingLimit } from '../../catalog/index.js';
import { chooseTickets, type TicketRequest } from '../../pricing/index.js';
import { assertRegistrationOpen, bookableParts, holderOf } from './booking-checks.js';
import { assertEligible } from './booking-eligibility.js';
import { type BookInput, book, leaderUser } from './bookings.js';
import { staffOr } from './bookings-access.js';
import { assertOneHolder } from './holder-choice.js';
import { bookingLimitReached } from './holder-limit.js';
import type { Booking } from './model.js';
import { withOwnHolder } from './own-holder.js';
import type { WaitlistEntry, WaitlistView } from './waitlist-model.js';
import { viewOne } from './waitlist-view.js';

export interface JoinInput {
  attendeeId?: string | undefined;
  partyId?: string | undefined;
  /** Places wanted. Default: the tickets' places, else 1, or the party's member count. */
  partySize?: number | undefined;
  /** Events that sell ticket categories: the places of each wanted (the offer holds exactly these). */
  tickets?: TicketRequest[] | undefined;
}

/**
 * Puts an attendee or a party on a session's waitlist: the caller for their own attendee (or a
 * party they lead), staff for anyone of the organization (walk-ins). Same rules as booking: the
 * session must take bookings, and its registration deadline must not have passed (for staff too). When places are free already, the same transaction wakes the offer
 * engine, so the new entry is offered them at once if it is first in line.
 */
export const joinWaitlist = async (
  deps: Pick<Deps, 'attendees' | 'bookings' | 'clock' | 'events' | 'forecasts' | 'sessions' | 'waitlist'>,
  principal: Principal,
  orgId: string,
  sessionId: string,
  input: JoinInput,
): Promise<WaitlistView> => {
  assertOneHolder(input);
  const ctx = await deps.bookings.context({
    orgId,
    sessionId,
    userId: principal.sub,
    attendeeId: input.attendeeId,
    partyId: input.partyId,
  });
  assertOrgOpen(ctx.orgStatus);
  const booker = staffOr(ctx.member, principal, 'booking.manage');
  const holder = holderOf(ctx, booker, input);
  const now = deps.clock.now();
  const { session, event } = bookableParts(ctx, now);
  // Staff too: the line makes no offer after the deadline, so a place in it would lead nowhere.
  assertRegistrationOpen(session, now);
  const ticketPlaces = input.tickets?.reduce((n, t) => n + t.seats, 0);
  if (ticketPlaces !== undefined && input.partySize !== undefined && input.partySize !== ticketPlaces) {
    throw validationFailed([
      { field: 'partySize', message: `must equal the tickets' places (${ticketPlaces}) or be left out` },
    ]);
  }
  const partySize = input.partySize ?? ticketPlaces ?? holder.defaultSeats;
  const limit = Math.min(event.settings.maxSeatsPerBooking, maxSeatsPerBookingLimit, session.capacity);
  if (partySize > limit) {
    throw validationFailed([
      { field: 'partySize', message: `at most ${limit} places per entry for this session` },
    ]);
  }
  assertEligible(ctx, booker, event, {
    places: partySize,
    party: holder.partyId !== null,
    reservation: false,
  });
  // The categories as a booking would choose them, but as if none were sold: a category sold out
  // is what one waits for. They are priced when the offer is made.
  const tickets = chooseTickets({
    categories: ctx.categories,
    requested: input.tickets,
    seats: partySize,
    counts: new Map(),
    unlocked: new Set(ctx.pass?.unlocksCategoryIds ?? []),
    staff: booker.kind === 'staff',
    at: now.toISOString(),
  }).map((t) => ({ categoryId: t.category.categoryId, seats: t.seats }));
  const [counter, userId, live] = await Promise.all([
    deps.sessions.getCounter(orgId, sessionId),
    holder.attendee ? Promise.resolve(holder.attendee.userId) : leaderUser(deps, ctx, booker),
    deps.bookings.liveBookingsOf(orgId, sessionId, (holder.attendeeId ?? holder.partyId) as string),
  ]);
  // An offer would be one more live booking: waiting for it is for those who may still book.
  if (live >= event.settings.bookingsPerAttendee)
    throw bookingLimitReached(event.settings.bookingsPerAttendee);
  const at = now.toISOString();
  const entry: WaitlistEntry = {
    orgId,
    sessionId,
    eventId: event.eventId,
    entryId: newId('wle'),
    attendeeId: holder.attendeeId,
    partyId: holder.partyId,
    partySize,
    tickets,
    position: await deps.waitlist.reservePosition(orgId, sessionId),
    status: 'waiting',
    skips: 0,
    bookingId: null,
    userId,
    addedBy: principal.sub,
    joinedAt: at,
    offeredAt: null,
    respondedAt: null,
    expiresAt: null,
    updatedAt: at,
  };
  await deps.waitlist.join(entry, (counter?.available ?? 0) > 0);
  return viewOne(deps, entry);
};

/** Refusals a place on the waitlist answers: the session, or a category asked for, is full. */
const forWantOfPlaces = new Set(['CAPACITY_EXHAUSTED', 'CATEGORY_SOLD_OUT']);

export type BookOrJoin = { kind: 'booked'; booking: Booking } | { kind: 'waitlisted'; entry: WaitlistView };

/**
 * Books; with `joinWaitlistIfFull`, a booking refused for want of places (the session is full,
 * people already wait for it, or a category asked for is sold out) joins the waitlist with the
 * same holder, party size and categories instead.
 */
export const bookOrJoin = async (
  deps: Pick<
    Deps,
    | 'attendees'
    | 'bookings'
    | 'clock'
    | 'events'
    | 'forecasts'
    | 'holdScheduler'
    | 'promoRedemptions'
    | 'sessions'
    | 'waitlist'
    | 'members'
    | 'orgs'
    | 'profiles'
  >,
  principal: Principal,
  orgId: string,
  sessionId: string,
  asked: BookInput,
): Promise<BookOrJoin> => {
  const input = await withOwnHolder(deps, principal, orgId, asked);
  try {
    return { kind: 'booked', booking: await book(deps, principal, orgId, sessionId, input) };
  } catch (err) {
    if (!input.joinWaitlistIfFull || !(err instanceof DomainError) || !forWantOfPlaces.has(err.code))
      throw err;
    const entry = await joinWaitlist(deps, principal, orgId, sessionId, {
      attendeeId: input.attendeeId,
      partyId: input.partyId,
      partySize: input.seats,
      tickets: input.tickets,
    });
    return { kind: 'waitlisted', entry };
  }
};
