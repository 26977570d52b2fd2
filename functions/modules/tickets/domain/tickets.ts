import type { AccessDeps } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { type Booking, type BookingRef, readOwnBooking } from '../../bookings/index.js';
import { rotatingToken, staticCode, stepSeconds } from './codes.js';
import type { CodeKind, Ticket, TicketId } from './model.js';
import type { TicketKeyring } from './ports.js';

/** The tickets of a confirmed booking, one per place; none for a booking not confirmed. */
export const ticketsOf = (b: Booking): Ticket[] =>
  b.status !== 'confirmed'
    ? []
    : Array.from({ length: b.seats }, (_, i) => ({
        orgId: b.orgId,
        sessionId: b.sessionId,
        ticketId: ticketIdOf(b.bookingId, i + 1),
        bookingId: b.bookingId,
        eventId: b.eventId,
        place: i + 1,
        seatLabel: b.seatLabels[i] ?? null,
        attendeeId: b.attendeeId,
        partyId: b.partyId,
      }));

export const ticketIdOf = (bookingId: string, place: number): TicketId => `${bookingId}-${place}`;

/** The booking and place a ticket id names, or null when it names none. */
export const placeOf = (ticketId: string): { bookingId: string; place: number } | null => {
  const match = /^(bkg_[a-z0-9]+)-([1-9][0-9]?)$/.exec(ticketId);
  return match ? { bookingId: match[1] as string, place: Number(match[2]) } : null;
};

/** What an attendee's app or a printout needs to show one ticket. */
export interface IssuedTicket extends Ticket {
  codeKind: CodeKind;
  /** Static codes: the QR (or NFC) payload. */
  code: string | null;
  /** Rotating codes: the signed token and the secret the app derives each step's code from. */
  rotating: { token: string; secret: string; stepSeconds: number } | null;
  /** One line for wallets and printouts: the ticket, its seat and its code. */
  text: string;
}

export const issue = (keys: TicketKeyring, t: Ticket, kind: CodeKind): IssuedTicket => {
  const where = t.seatLabel ? `seat ${t.seatLabel}` : `place ${t.place}`;
  if (kind === 'static') {
    const code = staticCode(keys, t);
    return { ...t, codeKind: kind, code, rotating: null, text: `Ticket ${t.ticketId} · ${where} · ${code}` };
  }
  const rotating = {
    token: rotatingToken(keys, t),
    secret: keys.secretOf(t).toString('base64url'),
    stepSeconds,
  };
  return {
    ...t,
    codeKind: kind,
    code: null,
    rotating,
    text: `Ticket ${t.ticketId} · ${where} · show the code in the app`,
  };
};

type TicketDeps = Pick<Deps, 'bookings' | 'events' | 'ticketKeys'>;

const issueAll = async (deps: TicketDeps, bookings: Booking[]): Promise<IssuedTicket[]> => {
  const confirmed = bookings.filter((b) => b.status === 'confirmed');
  if (confirmed.length === 0) return [];
  const keys = await deps.ticketKeys.get();
  const kinds = new Map<string, CodeKind>();
  for (const b of confirmed) {
    const key = `${b.orgId}#${b.eventId}`;
    if (!kinds.has(key)) {
      const event = await deps.events.get(b.orgId, b.eventId);
      kinds.set(key, event?.settings.ticketCodes ?? 'static');
    }
  }
  return confirmed.flatMap((b) =>
    ticketsOf(b).map((t) => issue(keys, t, kinds.get(`${b.orgId}#${b.eventId}`) ?? 'static')),
  );
};

/** The tickets of one booking, for its attendee (or party leader) or staff; none unless confirmed. */
export const bookingTickets = async (
  deps: TicketDeps & AccessDeps,
  principal: Principal,
  ref: BookingRef,
): Promise<IssuedTicket[]> => {
  const { booking } = await readOwnBooking(deps, principal, ref, 'booking.read');
  return issueAll(deps, [booking]);
};

/** The caller's tickets across organizations: those of their confirmed bookings, a page of bookings at a time. */
export const myTickets = async (
  deps: TicketDeps,
  principal: Principal,
  page: PageRequest,
): Promise<Page<IssuedTicket>> => {
  const bookings = await deps.bookings.listByUser(principal.sub, page);
  return { items: await issueAll(deps, bookings.items), nextCursor: bookings.nextCursor };
};
