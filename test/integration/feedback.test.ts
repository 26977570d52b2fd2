import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import {
  averagesOfSessions,
  type FeedbackInput,
  feedbackSummary,
  giveFeedback,
  listFeedback,
} from '../../functions/modules/feedback/domain/feedback.js';
import {
  type Averages,
  type Feedback,
  ratingDimensions,
} from '../../functions/modules/feedback/domain/model.js';
import { ensureMyAttendee } from '../../functions/modules/people/domain/attendees.js';
import { scanTicket } from '../../functions/modules/tickets/domain/checkin.js';
import { bookingTickets } from '../../functions/modules/tickets/domain/tickets.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import { ada, ben, bookingWorld, codeOf, door, owner, refOf } from './booking-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Feedback on DynamoDB Local: who may give it (admitted where the door checks people in, booked
 * where it does not), once per attendee and scope even when sent at once, anonymous feedback that
 * no item ties to its giver, averages that add up to the raw items, and the event's purge.
 */

let c: Container;
let w: Awaited<ReturnType<typeof bookingWorld>>;
/** Ada was admitted to it, Ben booked it and never came in. */
let checked: string;
/** Nobody is checked in there: Ada and Ben booked it. */
let unchecked: string;
/** A session of the priced event, where Ben holds an unpaid booking. */
let held: string;
/** Booked by Ben's party (Ben leads it); nobody is checked in there. */
let partyOnly: string;
const cy = user('cy');
let cyAttendee: string;

const clockAt = (deps: Deps, at: number) => {
  const offset = at - Date.now();
  deps.clock = { now: () => new Date(Date.now() + offset) };
};

const admit = async (b: Booking) => {
  const [code] = (await bookingTickets(c.deps, owner, refOf(b))).map((t) => t.code);
  const answer = await scanTicket(c.deps, door, w.orgId, {
    sessionId: b.sessionId,
    method: 'qr',
    code: code!,
    direction: 'entry',
    gate: 'Main',
    nonce: `fb-${b.bookingId}`,
  });
  expect(answer.outcome).toBe('admitted');
};

const ratings = (overall: number, rest: Partial<FeedbackInput['ratings']> = {}) => ({ overall, ...rest });

const give = (who: typeof ada, input: FeedbackInput, eventId = w.freeEventId) =>
  giveFeedback(c.deps, who, w.orgId, eventId, input);

const raw = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });

/** Every item of the event's feedback partition, as stored. */
const rawItems = async (eventId = w.freeEventId) => {
  const { Items } = await raw.send(
    new QueryCommand({
      TableName: (c as Container & { tableName: string }).tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${w.orgId}#event#${eventId}#feedback` },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []) as Record<string, unknown>[];
};

const ofEntity = (items: Record<string, unknown>[], entity: string) =>
  items.filter((i) => i.__edb_e__ === entity);

/** The averages of raw feedback items, computed afresh. */
const recompute = (items: Record<string, unknown>[]): Averages => {
  const ratingsOf = items.map((i) => i.ratings as Record<string, number | undefined>);
  const dimension = (d: string) => {
    const given = ratingsOf.map((r) => r[d]).filter((v): v is number => v !== undefined);
    const sum = given.reduce((a, b) => a + b, 0);
    return { count: given.length, mean: given.length ? Math.round((sum / given.length) * 100) / 100 : null };
  };
  return {
    count: items.length,
    ratings: Object.fromEntries(ratingDimensions.map((d) => [d, dimension(d)])) as Averages['ratings'],
  };
};

beforeAll(async () => {
  const { env } = await localTicketKey({ inMemory: true });
  const fresh = await freshContainer(env);
  c = fresh;
  w = await bookingWorld(c);
  cyAttendee = (await ensureMyAttendee(c.deps, cy, w.orgId, { firstName: 'Cy', lastName: 'C' })).attendeeId;
  checked = (await w.session(w.freeEventId, 'general', 10)).sessionId;
  unchecked = (await w.session(w.freeEventId, 'general', 10)).sessionId;
  held = (await w.session(w.paidEventId, 'general', 10)).sessionId;
  partyOnly = (await w.session(w.freeEventId, 'general', 10)).sessionId;
  await book(c.deps, owner, w.orgId, partyOnly, { partyId: w.partyId, seats: 3 });
  const adaIn = await book(c.deps, owner, w.orgId, checked, { attendeeId: w.ada, seats: 1 });
  await book(c.deps, owner, w.orgId, checked, { attendeeId: w.ben, seats: 1 });
  await book(c.deps, owner, w.orgId, unchecked, { attendeeId: w.ada, seats: 1 });
  await book(c.deps, owner, w.orgId, unchecked, { attendeeId: w.ben, seats: 1 });
  await book(c.deps, owner, w.orgId, held, { attendeeId: w.ben, seats: 1 });
  // The door works on the session's evening.
  const start = Date.parse((await c.deps.sessions.get(w.orgId, checked))!.startsAt);
  clockAt(c.deps, start - 10 * 60_000);
  await admit(adaIn);
}, 60_000);

describe('who may give feedback', () => {
  it('refuses a booked attendee who was not admitted where the door checks people in', async () => {
    const refused = await codeOf(give(ben, { sessionId: checked, ratings: ratings(3) }));
    expect(refused).toEqual({ code: 'FEEDBACK_NOT_ELIGIBLE', details: { sessionId: checked } });
  });

  it('takes an admitted attendee', async () => {
    const f = await give(ada, {
      sessionId: checked,
      ratings: ratings(5, { content: 4 }),
      comments: 'Loved it',
    });
    expect(f).toMatchObject({
      sessionId: checked,
      attendeeId: w.ada,
      anonymous: false,
      comments: 'Loved it',
    });
    expect(f.ratings).toEqual({ overall: 5, content: 4, speaker: null, venue: null, organization: null });
  });

  it('takes a confirmed booking where nobody is checked in, and refuses an attendee without one', async () => {
    const f = await give(ben, { sessionId: unchecked, ratings: ratings(4, { venue: 2 }) });
    expect(f).toMatchObject({ sessionId: unchecked, attendeeId: w.ben });
    expect((await codeOf(give(cy, { sessionId: unchecked, ratings: ratings(1) }))).code).toBe(
      'FEEDBACK_NOT_ELIGIBLE',
    );
  });

  it('takes a member of a party whose confirmed booking holds the session, where nobody is checked in', async () => {
    const f = await give(ben, { sessionId: partyOnly, ratings: ratings(3, { speaker: 2 }) });
    expect(f).toMatchObject({ sessionId: partyOnly, attendeeId: w.ben });
    expect((await codeOf(give(ada, { sessionId: partyOnly, ratings: ratings(3) }))).code).toBe(
      'FEEDBACK_NOT_ELIGIBLE',
    );
  });

  it('refuses a held (unpaid) booking', async () => {
    const refused = await codeOf(give(ben, { sessionId: held, ratings: ratings(2) }, w.paidEventId));
    expect(refused.code).toBe('FEEDBACK_NOT_ELIGIBLE');
  });

  it('on the event as a whole: takes anyone admitted to or booked for a session, refuses others', async () => {
    expect((await codeOf(give(cy, { ratings: ratings(3) }))).code).toBe('FEEDBACK_NOT_ELIGIBLE');
    expect((await codeOf(give(ben, { ratings: ratings(3) }, w.paidEventId))).code).toBe(
      'FEEDBACK_NOT_ELIGIBLE',
    );
    const f = await give(ada, { ratings: ratings(4, { organization: 5 }) });
    expect(f).toMatchObject({ sessionId: null, attendeeId: w.ada });
  });

  it('answers NOT_FOUND for a session of another event, and for an attendee-less caller', async () => {
    expect((await codeOf(give(ben, { sessionId: held, ratings: ratings(3) }))).code).toBe('NOT_FOUND');
    expect((await codeOf(give(user('nobody'), { ratings: ratings(3) }))).code).toBe('NOT_FOUND');
    expect((await codeOf(give(owner, { ratings: ratings(3) }))).code).toBe('NOT_FOUND');
  });
});

describe('once per attendee and scope', () => {
  it('refuses a second feedback on the same session with FEEDBACK_EXISTS, and writes nothing', async () => {
    const before = await rawItems();
    const again = await codeOf(give(ada, { sessionId: checked, ratings: ratings(1) }));
    expect(again).toEqual({ code: 'FEEDBACK_EXISTS', details: { sessionId: checked } });
    expect(await rawItems()).toEqual(before);
  });

  it('lets exactly one of several feedbacks sent at once win', async () => {
    const tries = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => give(ada, { sessionId: unchecked, ratings: ratings(1 + (i % 5)) })),
    );
    const won = tries.filter((t) => t.status === 'fulfilled');
    const lost = tries.flatMap((t) => (t.status === 'rejected' ? [t.reason as { code?: string }] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.code)).toEqual(Array(5).fill('FEEDBACK_EXISTS'));
    const page = await listFeedback(c.deps, owner, w.orgId, w.freeEventId, unchecked, { limit: 100 });
    expect(page.items.filter((f) => f.attendeeId === w.ada)).toHaveLength(1);
    const totals = ofEntity(await rawItems(), 'feedbackTotals').find((t) => t.scope === unchecked);
    expect(totals?.count).toBe(2);
  });
});

describe('anonymous feedback', () => {
  let given: Feedback;

  beforeAll(async () => {
    given = await give(ben, {
      anonymous: true,
      ratings: ratings(2, { speaker: 3 }),
      suggestions: 'Shorter talks',
    });
  });

  it('answers and lists without its giver', async () => {
    expect(given).toMatchObject({ anonymous: true, attendeeId: null, sessionId: null });
    const page = await listFeedback(c.deps, owner, w.orgId, w.freeEventId, undefined, { limit: 100 });
    const listed = page.items.find((f) => f.feedbackId === given.feedbackId);
    expect(listed).toMatchObject({ anonymous: true, attendeeId: null, suggestions: 'Shorter talks' });
  });

  it('stores no trace of its giver: neither on its item nor on any giver mark', async () => {
    const items = await rawItems();
    const item = ofEntity(items, 'feedback').find((i) => i.feedbackId === given.feedbackId)!;
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('attendeeId');
    expect(JSON.stringify(item)).not.toContain(w.ben);
    const marks = ofEntity(items, 'feedbackGiver');
    expect(marks.length).toBe(ofEntity(items, 'feedback').length);
    for (const m of marks) {
      expect(Object.keys(m).sort()).toEqual([
        '__edb_e__',
        '__edb_v__',
        'eventId',
        'giverKey',
        'orgId',
        'pk',
        'scope',
        'sk',
      ]);
      for (const id of [w.ada, w.ben, cyAttendee]) expect(JSON.stringify(m)).not.toContain(id);
    }
  });

  it('still counts once: a second anonymous or named feedback on the event is refused', async () => {
    expect((await codeOf(give(ben, { ratings: ratings(5) }))).code).toBe('FEEDBACK_EXISTS');
    expect((await codeOf(give(ben, { anonymous: true, ratings: ratings(5) }))).code).toBe('FEEDBACK_EXISTS');
  });
});

describe('averages', () => {
  it('equal a recomputation from the raw items: the event, the event level and each session', async () => {
    const feedback = ofEntity(await rawItems(), 'feedback');
    expect(feedback.length).toBe(6);
    const summary = await feedbackSummary(c.deps, owner, w.orgId, w.freeEventId);
    expect(summary.all).toEqual(recompute(feedback));
    expect(summary.eventLevel).toEqual(recompute(feedback.filter((f) => f.sessionId === undefined)));
    expect(summary.sessions.map((s) => s.sessionId).sort()).toEqual([checked, unchecked, partyOnly].sort());
    for (const s of summary.sessions) {
      const { sessionId, ...averages } = s;
      expect(averages, sessionId).toEqual(recompute(feedback.filter((f) => f.sessionId === sessionId)));
    }
  });

  it('of several sessions together (what a speaker gets) add their sums, not their averages', async () => {
    const feedback = ofEntity(await rawItems(), 'feedback').filter(
      (f) => f.sessionId === checked || f.sessionId === unchecked,
    );
    expect(await averagesOfSessions(c.deps, w.orgId, [checked, unchecked])).toEqual(recompute(feedback));
    expect(await averagesOfSessions(c.deps, w.orgId, [held])).toEqual(recompute([]));
  });

  it('are for organizers: staff are refused', async () => {
    expect((await codeOf(feedbackSummary(c.deps, door, w.orgId, w.freeEventId))).code).toBe('FORBIDDEN');
    expect(
      (await codeOf(listFeedback(c.deps, door, w.orgId, w.freeEventId, undefined, { limit: 5 }))).code,
    ).toBe('FORBIDDEN');
  });
});

describe('purges', () => {
  const drain = async (purge: (limit: number) => Promise<number>) => {
    let removed = 0;
    let page: number;
    do {
      page = await purge(2);
      removed += page;
    } while (page === 2);
    return removed;
  };

  it("a session's deletes its feedback, giver marks and totals, and nothing of the other scopes", async () => {
    const before = await rawItems();
    const ofChecked = before.filter((i) => i.scope === checked);
    expect(ofChecked.map((i) => i.__edb_e__).sort()).toEqual(['feedback', 'feedbackGiver', 'feedbackTotals']);
    expect(await drain((n) => c.deps.feedback.purgeSession(w.orgId, checked, n))).toBe(3);
    expect(await rawItems()).toEqual(before.filter((i) => i.scope !== checked));
    expect(await drain((n) => c.deps.feedback.purgeSession(w.orgId, checked, n))).toBe(0);
  });

  it("an event's deletes the rest of its feedback, giver marks and totals a page at a time", async () => {
    expect(await drain((n) => c.deps.feedback.purgeEvent(w.orgId, w.freeEventId, n))).toBe(6 + 6 + 4 - 3);
    expect(await rawItems()).toEqual([]);
  });
});
