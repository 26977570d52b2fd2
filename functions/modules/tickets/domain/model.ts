/**
 * Tickets, check-in and admissions. A ticket is one confirmed place of a booking: per seat of a
 * seated booking, per person of a general-admission one. Tickets are not written when a booking
 * is confirmed: they are what a confirmed booking is, numbered `1..seats`, so they can never
 * disagree with it. A cancelled, refunded or expired booking's tickets are revoked by that very
 * change; a held one's are unpaid. Each scan reads the booking's status in its transaction.
 */

/** `${bookingId}-${n}`: the booking's n-th place (1-based). */
export type TicketId = string;

export interface TicketRef {
  orgId: string;
  sessionId: string;
  ticketId: TicketId;
}

export interface Ticket extends TicketRef {
  bookingId: string;
  eventId: string;
  /** 1-based place of the booking. */
  place: number;
  /** The seat of a seated booking, null for general admission. */
  seatLabel: string | null;
  attendeeId: string | null;
  partyId: string | null;
}

/** How a code shows: static (printed, and for scanners offline) or rotating (30-second steps, the app). */
export type CodeKind = 'static' | 'rotating';

export type Direction = 'entry' | 'exit';

/** How the ticket was presented at the door. */
export const checkinMethods = ['qr', 'nfc', 'app', 'manual', 'otp'] as const;
export type CheckinMethod = (typeof checkinMethods)[number];

/** `exited`: an exit recorded; `not_in`: an exit of someone not inside. */
export const scanOutcomes = [
  'admitted',
  'exited',
  'already_in',
  'not_in',
  'invalid',
  'revoked',
  'unpaid',
  'wrong_session',
  'too_early',
  'too_late',
] as const;
export type ScanOutcome = (typeof scanOutcomes)[number];

/** Why a scan was refused, where the outcome alone does not say: what became of a one-time code. */
export type ScanReason = 'otp_none' | 'otp_wrong' | 'otp_expired' | 'otp_exhausted' | 'otp_used';

/** Where a ticket stands at the door: written by each admitting or exiting scan, conditionally. */
export interface Admission extends TicketRef {
  bookingId: string;
  attendeeId: string | null;
  state: 'in' | 'out';
  /** The last entry or exit. */
  gate: string;
  at: string;
  entries: number;
  firstEntryAt: string;
  updatedAt: string;
}

/** One scan as the door sent it, and the answer it got (kept under its nonce). */
export interface ScanRecord {
  orgId: string;
  sessionId: string;
  nonce: string;
  ticketId: TicketId | null;
  bookingId: string | null;
  attendeeId: string | null;
  method: CheckinMethod;
  direction: Direction;
  gate: string;
  deviceId: string | null;
  scannedAt: string;
  outcome: ScanOutcome;
  /** For `already_in`: when and where the ticket went in. */
  previous: { at: string; gate: string } | null;
  /** Why it was refused, when the outcome alone does not say; null otherwise. */
  reason: ScanReason | null;
  by: string;
  recordedAt: string;
}

/** How the door and the reports name an attendee. */
export const displayName = (a: { firstName: string; lastName: string }): string =>
  `${a.firstName} ${a.lastName}`.trim();
