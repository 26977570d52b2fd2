import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createAgent, updateAgent } from '../../functions/modules/agents/domain/agents.js';
import { moveDraft } from '../../functions/modules/agents/domain/draft-status.js';
import { createDraft, getDraft } from '../../functions/modules/agents/domain/drafts.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import { eventInput, orgWith, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Agents on DynamoDB Local: a draft is stored with its conversation; tools and pauses gate it;
 * publishing an approved announcement draft creates one draft announcement, also when retried;
 * an event's purge takes its drafts.
 */

const owner = user('agt-owner');
const organizer = user('agt-organizer');
const viewer = user('agt-viewer');

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
};

describe('agents on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let orgId: string;
  let eventId: string;

  beforeAll(async () => {
    c = await freshContainer();
    orgId = await orgWith(c, owner.sub, { [organizer.sub]: 'organizer', [viewer.sub]: 'viewer' });
    const venue = await venueIn(c, owner.sub, orgId, 'Hall One');
    ({ eventId } = await createEvent(c.deps, owner, orgId, eventInput(venue.venueId, { title: 'Summit' })));
  });

  const agentWith = (tools: ('read_event' | 'draft_announcement' | 'draft_marketing_copy')[]) =>
    createAgent(c.deps, owner, orgId, {
      name: 'Announcer',
      purpose: 'announcement_drafting',
      instructions: 'Be brief.',
      tools,
    });

  it('stores a draft with its conversation, and refuses kinds the agent has no tool for', async () => {
    const agent = await agentWith(['read_event', 'draft_announcement']);
    const draft = await createDraft(c.deps, organizer, orgId, agent.agentId, {
      eventId,
      kind: 'announcement',
      prompt: 'Doors open at six.',
    });
    const stored = await getDraft(c.deps, organizer, {
      orgId,
      agentId: agent.agentId,
      draftId: draft.draftId,
    });
    expect(stored).toEqual(draft);
    expect(stored.status).toBe('draft');
    expect(stored.output.title).toBe('Announcement: Summit');
    expect(stored.output.body).toContain('Hall One');
    expect(stored.conversation.map((t) => t.role)).toEqual(['user', 'agent']);
    expect(stored.conversation[0]?.content).toBe('Doors open at six.');

    expect(
      await codeOf(
        createDraft(c.deps, organizer, orgId, agent.agentId, {
          eventId,
          kind: 'marketing_copy',
          prompt: 'x',
        }),
      ),
    ).toBe('AGENT_TOOL_NOT_ALLOWED');
    await updateAgent(c.deps, owner, orgId, agent.agentId, { status: 'paused' });
    expect(
      await codeOf(
        createDraft(c.deps, organizer, orgId, agent.agentId, { eventId, kind: 'announcement', prompt: 'x' }),
      ),
    ).toBe('AGENT_PAUSED');
  });

  it('publishes an approved announcement draft as one draft announcement, even when retried', async () => {
    const agent = await agentWith(['draft_announcement']);
    const draft = await createDraft(c.deps, organizer, orgId, agent.agentId, {
      eventId,
      kind: 'announcement',
      prompt: 'Bring your ticket.',
    });
    const ref = { orgId, agentId: agent.agentId, draftId: draft.draftId };
    expect(draft.output.body).not.toContain('Summit');
    expect(await codeOf(moveDraft(c.deps, organizer, ref, 'published'))).toBe('INVALID_TRANSITION');
    expect(await codeOf(moveDraft(c.deps, viewer, ref, 'approved'))).toBe('FORBIDDEN');
    const approved = await moveDraft(c.deps, organizer, ref, 'approved');
    expect(approved).toMatchObject({ status: 'approved', decidedBy: organizer.sub });

    const published = await Promise.all([
      moveDraft(c.deps, organizer, ref, 'published'),
      moveDraft(c.deps, organizer, ref, 'published'),
    ]);
    const again = await moveDraft(c.deps, organizer, ref, 'published');
    const announcementId = again.announcementId;
    expect(announcementId).toMatch(/^ann_/);
    expect(published.map((d) => d.announcementId)).toEqual([announcementId, announcementId]);
    const { items } = await c.deps.announcements.list(orgId, eventId, { limit: 50 });
    const made = items.filter((a) => a.announcementId === announcementId);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ status: 'draft', title: draft.output.title, sentAt: null });
    expect(await codeOf(moveDraft(c.deps, organizer, ref, 'rejected'))).toBe('INVALID_TRANSITION');
  });

  it("purges an event's drafts", async () => {
    const agent = await agentWith(['draft_marketing_copy']);
    await createDraft(c.deps, organizer, orgId, agent.agentId, {
      eventId,
      kind: 'marketing_copy',
      prompt: 'Hi',
    });
    expect(await c.deps.agents.purgeEventDrafts(orgId, eventId, 100)).toBeGreaterThan(0);
    expect((await c.deps.agents.listDrafts(orgId, agent.agentId, { limit: 10 })).items).toEqual([]);
    expect(await c.deps.agents.purgeOrg(orgId, 100)).toBe(3);
  });
});
