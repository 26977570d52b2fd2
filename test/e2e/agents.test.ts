import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * An agent's draft waits for approval, over HTTP on the local runtime: the agent drafts an
 * announcement of the event; a viewer cannot approve it; an organizer approves and publishes it,
 * which creates a draft announcement of the event that nobody has sent.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Draft {
  draftId: string;
  status: string;
  output: { title: string; body: string };
  conversation: { role: string }[];
  announcementId: string | null;
}

let owner: string;
let organizer: string;
let viewer: string;
let orgId: string;
let eventId: string;

const member = async (name: string, role: 'organizer' | 'viewer') => {
  const email = `${name}@agents.example`;
  const token = await rt.mintToken({ sub: `agt-${name}`, email });
  const invite = ok(
    await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
      token: owner,
      body: { email, role },
    }),
    201,
  );
  ok(await rt.call('POST', '/v1/invites/accept', { token, body: { token: invite.token } }), 201);
  return token;
};

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'agt-owner', email: 'owner@agents.example' });
  ({ orgId, eventId } = await publishedSession(rt, owner, {
    orgName: 'Agents',
    event: { title: 'Summit', defaultCapacity: 20 },
    session: { startsAt: berlinIn(60 * 24 * 30) },
  }));
  organizer = await member('organizer', 'organizer');
  viewer = await member('viewer', 'viewer');
});

describe('agents over HTTP', () => {
  it("keeps an agent's draft waiting for a person's approval; publishing makes an unsent draft announcement", async () => {
    const agent = ok(
      await rt.call<{ agentId: string }>('POST', `/v1/orgs/${orgId}/agents`, {
        token: owner,
        body: {
          name: 'Announcer',
          purpose: 'announcement_drafting',
          instructions: 'Be brief.',
          tools: ['read_event', 'draft_announcement'],
        },
      }),
      201,
    );
    const drafts = `/v1/orgs/${orgId}/agents/${agent.agentId}/drafts`;
    const draft = ok(
      await rt.call<Draft>('POST', drafts, {
        token: organizer,
        body: { eventId, kind: 'announcement', prompt: 'Doors open at six.' },
      }),
      201,
    );
    expect(draft).toMatchObject({ status: 'draft', announcementId: null });
    expect(draft.output.title).toBe('Announcement: Summit');
    expect(draft.conversation).toHaveLength(2);

    // A tool it lacks is refused; nothing is published without approval.
    const refused = await rt.call('POST', drafts, {
      token: organizer,
      body: { eventId, kind: 'marketing_copy', prompt: 'Buy now.' },
    });
    expect(refused.status).toBe(409);
    const status = `${drafts}/${draft.draftId}/status`;
    expect((await rt.call('POST', status, { token: organizer, body: { status: 'published' } })).status).toBe(
      409,
    );
    expect((await rt.call('POST', status, { token: viewer, body: { status: 'approved' } })).status).toBe(403);

    ok(await rt.call('POST', status, { token: organizer, body: { status: 'approved' } }));
    const published = ok(
      await rt.call<Draft>('POST', status, { token: organizer, body: { status: 'published' } }),
    );
    expect(published.status).toBe('published');
    const announcement = ok(
      await rt.call<{ status: string; title: string; sentAt: string | null }>(
        'GET',
        `/v1/orgs/${orgId}/events/${eventId}/announcements/${published.announcementId}`,
        { token: owner },
      ),
    );
    expect(announcement).toMatchObject({ status: 'draft', title: draft.output.title, sentAt: null });
    const listed = ok(await rt.call<{ items: Draft[] }>('GET', drafts, { token: organizer }));
    expect(listed.items.map((d) => d.status)).toEqual(['published']);
  });
});
