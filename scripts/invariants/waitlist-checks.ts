import { type SessionCheck, violation } from './check-types.js';

/**
 * Invariant 3 of the design: waitlist positions are unique per session, the waiting line agrees
 * with the entries, and an entry is `offered` iff exactly one live hold carries its entry id.
 */

export const waitlistPositionsUnique: SessionCheck = {
  name: 'waitlist-positions-unique',
  rule: 'waiting entries of a session have unique positions, each with its line slot and no other slots',
  run: (s) => {
    const waiting = (s.waitlist ?? []).filter((e) => e.status === 'waiting');
    const byPosition = new Map<number, string[]>();
    for (const e of waiting) byPosition.set(e.position, [...(byPosition.get(e.position) ?? []), e.entryId]);
    const slots = new Map((s.waitline ?? []).map((slot) => [slot.entryId, slot]));
    const ids = new Set(waiting.map((e) => e.entryId));
    return [
      ...[...byPosition.entries()]
        .filter(([, entries]) => entries.length > 1)
        .map(([position, entries]) =>
          violation(
            'waitlist-positions-unique',
            s,
            `position ${position} held by entries ${entries.join(', ')}`,
          ),
        ),
      ...waiting
        .filter((e) => slots.get(e.entryId)?.position !== e.position)
        .map((e) =>
          violation(
            'waitlist-positions-unique',
            s,
            `waiting entry ${e.entryId} has no line slot at ${e.position}`,
          ),
        ),
      ...(s.waitline ?? [])
        .filter((slot) => !ids.has(slot.entryId))
        .map((slot) =>
          violation(
            'waitlist-positions-unique',
            s,
            `line slot ${slot.position} of entry ${slot.entryId}, which is not waiting`,
          ),
        ),
    ];
  },
};

export const offeredIffOneHold: SessionCheck = {
  name: 'waitlist-offered-iff-one-hold',
  rule: 'an entry is offered iff exactly one held booking carries its entry id (the one it names)',
  run: (s) => {
    const holds = new Map<string, string[]>();
    for (const b of s.bookings.filter((x) => x.status === 'held' && x.waitlistEntryId)) {
      const id = b.waitlistEntryId as string;
      holds.set(id, [...(holds.get(id) ?? []), b.bookingId]);
    }
    const entries = new Map((s.waitlist ?? []).map((e) => [e.entryId, e]));
    const offered = (s.waitlist ?? []).filter((e) => e.status === 'offered');
    return [
      ...offered
        .filter((e) => {
          const found = holds.get(e.entryId) ?? [];
          return found.length !== 1 || found[0] !== e.bookingId;
        })
        .map((e) =>
          violation(
            'waitlist-offered-iff-one-hold',
            s,
            `offered entry ${e.entryId} names booking ${e.bookingId ?? 'none'}; held bookings carrying it: ${(holds.get(e.entryId) ?? []).join(', ') || 'none'}`,
          ),
        ),
      ...[...holds.entries()]
        .filter(([entryId]) => entries.get(entryId)?.status !== 'offered')
        .map(([entryId, bookingIds]) =>
          violation(
            'waitlist-offered-iff-one-hold',
            s,
            `held booking(s) ${bookingIds.join(', ')} carry entry ${entryId}, which is ${entries.get(entryId)?.status ?? 'missing'}`,
            { bookingId: bookingIds[0] as string },
          ),
        ),
    ];
  },
};

export const waitingMatchesEntries: SessionCheck = {
  name: 'waiting-matches-entries',
  rule: "the counter's waiting count equals the session's waiting entries",
  run: (s) => {
    const counted = s.counter?.waiting ?? 0;
    const waiting = (s.waitlist ?? []).filter((e) => e.status === 'waiting').length;
    return !s.counter || counted === waiting
      ? []
      : [violation('waiting-matches-entries', s, `counter says waiting ${counted}, ${waiting} entries wait`)];
  },
};
