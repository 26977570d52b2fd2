/**
 * Who may book an event beyond "anyone": event invites (to one person, or a shareable link), the
 * pass an invite gives its holder, and join requests of events that admit by approval.
 */

export type EventInviteKind = 'direct' | 'link';
export type EventInviteStatus = 'active' | 'revoked';

export interface EventInvite {
  orgId: string;
  eventId: string;
  inviteId: string;
  kind: EventInviteKind;
  /**
   * A direct invite names its person by one of these; a link by none. An invite by email or phone
   * also records the organization's attendee holding that email or phone when it was made (what
   * an account's erasure finds it by).
   */
  attendeeId: string | null;
  /** Lowercased. */
  email: string | null;
  phone: string | null;
  /** A link's token secret, SHA-256: the raw token is returned once, at creation. */
  tokenHash: string | null;
  /** A link stops admitting at this instant (null: never). */
  expiresAt: string | null;
  /** A link admits this many holders (null: any number). */
  maxUses: number | null;
  /** Passes given through the invite. */
  uses: number;
  /** The holder books an approval event without a join request. */
  skipApproval: boolean;
  /** Hidden ticket categories the holder may buy (their visibility is the categories' owner's). */
  unlocksCategoryIds: string[];
  status: EventInviteStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type PassSource = 'invite' | 'request';

/** What lets one attendee see and book a private event (and, with skipApproval, an approval event). */
export interface EventPass {
  orgId: string;
  eventId: string;
  attendeeId: string;
  /** The user the holder was linked to when the pass was given. */
  userId: string | null;
  source: PassSource;
  inviteId: string | null;
  skipApproval: boolean;
  unlocksCategoryIds: string[];
  createdAt: string;
}

/** The part of a pass the booking rules read. */
export type PassGrant = Pick<EventPass, 'source' | 'skipApproval' | 'unlocksCategoryIds'>;

/**
 * A join request's life: `pending` until a host decides; approved it is `reserved` (a held booking
 * keeps its places until a deadline) or, the session being full, `waitlisted` (its waitlist entry
 * takes it on); a reservation ends `booked` (confirmed or paid), `lapsed` (its hold ran out) or
 * `cancelled`; a pending request may be `declined` by a host or `cancelled` by its attendee.
 */
export type JoinRequestStatus =
  | 'pending'
  | 'reserved'
  | 'waitlisted'
  | 'declined'
  | 'booked'
  | 'lapsed'
  | 'cancelled';

export const joinRequestStatuses: readonly JoinRequestStatus[] = [
  'pending',
  'reserved',
  'waitlisted',
  'declined',
  'booked',
  'lapsed',
  'cancelled',
];

/** An attendee has at most one open request per session: these. */
export const openRequestStatuses: readonly JoinRequestStatus[] = ['pending', 'reserved', 'waitlisted'];

export interface JoinRequest {
  orgId: string;
  sessionId: string;
  eventId: string;
  requestId: string;
  attendeeId: string;
  /** The attendee's linked user (the requester's own requests are theirs). */
  userId: string | null;
  partySize: number;
  message: string | null;
  status: JoinRequestStatus;
  /** The host's note with the decision. */
  hostMessage: string | null;
  /** The reservation (held booking) of an approved request. */
  bookingId: string | null;
  /** The waitlist entry of a request approved while the session was full. */
  waitlistEntryId: string | null;
  /** Until when the reservation holds. */
  holdExpiresAt: string | null;
  requestedBy: string;
  decidedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RequestCounts = Record<JoinRequestStatus, number>;
