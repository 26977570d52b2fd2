import type { Deps } from '../../../kernel/domain/deps.js';

/**
 * The recount of a session's counter from its bookings: places the counter counts as held or
 * confirmed that no live booking holds (a general-admission booking cut off between its take and
 * its transaction leaves them) are given back; more places in bookings than in the counter (which
 * nothing should ever cause) is reported, never "repaired".
 *
 * Why a correction cannot undo a booking in flight. The reads come in this order: the counter
 * items (with their versions), the session's claims, the bookings; the correction is conditional
 * on the versions. A booking that took places before the counter read wrote its claim before that:
 * at the claims read its claim is still there (a young claim: nothing is corrected), or it was
 * consumed by its committed transaction, and then its booking is in the bookings read. A booking
 * that takes places after the counter read bumps a version, and the correction is refused.
 */

/** Claims younger than this belong to bookings that may still commit (a booking lives seconds). */
export const claimGraceMs = 15 * 60_000;

export type DriftOutcome =
  /** The excess was given back. */
  | 'corrected'
  /** A booking between its take and its commit may hold the excess: left for the next recount. */
  | 'in-flight'
  /** The counter moved during the recount: left for the next one. */
  | 'moved'
  /** Bookings hold more places than the counter counts: reported for a person to look at. */
  | 'short';

export interface SessionDrift {
  sessionId: string;
  /** Counter minus bookings, per bucket. */
  held: number;
  confirmed: number;
  outcome: DriftOutcome;
}

export interface ReconciliationReport {
  sessions: number;
  drifts: SessionDrift[];
}

type ReconcileDeps = Pick<Deps, 'counterRepairs' | 'bookings' | 'clock'>;

/** Recounts one session; undefined when its counter matches its bookings (or it has none). */
export const reconcileSession = async (
  deps: ReconcileDeps,
  orgId: string,
  sessionId: string,
): Promise<SessionDrift | undefined> => {
  const ref = { orgId, sessionId };
  const reading = await deps.counterRepairs.read(ref);
  if (!reading) return undefined;
  const youngFrom = new Date(deps.clock.now().getTime() - claimGraceMs).toISOString();
  const claims = await deps.counterRepairs.claims(ref, youngFrom);
  const booked = await deps.bookings.liveSeats(orgId, sessionId);
  // Claims whose booking never came back: their places are the excess below, if any.
  await deps.counterRepairs.dropClaims(ref, claims.stale);
  const held = reading.held - booked.held;
  const confirmed = reading.confirmed - booked.confirmed;
  if (held === 0 && confirmed === 0) return undefined;
  const drift = (outcome: DriftOutcome): SessionDrift => ({ sessionId, held, confirmed, outcome });
  if (held < 0 || confirmed < 0) {
    // Read again: a booking that committed between the reads is not a shortfall.
    const again = await deps.counterRepairs.read(ref);
    const same = again !== undefined && again.versions.join() === reading.versions.join();
    return drift(same ? 'short' : 'moved');
  }
  if (claims.young > 0) return drift('in-flight');
  return drift(
    (await deps.counterRepairs.correct(ref, reading, { held, confirmed })) ? 'corrected' : 'moved',
  );
};

/** Recounts every scheduled session of the organization that has not started yet. */
export const reconcileCounters = async (
  deps: ReconcileDeps,
  orgId: string,
): Promise<ReconciliationReport> => {
  const ids = await deps.counterRepairs.scheduledSessionIds(orgId, deps.clock.now().toISOString());
  const drifts: SessionDrift[] = [];
  for (const sessionId of ids) {
    const drift = await reconcileSession(deps, orgId, sessionId);
    if (drift) drifts.push(drift);
  }
  return { sessions: ids.length, drifts };
};
