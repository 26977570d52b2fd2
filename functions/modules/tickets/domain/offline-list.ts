import type { Deps } from '../../../kernel/domain/deps.js';
import { validationFailed } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Booking } from '../../bookings/index.js';
import { holderNames } from './admissions-names.js';
import { type DoorRules, doorRules } from './checkin.js';
import { secretHash } from './codes.js';
import type { CodeKind } from './model.js';
import { entriesPerAnswer } from './offline-limits.js';
import type { TicketKeyring } from './ports.js';
import { authorizeForSession, type SessionAccessDeps } from './session-access.js';
import { ticketIdOf, ticketsOf } from './tickets.js';

/**
 * What a scanner downloads to work without a connection: the tenant's public key (a static code's
 * signature is checked with it alone), the door rules, the session's valid tickets (each with the
 * hash of its secret, which a code's secret must match), the revoked ones, and who is inside.
 *
 * A session's list comes a page at a time: one answer stops after about `entriesPerAnswer`
 * entries and gives a `nextCursor` for the rest (the session's bookings first, then who is
 * inside). A scanner asks until `nextCursor` is null and merges the pages.
 */

export interface OfflineTicket {
  ticketId: string;
  secretHash: string;
  seatLabel: string | null;
  attendeeName: string | null;
}

export interface OfflineCheckinList {
  sessionId: string;
  listId: string | null;
  generatedAt: string;
  keyId: string;
  publicKeyPem: string;
  /** Rotating codes carry a one-time code a scanner cannot check offline (it needs the ticket's secret). */
  ticketCodes: CodeKind;
  rules: Omit<DoorRules, 'ticketCodes'>;
  tickets: OfflineTicket[];
  /** Tickets of cancelled, refunded or expired bookings: refuse them. */
  revoked: string[];
  inside: { ticketId: string; at: string; gate: string }[];
  nextCursor: string | null;
}

export type OfflineListDeps = Pick<
  Deps,
  'admissionReads' | 'attendees' | 'bookings' | 'checkinLists' | 'clock' | 'events' | 'parties' | 'ticketKeys'
> &
  SessionAccessDeps;

/** Items read per query. */
const readSize = 100;

/** Where a download stands: reading the bookings, or who is inside, from `cursor` on. */
interface Position {
  phase: 'bookings' | 'inside';
  cursor: string | null;
}

const badCursor = () => validationFailed([{ field: 'cursor', message: 'is not a cursor of this list' }]);

const encode = (p: Position): string => Buffer.from(JSON.stringify(p)).toString('base64url');

const decode = (cursor: string | undefined): Position => {
  if (!cursor) return { phase: 'bookings', cursor: null };
  try {
    const p: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      p &&
      typeof p === 'object' &&
      'phase' in p &&
      (p.phase === 'bookings' || p.phase === 'inside') &&
      'cursor' in p &&
      (p.cursor === null || typeof p.cursor === 'string')
    ) {
      return { phase: p.phase, cursor: p.cursor };
    }
  } catch {
    // falls through to the validation error
  }
  throw badCursor();
};

/**
 * Bookings whose places are no longer valid (cancelled, refunded in full, or expired): their
 * tickets are refused. Held bookings have no tickets yet and are in neither list.
 */
const isRevoked = (b: Booking): boolean => b.status === 'cancelled' || b.status === 'expired';

const addBookings = async (
  deps: OfflineListDeps,
  keys: TicketKeyring,
  bookings: Booking[],
  into: Pick<OfflineCheckinList, 'tickets' | 'revoked'>,
) => {
  const nameOf = holderNames(deps, bookings[0]?.orgId ?? '');
  const confirmed = bookings.filter((b) => b.status === 'confirmed');
  const names = await Promise.all(confirmed.map(nameOf));
  confirmed.forEach((b, i) => {
    for (const t of ticketsOf(b)) {
      const ticket = {
        ticketId: t.ticketId,
        secretHash: secretHash(keys.secretOf(t)),
        seatLabel: t.seatLabel,
      };
      into.tickets.push({ ...ticket, attendeeName: names[i] ?? null });
    }
  });
  for (const b of bookings.filter(isRevoked)) {
    into.revoked.push(...Array.from({ length: b.seats }, (_, i) => ticketIdOf(b.bookingId, i + 1)));
  }
};

export const offlineCheckinList = async (
  deps: OfflineListDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  query: { cursor?: string | undefined; listId?: string | undefined },
): Promise<OfflineCheckinList> => {
  const session = await authorizeForSession(deps, principal, orgId, sessionId, 'checkin.scan');
  let position = decode(query.cursor);
  const door = await doorRules(deps, session, query.listId);
  if (!door.admits) {
    throw validationFailed([{ field: 'listId', message: 'the check-in list does not admit this session' }]);
  }
  const { ticketCodes, ...rules } = door;
  const keys = await deps.ticketKeys.get();
  const answer: OfflineCheckinList = {
    sessionId,
    listId: query.listId ?? null,
    generatedAt: deps.clock.now().toISOString(),
    keyId: keys.keyId,
    publicKeyPem: keys.publicKeyPem,
    ticketCodes,
    rules,
    tickets: [],
    revoked: [],
    inside: [],
    nextCursor: null,
  };
  const size = () => answer.tickets.length + answer.revoked.length + answer.inside.length;
  let done = false;
  while (!done && size() < entriesPerAnswer) {
    const page = { limit: readSize, cursor: position.cursor ?? undefined };
    if (position.phase === 'bookings') {
      const bookings = await deps.bookings.listBySession(orgId, sessionId, page);
      await addBookings(deps, keys, bookings.items, answer);
      position = bookings.nextCursor
        ? { phase: 'bookings', cursor: bookings.nextCursor }
        : { phase: 'inside', cursor: null };
    } else {
      const inside = await deps.admissionReads.listInside(orgId, sessionId, page);
      answer.inside.push(...inside.items.map((a) => ({ ticketId: a.ticketId, at: a.at, gate: a.gate })));
      position = { phase: 'inside', cursor: inside.nextCursor };
      done = inside.nextCursor === null;
    }
  }
  answer.nextCursor = done ? null : encode(position);
  return answer;
};
