import type { Deps } from '../../../kernel/domain/deps.js';
import type { Event, Session } from '../../catalog/index.js';
import { assertGuestRules, assertMayBook, assertVisible } from '../../invitations/index.js';
import type { Booker } from './bookings-access.js';
import type { BookingContext } from './ports.js';

/**
 * Who may book the event and how many places, for the book path and the waitlist join: a private
 * event exists only for staff, members and pass holders (404 as a missing session otherwise), an
 * approval event is booked through a request's reservation or a pass that skips approval, and
 * the guest rules hold for every booking (a reservation's too: the attendee may have changed).
 */
export const assertEligible = (
  ctx: Pick<BookingContext, 'pass' | 'gender'>,
  booker: Booker,
  event: Event,
  guest: { places: number; party: boolean; reservation: boolean },
): void => {
  if (!guest.reservation) {
    const asker = {
      staff: booker.kind === 'staff',
      member: booker.kind === 'self' && booker.member,
      pass: ctx.pass,
    };
    assertMayBook(event, asker, 'session');
  }
  assertGuestRules(event.settings.guestRules, {
    places: guest.places,
    party: guest.party,
    gender: ctx.gender ?? null,
  });
};

/**
 * A session read by an attendee who is not a member (its availability): a private event's session
 * exists for them only with a pass, else the answer of a missing session.
 */
export const assertSessionVisible = async (
  deps: Pick<Deps, 'eventPasses' | 'events'>,
  session: Pick<Session, 'orgId' | 'eventId'>,
  attendeeId: string,
): Promise<void> => {
  const event = await deps.events.get(session.orgId, session.eventId);
  if (event?.visibility !== 'private') return;
  const pass = await deps.eventPasses.get(session.orgId, session.eventId, attendeeId);
  assertVisible(event, { staff: false, member: false, pass }, 'session');
};
