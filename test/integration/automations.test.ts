import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import { runAutomations } from '../../functions/modules/automations/domain/runs.js';
import { createWorkflow, listRuns } from '../../functions/modules/automations/domain/workflows.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import { eventInput, orgWith, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Automation runs on DynamoDB Local: the run's conditional put claims it once per workflow and
 * event (also for two deliveries at once), a run whose worker died mid-way is finished without
 * repeating its done actions, and the organization's purge takes workflows and runs.
 */

const owner = user('auto-owner');

describe('automation runs on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let orgId: string;
  let eventId: string;
  let attendeeId: string;
  let workflowId: string;
  let seq = 0;

  const confirmed = (): DomainEvent => {
    seq += 1;
    return {
      id: `evt-fact-${seq}`,
      type: 'booking.confirmed',
      version: 1,
      orgId,
      occurredAt: new Date(Date.UTC(2026, 11, 1, 10, seq)).toISOString(),
      subject: { type: 'booking', id: `bkg_${seq}` },
      data: {
        bookingId: `bkg_${seq}`,
        eventId,
        sessionId: 'ses_x',
        status: 'confirmed',
        seats: 2,
        holder: { type: 'attendee', id: attendeeId },
      },
    };
  };

  const tasksOfEvent = async () => (await c.deps.tasks.list(orgId, eventId, {}, { limit: 100 })).items;
  const runs = async () => (await listRuns(c.deps, owner, { orgId, workflowId }, { limit: 100 })).items;

  beforeAll(async () => {
    c = await freshContainer();
    orgId = await orgWith(c, owner.sub);
    const venue = await venueIn(c, owner.sub, orgId);
    ({ eventId } = await createEvent(c.deps, owner, orgId, eventInput(venue.venueId)));
    attendeeId = 'att_aaaaaaaaaaaaaaaaaaaa';
    const now = new Date().toISOString();
    await c.deps.attendees.create({
      orgId,
      attendeeId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: null,
      phone: null,
      userId: null,
      gender: null,
      partyId: null,
      tags: [],
      createdAt: now,
      updatedAt: now,
    });
    ({ workflowId } = await createWorkflow(c.deps, owner, orgId, {
      name: 'Groups',
      trigger: 'booking.confirmed',
      conditions: [{ field: 'seats', op: 'gte', value: 2 }],
      actions: [
        { type: 'create_task', title: 'Call {{bookingId}}', dueInDays: 1, assigneeId: null },
        { type: 'add_tag', tag: 'group' },
      ],
    }));
  });

  it('claims a run once when the same event arrives twice at once', async () => {
    const event = confirmed();
    const [a, b] = await Promise.all([runAutomations(c.deps, event), runAutomations(c.deps, event)]);
    expect(a.ran + b.ran).toBeGreaterThanOrEqual(1);
    expect(await runAutomations(c.deps, event)).toMatchObject({ ran: 0, duplicates: 1 });
    expect(await runs()).toHaveLength(1);
    expect((await tasksOfEvent()).filter((t) => t.title === `Call ${event.data.bookingId}`)).toHaveLength(1);
  });

  it('finishes a run whose worker died after its first action, without repeating it', async () => {
    const event = confirmed();
    const dying: Deps = {
      ...c.deps,
      attendees: {
        ...c.deps.attendees,
        addTag: () => Promise.reject(new Error('worker died')),
      },
    };
    await expect(runAutomations(dying, event)).rejects.toThrow('worker died');
    const half = (await runs()).find((r) => r.eventId === event.id);
    expect(half).toMatchObject({ status: 'running' });
    expect(half?.results.map((r) => r.status)).toEqual(['succeeded', 'pending']);

    expect(await runAutomations(c.deps, event)).toMatchObject({ ran: 1, duplicates: 0 });
    const done = (await runs()).find((r) => r.eventId === event.id);
    expect(done?.status).toBe('succeeded');
    expect(done?.results[0]?.detail).toBe(half?.results[0]?.detail);
    expect((await tasksOfEvent()).filter((t) => t.title === `Call ${event.data.bookingId}`)).toHaveLength(1);
    expect((await c.deps.attendees.get(orgId, attendeeId))?.tags).toEqual(['group']);
  });

  it("removes the organization's workflows and runs with its purge", async () => {
    let removed: number;
    do removed = await c.deps.automations.purgeOrg(orgId, 2);
    while (removed === 2);
    expect(await c.deps.automations.workflowsOf(orgId)).toEqual([]);
    expect((await c.deps.automations.listRuns({ orgId, workflowId }, { limit: 10 })).items).toEqual([]);
  });
});
