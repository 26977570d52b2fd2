import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { SessionTable } from '../../catalog/index.js';
import { placeLabels, tableOf } from '../../catalog/index.js';
import { assertSessionVisible } from './booking-eligibility.js';
import { bookerIn, notFoundFor, readOwnBooking } from './bookings-access.js';
import type { BookedSeat, Booking, BookingHistoryEntry, BookingRef, SeatState } from './model.js';
import type { BookingPayment } from './ports.js';

/** Reads of bookings: one booking with its seats and history, lists, and a session's availability. */

export interface BookingDetail extends Booking {
  /** What was paid: the order's quote (tax, fee, total) and the amounts paid and refunded. */
  payment: BookingPayment | null;
  seatStates: { label: string; state: Exclude<SeatState, 'free'> }[];
  /** Table sessions: the tables the booking sits at, in table order; null otherwise. */
  tables: string[] | null;
  history: BookingHistoryEntry[];
}

export const getBooking = async (
  deps: Pick<Deps, 'bookingPayments' | 'bookings' | 'sessions'> & AccessDeps,
  principal: Principal,
  ref: BookingRef,
): Promise<BookingDetail> => {
  const { booking } = await readOwnBooking(deps, principal, ref, 'booking.read');
  const [history, session, payment] = await Promise.all([
    deps.bookings.history(ref),
    deps.sessions.get(ref.orgId, ref.sessionId),
    deps.bookingPayments.of(ref),
  ]);
  const state = booking.status === 'held' ? 'held' : 'confirmed';
  const live = booking.status === 'held' || booking.status === 'confirmed';
  return {
    ...booking,
    seatStates: live ? booking.seatLabels.map((label) => ({ label, state })) : [],
    tables: session?.seating.mode === 'tables' ? [...new Set(booking.seatLabels.map(tableOf))] : null,
    history,
    payment,
  };
};

/** Staff: every booking of a session. */
export const listSessionBookings = async (
  deps: Pick<Deps, 'bookings' | 'sessions'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  page: PageRequest,
): Promise<Page<Booking>> => {
  await authorize(deps, orgId, principal, 'booking.read');
  if (!(await deps.sessions.get(orgId, sessionId))) throw notFound('session');
  return deps.bookings.listBySession(orgId, sessionId, page);
};

/** Staff, or the attendee linked to the caller: an attendee's bookings, newest first. */
export const listAttendeeBookings = async (
  deps: Pick<Deps, 'attendees' | 'bookings'> & AccessDeps,
  principal: Principal,
  orgId: string,
  attendeeId: string,
  page: PageRequest,
): Promise<Page<Booking>> => {
  const booker = await bookerIn(deps, orgId, principal, 'booking.read');
  const attendee = await deps.attendees.get(orgId, attendeeId);
  if (!attendee || (booker.kind === 'self' && attendee.userId !== booker.sub)) {
    throw notFoundFor(booker, 'attendee');
  }
  return deps.bookings.listByHolder(orgId, attendeeId, page);
};

/** The caller's bookings across organizations, newest first. */
export const listMyBookings = (
  deps: Pick<Deps, 'bookings'>,
  principal: Principal,
  page: PageRequest,
): Promise<Page<Booking>> => deps.bookings.listByUser(principal.sub, page);

export interface Availability {
  orgId: string;
  sessionId: string;
  capacity: number;
  available: number;
  held: number;
  confirmed: number;
  /** Seated and table sessions: every seat (or table place) in order with its state; null otherwise. */
  seats: { label: string; state: SeatState }[] | null;
  /** Table sessions: each table with its free places; null otherwise. */
  tables: { name: string; capacity: number; free: number }[] | null;
}

const seatMapOf = (labels: readonly string[], booked: readonly BookedSeat[]) => {
  const taken = new Map(booked.map((s) => [s.label, s.state]));
  return labels.map((label) => ({ label, state: taken.get(label) ?? ('free' as const) }));
};

const freeAtTables = (
  tables: readonly SessionTable[],
  places: readonly { label: string; state: SeatState }[],
) => {
  const free = new Map<string, number>();
  for (const p of places) {
    if (p.state === 'free') free.set(tableOf(p.label), (free.get(tableOf(p.label)) ?? 0) + 1);
  }
  return tables.map((t) => ({ name: t.name, capacity: t.capacity, free: free.get(t.name) ?? 0 }));
};

/** Members of the organization, and attendees known to it (their apps pick seats from it). */
export const getAvailability = async (
  deps: Pick<Deps, 'attendees' | 'bookings' | 'eventPasses' | 'events' | 'sessions'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
): Promise<Availability> => {
  const booker = await bookerIn(deps, orgId, principal, 'session.read');
  const mine =
    booker.kind === 'self' ? await deps.attendees.findBy(orgId, 'userId', principal.sub) : undefined;
  if (booker.kind === 'self' && !mine) {
    throw notFound('organization');
  }
  const [session, counter] = await Promise.all([
    deps.sessions.get(orgId, sessionId),
    deps.sessions.getCounter(orgId, sessionId),
  ]);
  if (!session || !counter) throw notFound('session');
  // An attendee who is no member sees a private event's session only with a pass.
  if (mine && booker.kind === 'self' && !booker.member)
    await assertSessionVisible(deps, session, mine.attendeeId);
  const places = placeLabels(session.seating);
  const seats = places ? seatMapOf(places, await deps.bookings.bookedSeats(orgId, sessionId)) : null;
  const { capacity, available, held, confirmed } = counter;
  const tables = session.seating.mode === 'tables' ? freeAtTables(session.seating.tables, seats ?? []) : null;
  return { orgId, sessionId, capacity, available, held, confirmed, seats, tables };
};
