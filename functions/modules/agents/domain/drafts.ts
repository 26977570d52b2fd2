import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange } from '../../catalog/index.js';
import { existingAgent } from './agents.js';
import type { AgentDraft, DraftEventFacts, DraftKind } from './model.js';
import type { DraftRef } from './ports.js';
import { missingTools } from './rules.js';

/**
 * An agent runs: given an event, a kind and a prompt, it drafts content through the drafter port
 * with only the tools it is allowed (reading the event needs `read_event`; each kind its drafting
 * tool). The draft is stored with its conversation (the prompt and the reply) as `draft`: nothing
 * it writes goes further without a person (drafts-status.ts).
 */

export interface DraftInput {
  eventId: string;
  kind: DraftKind;
  prompt: string;
}

type DraftDeps = Pick<Deps, 'agents' | 'drafter' | 'events' | 'venues' | 'clock'> & AccessDeps;

const eventFacts = async (
  deps: Pick<Deps, 'venues'>,
  orgId: string,
  event: { title: string; startsAt: string | null; endsAt: string | null; venueId: string },
): Promise<DraftEventFacts> => {
  const venue = await deps.venues.get(orgId, event.venueId);
  return {
    title: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    venueName: venue?.name ?? null,
  };
};

export const createDraft = async (
  deps: DraftDeps,
  principal: Principal,
  orgId: string,
  agentId: string,
  input: DraftInput,
): Promise<AgentDraft> => {
  await authorize(deps, orgId, principal, 'agent.use');
  const agent = await existingAgent(deps, orgId, agentId);
  if (agent.status === 'paused') throw new DomainError('AGENT_PAUSED', 'the agent is paused', { agentId });
  const missing = missingTools(agent.tools, input.kind);
  if (missing.length > 0)
    throw new DomainError('AGENT_TOOL_NOT_ALLOWED', `the agent may not use ${missing.join(', ')}`, {
      missingTools: missing,
    });
  // The event must exist and take changes (its drafts live under it); the agent reads its facts
  // only with `read_event`.
  const event = await eventForChange(deps, orgId, input.eventId);
  const facts = agent.tools.includes('read_event') ? await eventFacts(deps, orgId, event) : null;
  const output = await deps.drafter.draft({
    kind: input.kind,
    prompt: input.prompt,
    instructions: agent.instructions,
    event: facts,
  });
  const now = deps.clock.now().toISOString();
  const draft: AgentDraft = {
    orgId,
    agentId,
    draftId: newId('agd'),
    eventId: input.eventId,
    kind: input.kind,
    prompt: input.prompt,
    output,
    provider: deps.drafter.provider,
    conversation: [
      { role: 'user', content: input.prompt, at: now },
      { role: 'agent', content: `${output.title}\n\n${output.body}`, at: now },
    ],
    status: 'draft',
    decidedBy: null,
    decidedAt: null,
    publishedAt: null,
    announcementId: null,
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
  };
  await deps.agents.createDraft(draft);
  return draft;
};

export const existingDraft = async (deps: Pick<Deps, 'agents'>, ref: DraftRef): Promise<AgentDraft> => {
  const draft = await deps.agents.getDraft(ref);
  if (!draft) throw notFound('draft');
  return draft;
};

export const getDraft = async (
  deps: Pick<Deps, 'agents'> & AccessDeps,
  principal: Principal,
  ref: DraftRef,
): Promise<AgentDraft> => {
  await authorize(deps, ref.orgId, principal, 'agent.use');
  return existingDraft(deps, ref);
};

export const listDrafts = async (
  deps: Pick<Deps, 'agents'> & AccessDeps,
  principal: Principal,
  orgId: string,
  agentId: string,
  page: PageRequest,
): Promise<Page<AgentDraft>> => {
  await authorize(deps, orgId, principal, 'agent.use');
  await existingAgent(deps, orgId, agentId);
  return deps.agents.listDrafts(orgId, agentId, page);
};
