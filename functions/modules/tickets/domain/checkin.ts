import type { AccessDeps } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { mayActOnEvent } from '../../../kernel/domain/event-access.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Booking } from '../../bookings/index.js';
import type { Event, Session } from '../../catalog/index.js';
import type { CheckinList } from './checkin-list-ports.js';
import { existingList, listDoorRules } from './checkin-lists.js';
import { checkCode } from './codes.js';
import {
  type Admission,
  type CheckinMethod,
  type CodeKind,
  type Direction,
  displayName,
  type ScanOutcome,
  type ScanReason,
  type ScanRecord,
  type TicketRef,
} from './model.js';
import { byOtp } from './otp.js';
import type { ScanContext, TicketKeyring } from './ports.js';
import { placeOf, ticketIdOf } from './tickets.js';

/**
 * A scan at the door. Every scan is answered and recorded under the client's nonce, in one
 * conditional transaction with the ticket's admission when it admits (or lets out): of any number
 * of simultaneous scans of one ticket, one is `admitted` and the others `already_in`, and a scan
 * sent again with its nonce gets the first answer again.
 */

export interface ScanInput {
  sessionId: string;
  method: CheckinMethod;
  /** qr, nfc, app: the code as read. */
  code?: string | undefined;
  /** manual: the attendee looked up by staff. */
  attendeeId?: string | undefined;
  /** otp (with attendeeId): the one-time code the attendee received (domain/otp.ts). */
  otp?: string | undefined;
  direction: Direction;
  gate: string;
  deviceId?: string | undefined;
  /** When the device scanned (offline scans are uploaded later); now when absent. */
  scannedAt?: string | undefined;
  nonce: string;
  /** A check-in list: its rules apply instead of the event's settings. */
  listId?: string | undefined;
}

export interface ScanAnswer {
  outcome: ScanOutcome;
  nonce: string;
  ticketId: string | null;
  bookingId: string | null;
  attendee: { attendeeId: string; name: string } | null;
  /** For `already_in`: when and at which gate the ticket went in. */
  previous: { at: string; gate: string } | null;
  gate: string;
  scannedAt: string;
  /** A sent-again nonce: this is the first answer. */
  replayed: boolean;
  /** Why it was refused, when the outcome alone does not say (a one-time code's fate). */
  reason: ScanReason | null;
}

/** Door rules of a session: when its doors open and close, and whether one may go out and in again. */
export interface DoorRules {
  opensAt: string;
  closesAt: string;
  reentry: boolean;
  /** False when the scan's check-in list does not take the session: its tickets are `wrong_session`. */
  admits: boolean;
  /** The event's codes: with `rotating`, a static code is a copy and refused. */
  ticketCodes: CodeKind;
}

export type ScanDeps = Pick<
  Deps,
  | 'admissions'
  | 'attendees'
  | 'bookings'
  | 'checkinLists'
  | 'checkinOtps'
  | 'clock'
  | 'events'
  | 'sessions'
  | 'ticketKeys'
> &
  AccessDeps;

/** How far ahead of the server's clock a device's scan time may be. */
const maxClockSkewMs = 5 * 60_000;

/** What was scanned, once resolved: a ticket of a booking, or why there is none. */
export type Resolved =
  | { kind: 'ticket'; ref: TicketRef; booking: Booking }
  | {
      kind: 'refused';
      outcome: ScanOutcome;
      booking: Booking | null;
      ticketId: string | null;
      reason?: ScanReason;
    };

const bookingOutcome = (b: Booking): ScanOutcome | null => {
  if (b.status === 'confirmed') return null;
  return b.status === 'held' ? 'unpaid' : 'revoked';
};

/** What a code says, checked with the key alone: a place of this session's booking, or why not. */
type CodeFacts =
  | { kind: 'refused'; outcome: ScanOutcome; ticketId: string | null }
  | {
      kind: 'place';
      ref: TicketRef;
      bookingId: string;
      place: number;
      codeKind: CodeKind;
      attendeeId: string | null;
    };

const codeFacts = (keys: TicketKeyring, orgId: string, input: ScanInput, at: Date): CodeFacts => {
  const check = checkCode(keys, input.code ?? '', at);
  // A code of another organization is as unknown here as a made-up one.
  if (!check.ok || check.ref.orgId !== orgId) return { kind: 'refused', outcome: 'invalid', ticketId: null };
  const place = placeOf(check.ref.ticketId);
  if (!place) return { kind: 'refused', outcome: 'invalid', ticketId: null };
  if (check.ref.sessionId !== input.sessionId) {
    return { kind: 'refused', outcome: 'wrong_session', ticketId: check.ref.ticketId };
  }
  return { kind: 'place', ref: check.ref, ...place, codeKind: check.kind, attendeeId: check.attendeeId };
};

/** A code's place against its booking as read. */
const byCode = (facts: CodeFacts, rules: DoorRules, booking: Booking | undefined): Resolved => {
  if (facts.kind === 'refused') return { ...facts, booking: null };
  const refused = {
    kind: 'refused',
    outcome: 'invalid',
    booking: null,
    ticketId: facts.ref.ticketId,
  } as const;
  // The event shows rotating codes only: a static code is a copy of one.
  if (facts.codeKind === 'static' && rules.ticketCodes === 'rotating') return refused;
  if (!booking || facts.place > booking.seats) return refused;
  const outcome = bookingOutcome(booking);
  if (outcome) return { kind: 'refused', outcome, booking, ticketId: facts.ref.ticketId };
  return { kind: 'ticket', ref: facts.ref, booking };
};

/**
 * Staff looked the attendee up: the first of their confirmed places in the session that can
 * make this move (not inside for an entry, inside for an exit).
 */
const byAttendee = async (deps: ScanDeps, orgId: string, input: ScanInput): Promise<Resolved> => {
  const attendeeId = input.attendeeId ?? '';
  const page = await deps.bookings.listByHolder(orgId, attendeeId, { limit: 100 });
  const inSession = page.items.filter((b) => b.sessionId === input.sessionId);
  const confirmed = inSession.filter((b) => b.status === 'confirmed');
  if (confirmed.length === 0) {
    const other = inSession.find((b) => b.status === 'held') ?? inSession[0];
    if (!other) return { kind: 'refused', outcome: 'invalid', booking: null, ticketId: null };
    return { kind: 'refused', outcome: bookingOutcome(other) ?? 'invalid', booking: other, ticketId: null };
  }
  let first: Resolved | undefined;
  for (const booking of confirmed) {
    for (let place = 1; place <= booking.seats; place++) {
      const ref = { orgId, sessionId: input.sessionId, ticketId: ticketIdOf(booking.bookingId, place) };
      const candidate: Resolved = { kind: 'ticket', ref, booking };
      first ??= candidate;
      const admission = await deps.admissions.getAdmission(ref);
      const inside = admission?.state === 'in';
      if (input.direction === 'entry' ? !inside : inside) return candidate;
    }
  }
  // Every place already made this move: the answer says so for the first.
  return first as Resolved;
};

/** The session's door rules: the check-in list's when the scan names one, else its event's settings. */
export const doorRules = async (
  deps: Pick<Deps, 'checkinLists' | 'events'>,
  session: Session,
  listId?: string,
): Promise<DoorRules> => {
  const [event, list] = await Promise.all([
    deps.events.get(session.orgId, session.eventId),
    listId ? existingList(deps, session.orgId, listId) : undefined,
  ]);
  return rulesOf(session, event, list);
};

const rulesOf = (session: Session, event: Event | undefined, list: CheckinList | undefined): DoorRules => {
  const ticketCodes = event?.settings.ticketCodes ?? 'static';
  if (list) return { ...listDoorRules(list, session), ticketCodes };
  const opensBefore = (event?.settings.checkinOpensMinutesBefore ?? 60) * 60_000;
  return {
    opensAt: new Date(Date.parse(session.startsAt) - opensBefore).toISOString(),
    closesAt: session.endsAt,
    reentry: event?.settings.checkinReentry ?? true,
    admits: true,
    ticketCodes,
  };
};

const attendeeOf = async (deps: ScanDeps, orgId: string, attendeeId: string | null) => {
  if (!attendeeId) return null;
  const a = await deps.attendees.get(orgId, attendeeId);
  return a ? { attendeeId, name: displayName(a) } : null;
};

/** The answer for the door; `known` is an attendee already read (the code named them). */
const answerOf = async (
  deps: ScanDeps,
  s: ScanRecord,
  replayed: boolean,
  known?: ScanAnswer['attendee'],
): Promise<ScanAnswer> => ({
  outcome: s.outcome,
  nonce: s.nonce,
  ticketId: s.ticketId,
  bookingId: s.bookingId,
  attendee:
    known && known.attendeeId === s.attendeeId ? known : await attendeeOf(deps, s.orgId, s.attendeeId),
  previous: s.previous,
  gate: s.gate,
  scannedAt: s.scannedAt,
  replayed,
  reason: s.reason,
});

export const scanTimeOf = (deps: Pick<Deps, 'clock'>, input: ScanInput): Date => {
  const now = deps.clock.now();
  if (!input.scannedAt) return now;
  const at = new Date(input.scannedAt);
  if (at.getTime() > now.getTime() + maxClockSkewMs) {
    throw validationFailed([{ field: 'scannedAt', message: 'must not be in the future' }]);
  }
  return at;
};

/** Decides the move for a ticket whose booking is confirmed: the outcome and the admission it writes. */
const decide = (
  input: ScanInput,
  rules: DoorRules,
  ref: TicketRef,
  booking: Booking,
  current: Admission | undefined,
  at: string,
): { outcome: ScanOutcome; next?: Admission; previous: ScanRecord['previous'] } => {
  const previous = current ? { at: current.at, gate: current.gate } : null;
  if (!rules.admits) return { outcome: 'wrong_session', previous: null };
  if (input.direction === 'exit') {
    if (current?.state !== 'in') return { outcome: 'not_in', previous };
    return {
      outcome: 'exited',
      previous,
      next: { ...current, state: 'out', gate: input.gate, at, updatedAt: at },
    };
  }
  if (at < rules.opensAt) return { outcome: 'too_early', previous };
  if (at > rules.closesAt) return { outcome: 'too_late', previous };
  if (current?.state === 'in') return { outcome: 'already_in', previous };
  if (current && !rules.reentry) {
    return { outcome: 'already_in', previous: { at: current.firstEntryAt, gate: current.gate } };
  }
  const next: Admission = {
    ...ref,
    bookingId: booking.bookingId,
    attendeeId: booking.attendeeId,
    state: 'in',
    gate: input.gate,
    at,
    entries: (current?.entries ?? 0) + 1,
    firstEntryAt: current?.firstEntryAt ?? at,
    updatedAt: at,
  };
  return { outcome: 'admitted', previous, next };
};

/** Attempts before a ticket's admission that keeps moving under a scan counts as contended. */
const maxAttempts = 10;

export const scanTicket = async (
  deps: ScanDeps,
  principal: Principal,
  orgId: string,
  input: ScanInput,
): Promise<ScanAnswer> => {
  const at = scanTimeOf(deps, input);
  const byCodeMethod = input.method !== 'manual' && input.method !== 'otp';
  // A code is checked with the key before any read, so its booking and admission join the read.
  const facts = byCodeMethod ? codeFacts(await deps.ticketKeys.get(), orgId, input, at) : null;
  const ctx = await deps.admissions.scanContext({
    orgId,
    userId: principal.sub,
    sessionId: input.sessionId,
    nonce: input.nonce,
    ticket:
      facts?.kind === 'place'
        ? { ref: facts.ref, bookingId: facts.bookingId, attendeeId: facts.attendeeId }
        : null,
  });
  // The event's team scans its sessions' tickets too; an unknown session has no team to ask.
  mayActOnEvent(ctx.org, ctx.member, ctx.place, 'checkin.scan');
  if (ctx.scan) return answerOf(deps, ctx.scan, true);
  if (!ctx.session) throw notFound('session');
  const list = input.listId ? await existingList(deps, orgId, input.listId) : undefined;
  const rules = rulesOf(ctx.session, ctx.event, list);
  /** The first attempt decides on the read above; a later one reads what moved again. */
  let fresh: Pick<ScanContext, 'booking' | 'admission'> | undefined = ctx;
  const scanOf = (
    outcome: ScanOutcome,
    r: { ticketId: string | null; booking: Booking | null; reason?: ScanReason },
    previous: ScanRecord['previous'],
  ): ScanRecord => ({
    orgId,
    sessionId: input.sessionId,
    nonce: input.nonce,
    ticketId: r.ticketId,
    bookingId: r.booking?.bookingId ?? null,
    attendeeId: r.booking?.attendeeId ?? null,
    method: input.method,
    direction: input.direction,
    gate: input.gate,
    deviceId: input.deviceId ?? null,
    scannedAt: at.toISOString(),
    outcome,
    previous,
    reason: r.reason ?? null,
    by: principal.sub,
    recordedAt: deps.clock.now().toISOString(),
  });
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const read = fresh;
    fresh = undefined;
    const bookingOf = async (f: Extract<CodeFacts, { kind: 'place' }>) =>
      read ? read.booking : deps.bookings.get({ orgId, sessionId: input.sessionId, bookingId: f.bookingId });
    const resolved = !facts
      ? input.method === 'manual'
        ? await byAttendee(deps, orgId, input)
        : await byOtp(deps, orgId, input, () => byAttendee(deps, orgId, input))
      : byCode(facts, rules, facts.kind === 'place' ? await bookingOf(facts) : undefined);
    let commit: Parameters<typeof deps.admissions.commitScan>[0];
    if (resolved.kind === 'refused') {
      commit = { scan: scanOf(resolved.outcome, resolved, null) };
    } else {
      const current = facts && read ? read.admission : await deps.admissions.getAdmission(resolved.ref);
      const d = decide(input, rules, resolved.ref, resolved.booking, current, at.toISOString());
      const scan = scanOf(
        d.outcome,
        { ticketId: resolved.ref.ticketId, booking: resolved.booking },
        d.previous,
      );
      commit = d.next
        ? { scan, admission: { current, next: d.next, bookingId: resolved.booking.bookingId } }
        : { scan };
    }
    const result = await deps.admissions.commitScan(commit);
    if (result === 'done') return answerOf(deps, commit.scan, false, ctx.attendee);
    if (result === 'scan_exists') {
      const first = await deps.admissions.getScan(orgId, input.sessionId, input.nonce);
      if (first) return answerOf(deps, first, true);
    }
    // `moved` (another gate admitted it meanwhile) or `not_confirmed`: read again and decide again.
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'this ticket is being scanned elsewhere; scan again');
};
