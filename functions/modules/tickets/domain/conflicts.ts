import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { ScanAnswer, ScanInput } from './checkin.js';
import {
  type CheckinConflict,
  type ConflictKind,
  type ConflictResolution,
  type ConflictStatus,
  conflictIdPattern,
} from './conflict-ports.js';
import type { ScanOutcome } from './model.js';

/** Use cases of offline scans' conflicts (the model and its store: conflict-ports.ts). */

/** A scan a device made offline, as uploaded. */
export interface OfflineScan extends ScanInput {
  scannedAt: string;
  /** What the device did: `admitted` (let the person in, or out) or `refused`. */
  deviceOutcome: 'admitted' | 'refused';
}

const kinds: Partial<Record<ScanOutcome, ConflictKind>> = {
  already_in: 'double_admission',
  revoked: 'entry_after_revocation',
  unpaid: 'entry_unpaid',
  invalid: 'invalid_code',
  wrong_session: 'wrong_session',
  too_early: 'outside_window',
  too_late: 'outside_window',
};

/** The conflict an offline entry makes when the server did not admit it; none for exits or refusals. */
export const conflictKindOf = (scan: OfflineScan, answer: ScanAnswer): ConflictKind | null =>
  scan.direction === 'entry' && scan.deviceOutcome === 'admitted' ? (kinds[answer.outcome] ?? null) : null;

export const conflictIdOf = (sessionId: string, nonce: string): string =>
  `cfl_${sessionId.replace(/^ses_/, '')}_${nonce}`;

export const conflictRefOf = (conflictId: string): { sessionId: string; nonce: string } | null => {
  const match = conflictIdPattern.exec(conflictId);
  return match ? { sessionId: `ses_${match[1]}`, nonce: match[2] as string } : null;
};

/**
 * Records the conflict of an uploaded scan, if it makes one: answered from the scan's stored
 * answer, so an upload sent again finds the same record rather than making a second.
 */
export const recordConflict = async (
  deps: Pick<Deps, 'bookings' | 'checkinConflicts' | 'clock'>,
  orgId: string,
  scan: OfflineScan,
  answer: ScanAnswer,
): Promise<CheckinConflict | null> => {
  const kind = conflictKindOf(scan, answer);
  if (!kind) return null;
  const booking = answer.bookingId
    ? await deps.bookings.get({ orgId, sessionId: scan.sessionId, bookingId: answer.bookingId })
    : undefined;
  return deps.checkinConflicts.createIfAbsent({
    conflictId: conflictIdOf(scan.sessionId, answer.nonce),
    orgId,
    sessionId: scan.sessionId,
    ticketId: answer.ticketId,
    bookingId: answer.bookingId,
    kind,
    offline: {
      deviceId: scan.deviceId ?? null,
      gate: answer.gate,
      scannedAt: answer.scannedAt,
      nonce: answer.nonce,
      method: scan.method,
    },
    server: {
      outcome: answer.outcome,
      admission: answer.outcome === 'already_in' ? answer.previous : null,
      booking: booking
        ? { status: booking.status, paymentStatus: booking.paymentStatus, changedAt: booking.updatedAt }
        : null,
    },
    status: 'open',
    resolution: null,
    note: null,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: deps.clock.now().toISOString(),
  });
};

type ConflictDeps = Pick<Deps, 'checkinConflicts'> & AccessDeps;

export const listConflicts = async (
  deps: ConflictDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  status: ConflictStatus,
  page: PageRequest,
): Promise<Page<CheckinConflict>> => {
  await authorize(deps, orgId, principal, 'checkin.manage');
  return deps.checkinConflicts.listBySession(orgId, sessionId, status, page);
};

/**
 * Staff's answer to a conflict: `accepted` (the entry stands) or `rejected` (it should not have
 * happened). It records the decision only: the admission stays as the server decided it. The same
 * answer again is answered with the conflict as resolved; another answer is refused.
 */
export const resolveConflict = async (
  deps: ConflictDeps & Pick<Deps, 'clock'>,
  principal: Principal,
  orgId: string,
  conflictId: string,
  input: { resolution: ConflictResolution; note?: string | undefined },
): Promise<CheckinConflict> => {
  await authorize(deps, orgId, principal, 'checkin.manage');
  const ref = conflictRefOf(conflictId);
  // Two rounds: a conflict resolved by someone else between the read and the write is read again.
  for (let attempt = 1; ref && attempt <= 2; attempt++) {
    const conflict = await deps.checkinConflicts.get(orgId, ref.sessionId, ref.nonce);
    if (!conflict) break;
    if (conflict.status === 'resolved') {
      if (conflict.resolution === input.resolution) return conflict;
      throw new DomainError('CONFLICT', `the conflict was already resolved as ${conflict.resolution}`, {
        resolution: conflict.resolution,
      });
    }
    const resolved: CheckinConflict = {
      ...conflict,
      status: 'resolved',
      resolution: input.resolution,
      note: input.note ?? null,
      resolvedBy: principal.sub,
      resolvedAt: deps.clock.now().toISOString(),
    };
    if (await deps.checkinConflicts.resolve(resolved)) return resolved;
  }
  throw notFound('check-in conflict');
};
