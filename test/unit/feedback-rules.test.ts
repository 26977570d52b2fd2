import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../functions/kernel/domain/errors.js';
import type { BookingStore } from '../../functions/modules/bookings/domain/ports.js';
import type { SessionStore } from '../../functions/modules/catalog/domain/session-ports.js';
import { assertMayGiveFeedback } from '../../functions/modules/feedback/domain/eligibility.js';
import { giverKeyOf } from '../../functions/modules/feedback/domain/feedback.js';
import {
  addTotals,
  averagesOf,
  emptyTotals,
  type FeedbackTotals,
} from '../../functions/modules/feedback/domain/model.js';
import type { AdmissionReads } from '../../functions/modules/tickets/domain/admissions-ports.js';
import { fake } from '../support/fake.js';

/** Who may give feedback, with fakes of the ports it reads; and the arithmetic of the averages. */

const orgId = 'org_a';
const eventId = 'evt_a';

const refusal = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    return (err as DomainError).code;
  }
  return 'allowed';
};

const booking = (sessionId: string, status: string, event = eventId) => ({
  sessionId,
  eventId: event,
  status,
});

const deps = (given: {
  admitted?: string[];
  checkin?: string[];
  bookings?: ReturnType<typeof booking>[];
  eventOf?: Record<string, string>;
}) => ({
  admissionReads: fake<AdmissionReads>({
    admittedSessions: async () => given.admitted ?? [],
    usesCheckin: async (_org, sessionId) => (given.checkin ?? []).includes(sessionId),
  }),
  bookings: fake<BookingStore>(
    given.bookings
      ? { listByHolder: async () => ({ items: given.bookings as never, nextCursor: null }) }
      : {},
  ),
  sessions: fake<SessionStore>(
    given.eventOf
      ? { get: async (_org, sessionId) => ({ sessionId, eventId: given.eventOf?.[sessionId] }) as never }
      : {},
  ),
});

const onSession = (sessionId: string) => ({ orgId, eventId, sessionId });
const onEvent = { orgId, eventId, sessionId: null };
const giver = { attendeeId: 'att_1', partyId: null };

describe('who may give feedback on a session', () => {
  it('an admitted attendee, without a look at their bookings', async () => {
    expect(
      await refusal(assertMayGiveFeedback(deps({ admitted: ['ses_1'] }), onSession('ses_1'), giver)),
    ).toBe('allowed');
  });

  it('not a booked one where the door checks people in, again without reading bookings', async () => {
    const d = deps({ admitted: ['ses_2'], checkin: ['ses_1'] });
    expect(await refusal(assertMayGiveFeedback(d, onSession('ses_1'), giver))).toBe('FEEDBACK_NOT_ELIGIBLE');
  });

  it('a confirmed booking where nobody is checked in; not a held or cancelled one', async () => {
    const confirmed = deps({ bookings: [booking('ses_1', 'confirmed')] });
    expect(await refusal(assertMayGiveFeedback(confirmed, onSession('ses_1'), giver))).toBe('allowed');
    for (const status of ['held', 'cancelled', 'expired']) {
      const other = deps({ bookings: [booking('ses_1', status)] });
      expect(await refusal(assertMayGiveFeedback(other, onSession('ses_1'), giver)), status).toBe(
        'FEEDBACK_NOT_ELIGIBLE',
      );
    }
  });
});

describe("a party's booking", () => {
  const member = { attendeeId: 'att_1', partyId: 'pty_1' };
  const partyBooking = (status: string) => ({
    admissionReads: fake<AdmissionReads>({
      admittedSessions: async () => [],
      usesCheckin: async () => false,
    }),
    bookings: fake<BookingStore>({
      listByHolder: async (_org, holderId) => ({
        items: (holderId === 'pty_1' ? [booking('ses_1', status)] : []) as never,
        nextCursor: null,
      }),
    }),
    sessions: fake<SessionStore>({}),
  });

  it("counts as a member's own where nobody is checked in", async () => {
    expect(await refusal(assertMayGiveFeedback(partyBooking('confirmed'), onSession('ses_1'), member))).toBe(
      'allowed',
    );
    expect(await refusal(assertMayGiveFeedback(partyBooking('held'), onSession('ses_1'), member))).toBe(
      'FEEDBACK_NOT_ELIGIBLE',
    );
    expect(await refusal(assertMayGiveFeedback(partyBooking('confirmed'), onSession('ses_1'), giver))).toBe(
      'FEEDBACK_NOT_ELIGIBLE',
    );
  });
});

describe('who may give feedback on an event', () => {
  it('an attendee admitted to one of its sessions, not to a session of another event', async () => {
    const here = deps({ admitted: ['ses_1'], eventOf: { ses_1: eventId } });
    expect(await refusal(assertMayGiveFeedback(here, onEvent, giver))).toBe('allowed');
    const elsewhere = deps({ admitted: ['ses_9'], eventOf: { ses_9: 'evt_b' }, bookings: [] });
    expect(await refusal(assertMayGiveFeedback(elsewhere, onEvent, giver))).toBe('FEEDBACK_NOT_ELIGIBLE');
  });

  it('a confirmed booking of one of its sessions only where that session has no check-in', async () => {
    const checkedIn = deps({ bookings: [booking('ses_1', 'confirmed')], checkin: ['ses_1'] });
    expect(await refusal(assertMayGiveFeedback(checkedIn, onEvent, giver))).toBe('FEEDBACK_NOT_ELIGIBLE');
    const open = deps({
      bookings: [booking('ses_1', 'confirmed'), booking('ses_2', 'confirmed')],
      checkin: ['ses_1'],
    });
    expect(await refusal(assertMayGiveFeedback(open, onEvent, giver))).toBe('allowed');
    const otherEvent = deps({ bookings: [booking('ses_3', 'confirmed', 'evt_b')] });
    expect(await refusal(assertMayGiveFeedback(otherEvent, onEvent, giver))).toBe('FEEDBACK_NOT_ELIGIBLE');
  });
});

describe('the giver mark', () => {
  it('is one-way and differs by attendee and by scope', () => {
    const key = giverKeyOf(orgId, eventId, 'ses_1', 'att_1');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('att_1');
    expect(giverKeyOf(orgId, eventId, 'ses_1', 'att_1')).toBe(key);
    expect(giverKeyOf(orgId, eventId, 'ses_1', 'att_2')).not.toBe(key);
    expect(giverKeyOf(orgId, eventId, 'event', 'att_1')).not.toBe(key);
  });
});

describe('averages', () => {
  const totals = (sessionId: string, count: number, overall: [number, number], venue: [number, number]) => {
    const t: FeedbackTotals = emptyTotals(sessionId);
    t.count = count;
    t.ratings.overall = { sum: overall[0], count: overall[1] };
    t.ratings.venue = { sum: venue[0], count: venue[1] };
    return t;
  };

  it('are sums over counts, rounded to two decimals, null where nothing was rated', () => {
    const a = averagesOf(totals('ses_1', 3, [11, 3], [4, 1]));
    expect(a.count).toBe(3);
    expect(a.ratings.overall).toEqual({ count: 3, mean: 3.67 });
    expect(a.ratings.venue).toEqual({ count: 1, mean: 4 });
    expect(a.ratings.speaker).toEqual({ count: 0, mean: null });
  });

  it('of several scopes add their sums and counts, not their averages', () => {
    // 5 (one rating) and 1,1,1 (three ratings): the mean is 2, not the mean of 5 and 1.
    const all = addTotals(null, [totals('ses_1', 1, [5, 1], [0, 0]), totals('ses_2', 3, [3, 3], [6, 2])]);
    expect(averagesOf(all).ratings.overall).toEqual({ count: 4, mean: 2 });
    expect(averagesOf(all).ratings.venue).toEqual({ count: 2, mean: 3 });
    expect(all.count).toBe(4);
  });
});
