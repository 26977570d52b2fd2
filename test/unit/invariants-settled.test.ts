import { describe, expect, it } from 'vitest';
import { fingerprintOf, sessionFingerprints } from '../../scripts/invariants/fingerprint.js';
import { type ReadTable, settleReads } from '../../scripts/invariants/settle.js';
import type { RawItem } from '../../scripts/invariants/snapshot.js';
import { sessionKeyOf } from '../../scripts/invariants/snapshot.js';
import { booking, counter, outbox, ref, session } from './invariants-items.js';

/** The settled check's parts that need no table: the fingerprint, and the re-reading loop over scripted reads. */

/** Every kind of value a DocumentClient item can hold, nested. */
const rich = (): RawItem => ({
  __edb_e__: 'booking',
  ...ref('ses_f'),
  bookingId: 'bkg_1',
  seats: 2,
  version: 3,
  paid: true,
  note: null,
  seatLabels: ['A1', 'A2'],
  price: { amount: 1200, currency: 'EUR', tiers: [{ name: 'adult', count: 2 }] },
  channels: new Set(['email', 'sms']),
  blob: new Uint8Array([1, 2, 3]),
});

/** The same value with every map's keys (nested ones too) in reverse order. */
const keysReversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(keysReversed);
  if (value === null || typeof value !== 'object' || value instanceof Set || value instanceof Uint8Array)
    return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, keysReversed(v)]),
  );
};

describe('session fingerprint', () => {
  it('does not depend on the order of items, of their attributes or of a set’s members', () => {
    const other = counter('ses_f', { capacity: 5, available: 3, held: 0, confirmed: 2 });
    const reordered = { ...(keysReversed(rich()) as RawItem), channels: new Set(['sms', 'email']) };
    expect(fingerprintOf([other, reordered])).toBe(fingerprintOf([rich(), other]));
  });

  it('changes when any attribute changes, appears or disappears, and when an item does', () => {
    const base = fingerprintOf([rich()]);
    const variants: RawItem[][] = [
      ...Object.keys(rich()).map((key) => [{ ...rich(), [key]: 'changed' }]),
      ...Object.entries(rich())
        .filter(([, value]) => typeof value === 'number')
        .map(([key, value]) => [{ ...rich(), [key]: Number(value) + 1 }]),
      ...Object.keys(rich()).map((key) => [
        Object.fromEntries(Object.entries(rich()).filter(([k]) => k !== key)),
      ]),
      [{ ...rich(), updatedAt: '2030-01-01T00:00:00.000Z' }],
      [{ ...rich(), seatLabels: ['A2', 'A1'] }],
      [{ ...rich(), price: { amount: 1200, currency: 'EUR', tiers: [{ name: 'adult', count: 3 }] } }],
      [{ ...rich(), channels: new Set(['email']) }],
      [{ ...rich(), blob: new Uint8Array([1, 2, 4]) }],
      [{ ...rich(), seats: '2' }],
      [{ ...rich(), channels: ['email', 'sms'] }],
      [rich(), rich()],
      [],
    ];
    const prints = variants.map(fingerprintOf);
    expect(prints).not.toContain(base);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('groups items by the session the checks give them, ignoring items the checks do not read', () => {
    const items = [
      counter('ses_a', { capacity: 5, available: 5, held: 0, confirmed: 0 }),
      booking('ses_b', 'bkg_1', 'held', 1),
      { __edb_e__: 'organization', orgId: 'org_a', sessionId: 'ses_a', name: 'ignored' },
    ];
    const prints = sessionFingerprints(items);
    expect([...prints.keys()]).toEqual([sessionKeyOf(ref('ses_a')), sessionKeyOf(ref('ses_b'))]);
    expect(prints.get(sessionKeyOf(ref('ses_a')))).toBe(fingerprintOf([items[0]!]));
    const renamed = sessionFingerprints([items[0]!, items[1]!, { ...items[2]!, name: 'still ignored' }]);
    expect(renamed).toEqual(prints);
  });
});

/** A table whose reads return these item lists in turn, then the last one again. */
const scripted = (...reads: RawItem[][]): ReadTable & { calls: () => number } => {
  let calls = 0;
  const read = async () => reads[Math.min(calls++, reads.length - 1)]!;
  return Object.assign(read, { calls: () => calls });
};

/** A general session of 10 with `booked` one-seat confirmed bookings and a counter at `version`. */
const general = (sessionId: string, booked: number, confirmed = booked, version = 1): RawItem[] => [
  session(sessionId, 'general', 10),
  { ...counter(sessionId, { capacity: 10, available: 10 - confirmed, held: 0, confirmed }), version },
  ...Array.from({ length: booked }, (_, i) => booking(sessionId, `bkg_${i}`, 'confirmed', 1)),
];

/** The counter moved on for a booking whose item is not written yet: what a torn read sees. */
const torn = (sessionId: string, booked: number) => general(sessionId, booked, booked + 1, booked + 2);

const fast = { pauseMs: 0 };

describe('settled invariant check', () => {
  it('reads a table without violations once', async () => {
    const read = scripted(general('ses_g', 2));
    const report = await settleReads(read, fast);
    expect(report).toMatchObject({ ok: true, violations: [], unsettledSessions: [], rounds: 1, bookings: 2 });
    expect(read.calls()).toBe(1);
  });

  it('reports a violation that one re-read of a quiet table confirms', async () => {
    const report = await settleReads(scripted(torn('ses_g', 2)), fast);
    expect(report).toMatchObject({ ok: false, unsettledSessions: [], rounds: 2 });
    expect(report.violations).toEqual([
      expect.objectContaining({
        check: 'confirmed-matches-bookings',
        sessionId: 'ses_g',
        detail: 'counter says confirmed 3, confirmed bookings hold 2 seats',
      }),
    ]);
  });

  it('drops a violation that the re-read no longer shows: the first read was torn', async () => {
    const report = await settleReads(scripted(torn('ses_g', 2), general('ses_g', 3, 3, 3)), fast);
    expect(report).toMatchObject({ ok: true, violations: [], unsettledSessions: [], rounds: 2 });
  });

  it('follows a session while it changes and reports what it settles on', async () => {
    const report = await settleReads(scripted(torn('ses_g', 1), torn('ses_g', 2), torn('ses_g', 2)), fast);
    expect(report.rounds).toBe(3);
    expect(report.violations.map((v) => v.detail)).toEqual([
      'counter says confirmed 3, confirmed bookings hold 2 seats',
    ]);
  });

  it('names a session still changing at the timeout instead of reporting it, and reports the others', async () => {
    let reads = 0;
    const read: ReadTable = async () => {
      reads += 1;
      return [...torn('ses_busy', reads), ...torn('ses_stuck', 1)];
    };
    const report = await settleReads(read, { pauseMs: 1, settleTimeoutMs: 30 });
    expect(report.unsettledSessions).toEqual([ref('ses_busy')]);
    expect(report.violations.map((v) => `${v.sessionId} ${v.check}`)).toEqual([
      'ses_stuck confirmed-matches-bookings',
    ]);
    expect(report.rounds).toBe(reads);
    expect(report.rounds).toBeGreaterThan(2);
  });

  it('reads the whole table first, then only the sessions still pending', async () => {
    const asked: (string[] | undefined)[] = [];
    const reads = [
      [...torn('ses_a', 1), ...torn('ses_b', 1), ...general('ses_ok', 1)],
      [...torn('ses_a', 2), ...torn('ses_b', 1)],
      [...torn('ses_a', 2)],
    ];
    const read: ReadTable = async (sessions) => {
      asked.push(sessions?.map((s) => s.sessionId));
      return reads[asked.length - 1]!;
    };
    const report = await settleReads(read, fast);
    expect(asked).toEqual([undefined, ['ses_a', 'ses_b'], ['ses_a']]);
    expect(report.violations.map((v) => v.sessionId)).toEqual(['ses_a', 'ses_b']);
    expect(report).toMatchObject({ rounds: 3, unsettledSessions: [] });
  });

  it('re-reads once even when the timeout is zero', async () => {
    const read = scripted(torn('ses_g', 2));
    const report = await settleReads(read, { pauseMs: 0, settleTimeoutMs: 0 });
    expect(report).toMatchObject({ ok: false, rounds: 2 });
    expect(read.calls()).toBe(2);
  });

  it('evaluates the outbox check at the clock reading taken before each read', async () => {
    const due = '2030-01-10T12:00:00.000Z';
    const clock = [new Date('2030-01-10T12:00:30Z'), new Date('2030-01-10T12:02:00Z')];
    let ticks = 0;
    const items = [...torn('ses_g', 1), outbox('ses_g', 'msg_1', 'pending', due)];
    const report = await settleReads(scripted(items), { pauseMs: 0, now: () => clock[ticks++]! });
    expect(ticks).toBe(2);
    // Not stuck 30 s after its due time (first read), stuck 120 s after it (second read).
    expect(report.violations.map((v) => v.check)).toEqual(['confirmed-matches-bookings', 'outbox-not-stuck']);
  });
});
