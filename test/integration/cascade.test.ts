import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import type { Principal } from '../../functions/kernel/domain/types.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import {
  changeEventStatus,
  createEvent,
  deleteEvent,
} from '../../functions/modules/catalog/domain/events.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import { deleteSession } from '../../functions/modules/catalog/domain/sessions-delete.js';
import { getSession } from '../../functions/modules/catalog/domain/sessions-reads.js';
import { deleteVenue } from '../../functions/modules/catalog/domain/venues.js';
import { setAgendaEntry } from '../../functions/modules/conference/domain/agenda.js';
import { createSpeaker } from '../../functions/modules/conference/domain/speakers.js';
import { createSponsor } from '../../functions/modules/conference/domain/sponsors.js';
import { runDeletionStep } from '../../functions/modules/deletions/domain/cascade.js';
import { createExpense } from '../../functions/modules/expenses/domain/expenses.js';
import { createCampaign } from '../../functions/modules/marketing/domain/campaigns.js';
import { createInfluencer } from '../../functions/modules/marketing/domain/influencers.js';
import { createPost } from '../../functions/modules/marketing/domain/posts.js';
import { createSocialAccount } from '../../functions/modules/marketing/domain/social-accounts.js';
import {
  deleteOrganization,
  purgeOrganization,
} from '../../functions/modules/organizations/domain/organizations.js';
import { createAttendee } from '../../functions/modules/people/domain/attendees.js';
import { createParty } from '../../functions/modules/people/domain/parties.js';
import { createCategory } from '../../functions/modules/pricing/domain/categories.js';
import { moveDeal } from '../../functions/modules/sponsorships/domain/deal-status.js';
import { createDeal } from '../../functions/modules/sponsorships/domain/deals.js';
import { createPackage } from '../../functions/modules/sponsorships/domain/packages.js';
import { generateEventTasks } from '../../functions/modules/tasks/domain/generation.js';
import { createTask } from '../../functions/modules/tasks/domain/tasks.js';
import { createTaskTemplate } from '../../functions/modules/tasks/domain/templates.js';
import { refOf } from './booking-world.js';
import { eventInput, orgWith, recordJobs, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Cascade deletes of an organization and of catalog items, run step by step as the jobs queue
 * would, including steps that die half-way and steps delivered twice at once.
 */

const owner = 'cascade-owner';
const principal = user(owner);

const eventIn = (c: Container, orgId: string, venueId: string, title: string) =>
  createEvent(
    c.deps,
    principal,
    orgId,
    eventInput(venueId, { title, description: 'A cascade test event', defaultCapacity: 20, tags: ['music'] }),
  );

/** A daily series of `count` sessions from `day`, at the venue-local `time`. */
const seriesOf = async (
  c: Container,
  at: { orgId: string; eventId: string; roomId: string },
  day: string,
  count: number,
  time = '10:00',
) =>
  (
    await createSessions(c.deps, principal, at.orgId, at.eventId, {
      startsAt: `${day}T${time}`,
      roomId: at.roomId,
      recurrence: { frequency: 'daily', count },
    })
  ).sessions.map((s) => s.sessionId);

/** Everything in the table that mentions the organization in any key or value. */
/** Items of the organization, apart from its audit trail, which outlives what it describes. */
const itemsOf = async (c: Container & { tableName: string }, orgId: string): Promise<number> => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  let found = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: c.tableName, ExclusiveStartKey: start }));
    const trail = new Set(['auditRecord', 'auditChain']);
    found += (page.Items ?? []).filter(
      (i) => !trail.has(String(i.__edb_e__)) && JSON.stringify(i).includes(orgId),
    ).length;
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
};

/** Deps whose `fail` store method throws after `after` calls: a worker dying half-way. */
const dyingAfter = <K extends 'sessions' | 'attendees'>(
  deps: Deps,
  store: K,
  method: keyof Deps[K],
  after: number,
) => {
  let calls = 0;
  const real = deps[store];
  const wrapped = new Proxy(real, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== method || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        if (calls > after) throw new Error('worker died');
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ...deps, [store]: wrapped } as Deps;
};

const runToEnd = async (step: () => Promise<'done' | 'more'>): Promise<number> => {
  let steps = 1;
  while ((await step()) === 'more') steps += 1;
  return steps;
};

/** A social account, a campaign of the event with a scheduled post on it, and an influencer agreement. */
const marketingOf = async (c: Container, principal: Principal, orgId: string, eventId: string) => {
  const { accountId } = await createSocialAccount(c.deps, principal, orgId, {
    platform: 'x',
    handle: '@cascade',
    displayName: 'Cascade',
    accessToken: 'cascade-token-1234',
  });
  const campaign = await createCampaign(c.deps, principal, orgId, eventId, {
    name: 'Launch',
    channel: 'social',
    startsAt: '2027-01-01T00:00:00.000Z',
    endsAt: '2027-02-01T00:00:00.000Z',
    budget: { amountMinor: 100, currency: 'EUR' },
  });
  const ref = { orgId, eventId, campaignId: campaign.campaignId };
  const scheduledAt = '2099-01-01T00:00:00.000Z';
  await createPost(c.deps, principal, ref, { accountId, text: 'Soon', scheduledAt });
  await createInfluencer(c.deps, principal, ref, {
    name: 'Ada',
    handle: '@ada',
    platform: 'x',
    fee: { amountMinor: 100, currency: 'EUR' },
  });
  return campaign;
};

/** A sponsorship package of the event and a deal signed on it (its steps, activation and sponsor). */
const signedSponsorship = async (c: Container, principal: Principal, orgId: string, eventId: string) => {
  const pkg = await createPackage(c.deps, principal, orgId, eventId, {
    name: 'Gold',
    tier: 'gold',
    price: { amountMinor: 100_000, currency: 'EUR' },
    quantity: 2,
    onboardingSteps: ['Logo received'],
    activations: [{ name: 'Booth' }],
  });
  const deal = await createDeal(c.deps, principal, orgId, eventId, {
    packageId: pkg.packageId,
    companyName: 'Acme',
  });
  const at = { orgId, eventId, dealId: deal.dealId };
  await moveDeal(c.deps, principal, at, 'proposal_sent');
  await moveDeal(c.deps, principal, at, 'contract_signed');
};

describe('cascade deletes against DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let tokens: string;
  beforeAll(async () => {
    tokens = await mkdtemp(join(tmpdir(), 'cascade-tokens-'));
    c = await freshContainer({ SOCIAL_TOKENS_DIR: tokens });
    recordJobs(c);
  });

  it('deletes an organization of over a thousand items, resuming after a step dies half-way', async () => {
    const orgId = await orgWith(c, owner, { 'cascade-staff': 'staff' });
    const keep = await orgWith(c, 'other-owner');
    let bookable: { eventId: string; sessionId: string } | undefined;
    for (const v of [0, 1]) {
      const venue = await venueIn(c, owner, orgId, `Hall ${v}`);
      const roomId = venue.rooms[0]!.roomId;
      for (const [e, time] of ['10:00', '14:00'].entries()) {
        const event = await eventIn(c, orgId, venue.venueId, `Event ${v}.${e}`);
        const ids = await seriesOf(c, { orgId, eventId: event.eventId, roomId }, '2027-01-04', 30, time);
        if (!bookable) bookable = { eventId: event.eventId, sessionId: ids[0]! };
      }
    }
    const attendees = [];
    // More than two purge batches of attendees, so that a step dies with some left behind.
    for (let i = 0; i < 250; i++) {
      attendees.push(
        await createAttendee(c.deps, principal, orgId, {
          firstName: `Guest${i}`,
          lastName: 'Cascade',
          email: `guest${i}@cascade.example`,
          phone: `+4915${String(i).padStart(9, '0')}`,
        }),
      );
    }
    for (let p = 0; p < 40; p++) {
      const [leader, ...rest] = attendees.slice(p * 5, p * 5 + 5);
      await createParty(c.deps, principal, orgId, {
        name: `Party ${p}`,
        leaderId: leader!.attendeeId,
        memberIds: rest.map((a) => a.attendeeId),
      });
    }
    // Bookings too, with their seats, history, audit and outbox: live ones keep the organization
    // from being deleted, so they are cancelled first, as an organizer would.
    await changeEventStatus(c.deps, principal, orgId, bookable!.eventId, 'published');
    // Ticket categories and their session counters go with it too.
    const category = await createCategory(c.deps, principal, orgId, bookable!.eventId, {
      name: 'Stalls',
      priceMinor: 0,
      currency: 'EUR',
      quota: 18,
    });
    await createCategory(c.deps, principal, orgId, bookable!.eventId, {
      name: 'Balcony',
      priceMinor: 0,
      currency: 'EUR',
    });
    const booked = [];
    for (const a of attendees.slice(0, 15)) {
      booked.push(
        await book(c.deps, principal, orgId, bookable!.sessionId, {
          attendeeId: a.attendeeId,
          tickets: [{ categoryId: category.categoryId, seats: 1 }],
        }),
      );
    }
    // The event's programme: a speaker, a sponsor and the session's agenda entry.
    const speaker = await createSpeaker(c.deps, principal, orgId, bookable!.eventId, { name: 'Ada' });
    await createSponsor(c.deps, principal, orgId, bookable!.eventId, {
      companyName: 'Engines',
      tier: 'gold',
    });
    await setAgendaEntry(c.deps, principal, orgId, bookable!.eventId, bookable!.sessionId, {
      title: 'Opening',
      type: 'keynote',
      speakerIds: [speaker.speakerId],
    });
    // Its expenses, with their totals items (two currencies).
    for (const currency of ['EUR', 'USD'])
      await createExpense(c.deps, principal, orgId, bookable!.eventId, {
        name: 'Stage',
        category: 'venue',
        amountMinor: 50_000,
        currency,
      });
    // A task template and the event's tasks generated from it (their graph head too).
    const template = await createTaskTemplate(c.deps, principal, orgId, {
      name: 'Checklist',
      specs: [
        {
          key: 'a',
          title: 'A',
          description: null,
          priority: 'low',
          offsetDays: -1,
          timeOfDay: '09:00',
          dependsOn: [],
        },
      ],
    });
    await generateEventTasks(c.deps, principal, orgId, bookable!.eventId, template.templateId);
    // Its sponsorship sales: a package, a signed deal with its step, activation and sponsor.
    await signedSponsorship(c, principal, orgId, bookable!.eventId);
    // Its marketing, and the organization's social account with its token's secret.
    await marketingOf(c, principal, orgId, bookable!.eventId);
    await expect(deleteOrganization(c.deps, principal, orgId)).rejects.toMatchObject({
      code: 'HAS_LIVE_BOOKINGS',
    });
    for (const b of booked) await cancelBooking(c.deps, principal, refOf(b));
    const keptBefore = await itemsOf(c, keep);
    const before = await itemsOf(c, orgId);
    expect(before).toBeGreaterThan(1_000);

    await deleteOrganization(c.deps, principal, orgId);
    // The first worker dies in the middle of purging attendees; the redelivered job finishes.
    const dying = dyingAfter(c.deps, 'attendees', 'purgeOrg', 1);
    await expect(runToEnd(() => purgeOrganization(dying, orgId))).rejects.toThrow('worker died');
    expect(await itemsOf(c, orgId)).toBeGreaterThan(0);
    const steps = await runToEnd(() => purgeOrganization(c.deps, orgId));
    expect(steps).toBeGreaterThan(1);

    expect(await itemsOf(c, orgId)).toBe(0);
    expect(await itemsOf(c, keep)).toBe(keptBefore);
    expect(await readdir(tokens)).toEqual([]);
  }, 240_000);

  it('deletes a venue with its events and sessions; a dying step and a duplicate delivery change nothing', async () => {
    const orgId = await orgWith(c, owner);
    const venue = await venueIn(c, owner, orgId);
    const roomId = venue.rooms[0]!.roomId;
    const sessionIds: string[] = [];
    for (const [e, day] of ['2027-05-03', '2027-08-02', '2027-11-01'].entries()) {
      const event = await eventIn(c, orgId, venue.venueId, `Venue event ${e}`);
      // Two series make 60 sessions: more than one cascade step takes of an event.
      for (const time of ['10:00', '14:00']) {
        sessionIds.push(...(await seriesOf(c, { orgId, eventId: event.eventId, roomId }, day, 30, time)));
      }
    }
    const other = await venueIn(c, owner, orgId, 'Other hall');
    const otherEvent = await eventIn(c, orgId, other.venueId, 'Elsewhere');
    const otherRoom = other.rooms[0]!.roomId;
    const [otherSession] = await seriesOf(
      c,
      { orgId, eventId: otherEvent.eventId, roomId: otherRoom },
      '2027-05-03',
      1,
    );

    const deletion = await deleteVenue(c.deps, principal, orgId, venue.venueId);
    expect(deletion).toMatchObject({ kind: 'venue', status: 'running', targetId: venue.venueId });

    const dying = dyingAfter(c.deps, 'sessions', 'remove', 20);
    await expect(runDeletionStep(dying, orgId, venue.venueId)).rejects.toThrow('worker died');
    // Two deliveries of the same job at once, then whatever is left.
    await Promise.all([
      runDeletionStep(c.deps, orgId, venue.venueId),
      runDeletionStep(c.deps, orgId, venue.venueId),
    ]);
    await runToEnd(() => runDeletionStep(c.deps, orgId, venue.venueId));

    const done = await c.deps.deletions.get(orgId, venue.venueId);
    expect(done).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    expect(done!.deletedItems).toBeGreaterThanOrEqual(sessionIds.length + 3 + 1);
    expect(await c.deps.venues.get(orgId, venue.venueId)).toBeUndefined();
    for (const id of sessionIds) expect(await c.deps.sessions.get(orgId, id)).toBeUndefined();
    expect(await c.deps.sessions.getCounter(orgId, sessionIds[0]!)).toBeUndefined();
    // The organization's other venue is untouched.
    expect(await getSession(c.deps, principal, orgId, otherSession!)).toMatchObject({
      sessionId: otherSession,
    });
    expect(await runDeletionStep(c.deps, orgId, venue.venueId)).toBe('done');
  }, 120_000);

  it('deletes an event and a session on their own', async () => {
    const orgId = await orgWith(c, owner);
    const venue = await venueIn(c, owner, orgId);
    const roomId = venue.rooms[0]!.roomId;
    const event = await eventIn(c, orgId, venue.venueId, 'Short-lived');
    const ids = await seriesOf(c, { orgId, eventId: event.eventId, roomId }, '2027-02-01', 5);
    const single = await eventIn(c, orgId, venue.venueId, 'Kept');
    const [kept, doomed] = await seriesOf(c, { orgId, eventId: single.eventId, roomId }, '2027-03-01', 2);

    await changeEventStatus(c.deps, principal, orgId, single.eventId, 'published');
    const attendee = await createAttendee(c.deps, principal, orgId, {
      firstName: 'Once',
      lastName: 'Booked',
    });
    const kind = await createCategory(c.deps, principal, orgId, single.eventId, {
      name: 'Only',
      priceMinor: 0,
      currency: 'EUR',
    });
    const gone = await book(c.deps, principal, orgId, doomed!, {
      attendeeId: attendee.attendeeId,
      tickets: [{ categoryId: kind.categoryId, seats: 1 }],
    });
    await cancelBooking(c.deps, principal, refOf(gone));
    await deleteSession(c.deps, principal, orgId, doomed!);
    await runToEnd(() => runDeletionStep(c.deps, orgId, doomed!));
    expect(await c.deps.sessions.get(orgId, doomed!)).toBeUndefined();
    expect(await c.deps.bookings.get(refOf(gone))).toBeUndefined();
    expect((await c.deps.bookings.listBySession(orgId, doomed!, { limit: 10 })).items).toEqual([]);
    expect((await c.deps.categories.countsOf(orgId, doomed!)).size).toBe(0);
    expect(await c.deps.sessions.get(orgId, kept!)).toBeDefined();

    await createCategory(c.deps, principal, orgId, event.eventId, {
      name: 'Gone',
      priceMinor: 0,
      currency: 'EUR',
    });
    const expense = { name: 'Flyers', category: 'marketing', amountMinor: 2_500, currency: 'EUR' } as const;
    await createExpense(c.deps, principal, orgId, event.eventId, expense);
    await createExpense(c.deps, principal, orgId, single.eventId, expense);
    const task = { title: 'Posters', priority: 'low', dependsOn: [] } as const;
    await createTask(c.deps, principal, orgId, event.eventId, task);
    await createTask(c.deps, principal, orgId, single.eventId, task);
    await signedSponsorship(c, principal, orgId, event.eventId);
    const campaign = await marketingOf(c, principal, orgId, event.eventId);
    await deleteEvent(c.deps, principal, orgId, event.eventId);
    await runToEnd(() => runDeletionStep(c.deps, orgId, event.eventId));
    expect(await c.deps.events.get(orgId, event.eventId)).toBeUndefined();
    for (const id of ids) expect(await c.deps.sessions.get(orgId, id)).toBeUndefined();
    expect(await c.deps.deletions.get(orgId, event.eventId)).toMatchObject({ status: 'completed' });
    expect(await c.deps.events.get(orgId, single.eventId)).toBeDefined();
    expect(await c.deps.categories.listByEvent(orgId, single.eventId)).toHaveLength(1);
    expect(await c.deps.categories.listByEvent(orgId, event.eventId)).toEqual([]);
    // The event's expenses and totals went with it; the other event's stay.
    expect((await c.deps.expenses.list(orgId, event.eventId, {}, { limit: 10 })).items).toEqual([]);
    expect(await c.deps.expenses.totals(orgId, event.eventId)).toEqual([]);
    expect((await c.deps.expenses.list(orgId, single.eventId, {}, { limit: 10 })).items).toHaveLength(1);
    expect(await c.deps.expenses.totals(orgId, single.eventId)).toHaveLength(1);
    // Its tasks and their graph went with it; the other event's stay.
    expect(await c.deps.tasks.graph(orgId, event.eventId)).toEqual({ version: 0, tasks: [] });
    expect((await c.deps.tasks.graph(orgId, single.eventId)).tasks).toHaveLength(1);
    // And its sponsorship packages, deals, steps and activations.
    expect(await c.deps.sponsorships.purgeEvent(orgId, event.eventId, 10)).toBe(0);
    // And its campaigns, posts (their schedules first), agreements and the codes' claims.
    expect(await c.deps.marketing.purgeEvent(orgId, event.eventId, 10)).toBe(0);
    await createCampaign(c.deps, principal, orgId, single.eventId, {
      name: 'Same code',
      channel: 'email',
      startsAt: '2027-01-01T00:00:00.000Z',
      endsAt: '2027-02-01T00:00:00.000Z',
      budget: { amountMinor: 100, currency: 'EUR' },
      trackingCode: campaign.trackingCode,
    });
  }, 60_000);
});
