import type { Deps } from '../../../kernel/domain/deps.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Event, Seating, Session } from '../../catalog/index.js';
import { placeLabels, registrationClosed } from '../../catalog/index.js';
import {
  bookingTicketOf,
  type CategoryCount,
  type ChosenTicket,
  categoryRoom,
  chooseTickets,
  costsSomething,
  type TicketCategory,
} from '../../pricing/index.js';
import { chooseSeats } from './bookings-seats.js';
import { scheduleHoldTimers } from './hold-timers.js';
import { type Booking, systemActor } from './model.js';
import { offerDeadline, type PlannedOffer, planOffers, type WaitlistEntry } from './waitlist-model.js';

/**
 * The offer engine, run on every `capacity.released` message of a session (cancellation, hold or
 * offer expiry, decline, capacity raise, a change of the line while places are free). It reads
 * the counter and the waiting line, plans offers by the event's policy, and commits each offer in
 * one transaction whose conditions (places still free, entry still waiting, seats still free, the
 * session unchanged) make concurrent runs safe: a run that loses a race reads again and goes on, so the same places
 * or the same entry are never offered twice, and handling a message twice is harmless.
 */

/** Rounds of read-plan-commit per message; a run that keeps losing races is retried by SQS. */
const maxRounds = 25;

export class OfferContentionError extends Error {
  constructor(orgId: string, sessionId: string, why = 'kept colliding') {
    super(`offers for ${orgId}/${sessionId} ${why}; the message will be retried`);
    this.name = 'OfferContentionError';
  }
}

/**
 * Offers are made only while the session could be booked: not after its registration deadline
 * nor the event's cutoff.
 */
export const offerable = (session: Session, event: Event, now: Date): boolean =>
  event.status === 'published' &&
  !event.deleting &&
  !session.deleting &&
  session.status === 'scheduled' &&
  !registrationClosed(session, now) &&
  now.getTime() < Date.parse(session.startsAt) - event.settings.offerCutoffMinutes * 60_000;

interface Round {
  made: number;
  /** Something changed since the read: read again. */
  stale: boolean;
}

/**
 * The places an offer holds: none at general admission; in seated and table sessions, chosen as a
 * booking's would be (a party sits together). Undefined when too few are free: the read is stale.
 */
export const offerSeats = (
  seating: Seating,
  taken: ReadonlySet<string>,
  entry: Pick<WaitlistEntry, 'partySize' | 'partyId'>,
): string[] | undefined => {
  const places = placeLabels(seating);
  if (!places) return [];
  const labels = chooseSeats({
    seatMap: places,
    taken,
    seats: entry.partySize,
    requested: undefined,
    together: entry.partyId !== null,
    tables: seating.mode === 'tables' ? seating.tables : undefined,
  });
  return labels.length < entry.partySize ? undefined : labels;
};

/** What an event that sells ticket categories needs to offer them: its categories and the session's counters. */
interface CategoryState {
  categories: readonly TicketCategory[];
  counts: ReadonlyMap<string, CategoryCount>;
}

/**
 * The entry's categories priced as a staff booking would be now (the entry was checked when it
 * joined), or undefined when they no longer can be (a category was removed since).
 */
const pricedTickets = (
  entry: WaitlistEntry,
  state: CategoryState | undefined,
  at: string,
): ChosenTicket[] | undefined => {
  if (!state || entry.tickets.length === 0) return [];
  try {
    return chooseTickets({
      categories: state.categories,
      requested: entry.tickets,
      seats: entry.partySize,
      counts: state.counts,
      unlocked: new Set(),
      staff: true,
      at,
    });
  } catch {
    return undefined;
  }
};

const makeOffers = async (
  deps: Pick<Deps, 'bookings' | 'holdScheduler' | 'waitlist'>,
  session: Session,
  event: Event,
  plan: readonly PlannedOffer[],
  categoryState: CategoryState | undefined,
  now: Date,
  hasTime: () => boolean,
): Promise<Round> => {
  const { orgId, sessionId } = session;
  // Seated and table sessions: the offer holds places like a booking picks them.
  const taken = new Set(
    session.seating.mode === 'general'
      ? []
      : (await deps.bookings.bookedSeats(orgId, sessionId)).map((s) => s.label),
  );
  const at = now.toISOString();
  let made = 0;
  for (const { slot, skipped } of plan) {
    // Each offer commits on its own: stopping between two leaves nothing half done.
    if (!hasTime()) throw new OfferContentionError(orgId, sessionId, 'ran short of time');
    const entry = await deps.waitlist.getInSession(orgId, sessionId, slot.entryId);
    // Offered by a concurrent run (or gone) since the line was read: the plan goes on with the
    // next entry rather than reading the whole line again; the counter still guards every offer.
    if (entry?.status !== 'waiting' || entry.position !== slot.position) continue;
    const seatLabels = offerSeats(session.seating, taken, entry);
    if (!seatLabels) return { made, stale: true };
    const tickets = pricedTickets(entry, categoryState, at);
    // Its categories are gone: it waits (staff may move or remove it) while others are offered.
    if (!tickets) continue;
    const booking: Booking = {
      orgId,
      sessionId,
      eventId: event.eventId,
      bookingId: newId('bkg'),
      attendeeId: entry.attendeeId,
      partyId: entry.partyId,
      seats: entry.partySize,
      seatLabels,
      tickets: tickets.map(bookingTicketOf),
      discount: null,
      status: 'held',
      paymentStatus: costsSomething(
        { seats: entry.partySize, tickets: tickets.map(bookingTicketOf) },
        event,
        null,
      )
        ? 'pending'
        : 'none',
      holdExpiresAt: offerDeadline(now, event.settings, session.startsAt),
      bookedBy: systemActor,
      userId: entry.userId,
      waitlistEntryId: entry.entryId,
      createdAt: at,
      updatedAt: at,
    };
    const written = await deps.waitlist.offer({
      entry,
      booking,
      skipped,
      sessionUpdatedAt: session.updatedAt,
      tickets,
      categoryCounts: categoryState?.counts ?? new Map(),
    });
    if (written === 'entry-gone') continue;
    if (written === 'stale') return { made, stale: true };
    made += 1;
    for (const label of seatLabels) taken.add(label);
    // The offer is a hold: its expiry schedule (and the sweeper) end it like any other, and its
    // holder is reminded before it lapses.
    await scheduleHoldTimers(deps, booking);
  }
  return { made, stale: false };
};

/**
 * Offers the free places of a session to its waiting line; returns how many offers it made. A run
 * whose caller runs short of time (`hasTime`) stops between rounds and throws: the message comes
 * back and the next run goes on from stored state.
 */
export const offerReleasedPlaces = async (
  deps: Pick<
    Deps,
    'bookings' | 'categories' | 'clock' | 'events' | 'holdScheduler' | 'sessions' | 'waitlist'
  >,
  orgId: string,
  sessionId: string,
  hasTime: () => boolean = () => true,
): Promise<number> => {
  let offered = 0;
  for (let round = 0; round < maxRounds; round++) {
    if (!hasTime()) throw new OfferContentionError(orgId, sessionId, 'ran short of time');
    const [session, counter] = await Promise.all([
      deps.sessions.get(orgId, sessionId),
      deps.sessions.getCounter(orgId, sessionId),
    ]);
    if (!session || !counter || counter.available <= 0 || (counter.waiting ?? 0) <= 0) return offered;
    const event = await deps.events.get(orgId, session.eventId);
    const now = deps.clock.now();
    if (!event || !offerable(session, event, now)) return offered;
    const categoryState =
      event.categoryCount > 0
        ? await Promise.all([
            deps.categories.listByEvent(orgId, event.eventId),
            deps.categories.countsOf(orgId, sessionId),
          ]).then(([categories, counts]) => ({ categories, counts }))
        : undefined;
    const plan = planOffers(
      await deps.waitlist.line(orgId, sessionId),
      counter.available,
      event.settings,
      categoryState && categoryRoom(categoryState.categories, categoryState.counts),
    );
    if (plan.length === 0) return offered;
    const { made, stale } = await makeOffers(deps, session, event, plan, categoryState, now, hasTime);
    offered += made;
    if (!stale) return offered;
  }
  throw new OfferContentionError(orgId, sessionId);
};

/**
 * Closes a session's waitlist (the session was cancelled): up to `limit` waiting entries end
 * `removed`, each notified. 'more' asks the caller to run again.
 */
export const closeSessionWaitlist = async (
  deps: Pick<Deps, 'clock' | 'waitlist'>,
  orgId: string,
  sessionId: string,
  limit: number,
  reason = 'the session was cancelled',
): Promise<'more' | 'done'> => {
  const line = await deps.waitlist.line(orgId, sessionId, limit);
  for (const slot of line) {
    const entry = await deps.waitlist.getInSession(orgId, sessionId, slot.entryId);
    if (entry?.status !== 'waiting') continue;
    const at = deps.clock.now().toISOString();
    await deps.waitlist.leave({ entry, status: 'removed', by: systemActor, reason, at, wake: false });
  }
  return line.length < limit ? 'done' : 'more';
};
