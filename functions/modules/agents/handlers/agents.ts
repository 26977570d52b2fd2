import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { createAgent, getAgent, listAgents, updateAgent } from '../domain/agents.js';
import { moveDraft } from '../domain/draft-status.js';
import { createDraft, getDraft, listDrafts } from '../domain/drafts.js';
import type { Agent, AgentDraft } from '../domain/model.js';

const deps = () => getContainer().deps;

/** What a reader sees: everything but the write version (and a draft's org, in its path). */
const agentView = ({ version: _v, ...a }: Agent) => a;
const draftView = ({ orgId: _o, ...d }: AgentDraft) => d;

export const agentHandlers = {
  createAgent: async ({ principal, params, body }) =>
    created(agentView(await createAgent(deps(), principal, params.orgId, body))),
  listAgents: async ({ principal, params, query }) => {
    const page = await listAgents(deps(), principal, params.orgId, query);
    return ok({ items: page.items.map(agentView), nextCursor: page.nextCursor });
  },
  getAgent: async ({ principal, params }) =>
    ok(agentView(await getAgent(deps(), principal, params.orgId, params.agentId))),
  updateAgent: async ({ principal, params, body }) =>
    ok(agentView(await updateAgent(deps(), principal, params.orgId, params.agentId, body))),
  createAgentDraft: async ({ principal, params, body }) =>
    created(draftView(await createDraft(deps(), principal, params.orgId, params.agentId, body))),
  listAgentDrafts: async ({ principal, params, query }) => {
    const page = await listDrafts(deps(), principal, params.orgId, params.agentId, query);
    return ok({ items: page.items.map(draftView), nextCursor: page.nextCursor });
  },
  getAgentDraft: async ({ principal, params }) => ok(draftView(await getDraft(deps(), principal, params))),
  moveAgentDraft: async ({ principal, params, body }) =>
    ok(draftView(await moveDraft(deps(), principal, params, body.status))),
} satisfies Partial<RouteHandlers<'operations'>>;
