import { authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, type FieldIssue, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Session } from '../../catalog/index.js';
import { type ScanAnswer, type ScanDeps, scanTicket, scanTimeOf } from './checkin.js';
import type { CheckinConflict } from './conflict-ports.js';
import { type OfflineScan, recordConflict } from './conflicts.js';

/**
 * Scans a device made offline, uploaded when it is back online. Each goes through the same
 * `scanTicket` as a scan at an online gate, with its own `scannedAt` and nonce: the server
 * decides again and never admits a ticket twice, and an upload sent again answers each nonce
 * its first answer. Where the device let someone in and the server does not admit, a conflict
 * is recorded for staff (conflicts.ts).
 */

export interface OfflineUpload {
  /** The device that made the scans (a scan may name another, e.g. when a hub uploads for several). */
  deviceId: string;
  scans: OfflineScan[];
}

export interface OfflineResult extends ScanAnswer {
  /** The conflict the scan made, or null. */
  conflictId: string | null;
}

export interface OfflineUploadAnswer {
  deviceId: string;
  /** One per scan, in the order uploaded. */
  results: OfflineResult[];
  /** The conflicts of this upload's scans (the same records when it is sent again). */
  conflicts: CheckinConflict[];
}

/** Tickets whose scans are decided at the same time (each ticket's scans one after another). */
const parallelTickets = 8;

type UploadDeps = ScanDeps & Pick<Deps, 'checkinConflicts' | 'clock'> & EventAccessDeps;

/** A 422 of one scan names its place in the upload: `scans.3.scannedAt`. */
const issuesOf = (err: unknown, index: number): FieldIssue[] => {
  if (!(err instanceof DomainError) || err.code !== 'VALIDATION_FAILED') throw err;
  const errors = (err.details.errors ?? []) as FieldIssue[];
  return errors.map((e) => ({ field: `scans.${index}.${e.field}`, message: e.message }));
};

/** The items of the distinct ids that exist, by id. */
const known = async <T>(
  ids: (string | undefined)[],
  get: (id: string) => Promise<T | undefined>,
): Promise<Map<string, T>> => {
  const distinct = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const found = await Promise.all(distinct.map(get));
  return new Map(
    distinct.flatMap((id, i) => {
      const item = found[i];
      return item === undefined ? [] : [[id, item] as const];
    }),
  );
};

/**
 * The upload's gate, before any scan is decided: the organization role, or a place on the team of
 * each event whose sessions the scans name (every scan is then checked as an online scan is). A
 * team member of one event whose upload names another's session is refused as a whole.
 */
const authorizeUpload = async (
  deps: UploadDeps,
  principal: Principal,
  orgId: string,
  sessions: Iterable<Session>,
): Promise<void> => {
  const eventIds = [...new Set([...sessions].map((s) => s.eventId))];
  if (eventIds.length === 0) {
    await authorize(deps, orgId, principal, 'checkin.scan');
    return;
  }
  await Promise.all(eventIds.map((id) => authorizeForEvent(deps, orgId, id, principal, 'checkin.scan')));
};

/**
 * Refuses the upload before any scan is decided when one of them cannot be (a time in the future,
 * a session or check-in list the organization does not have): a bad upload changes nothing.
 */
const checkUpload = async (
  deps: UploadDeps,
  orgId: string,
  scans: readonly OfflineScan[],
  sessions: ReadonlyMap<string, Session>,
) => {
  const issues: FieldIssue[] = [];
  scans.forEach((scan, i) => {
    try {
      scanTimeOf(deps, scan);
    } catch (err) {
      issues.push(...issuesOf(err, i));
    }
  });
  const lists = await known(
    scans.map((s) => s.listId),
    (id) => deps.checkinLists.get(orgId, id),
  );
  scans.forEach((s, i) => {
    if (!sessions.has(s.sessionId)) {
      issues.push({ field: `scans.${i}.sessionId`, message: 'is not a session of this organization' });
    }
    if (s.listId && !lists.has(s.listId)) {
      issues.push({ field: `scans.${i}.listId`, message: 'is not a check-in list of this organization' });
    }
  });
  if (issues.length > 0) throw validationFailed(issues);
};

/**
 * What a scan presents: the ticket part of a code (static and rotating codes of one ticket share
 * it), or the attendee of a manual check-in. Scans of one subject are decided in scan order; it
 * orders work only; the admission's conditional write is what keeps a ticket admitted once.
 */
const subjectOf = (s: OfflineScan): string =>
  s.method === 'manual' ? `attendee:${s.attendeeId}` : `code:${s.code?.trim().split('.')[1] ?? s.code}`;

/** Runs `work` for each subject's items one after another, `parallel` subjects at a time. */
const perSubject = async <T>(
  groups: T[][],
  parallel: number,
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < groups.length) {
      const group = groups[next++] ?? [];
      for (const item of group) {
        if (failure) return;
        try {
          await work(item);
        } catch (error) {
          failure ??= { error };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, groups.length) }, worker));
  // Every scan that ran is recorded under its nonce: the device sends the upload again.
  if (failure) throw failure.error;
};

export const uploadOfflineScans = async (
  deps: UploadDeps,
  principal: Principal,
  orgId: string,
  upload: OfflineUpload,
): Promise<OfflineUploadAnswer> => {
  const scans = upload.scans.map((s) => ({ ...s, deviceId: s.deviceId ?? upload.deviceId }));
  const sessions = await known(
    scans.map((s) => s.sessionId),
    (id) => deps.sessions.get(orgId, id),
  );
  await authorizeUpload(deps, principal, orgId, sessions.values());
  await checkUpload(deps, orgId, scans, sessions);
  const groups = new Map<string, number[]>();
  const byTime = scans
    .map((s, i) => ({ i, at: Date.parse(s.scannedAt) }))
    .sort((a, b) => a.at - b.at || a.i - b.i);
  for (const { i } of byTime) {
    const subject = subjectOf(scans[i] as OfflineScan);
    groups.set(subject, [...(groups.get(subject) ?? []), i]);
  }
  const results: OfflineResult[] = new Array(scans.length);
  const conflicts: (CheckinConflict | null)[] = new Array(scans.length).fill(null);
  await perSubject([...groups.values()], parallelTickets, async (i) => {
    const scan = scans[i] as OfflineScan;
    const answer = await scanTicket(deps, principal, orgId, scan);
    const conflict = await recordConflict(deps, orgId, scan, answer);
    conflicts[i] = conflict;
    results[i] = { ...answer, conflictId: conflict?.conflictId ?? null };
  });
  return {
    deviceId: upload.deviceId,
    results,
    // One record per scan: a nonce sent twice in an upload names the same conflict twice.
    conflicts: [...new Map(conflicts.flatMap((c) => (c ? [[c.conflictId, c] as const] : []))).values()],
  };
};
