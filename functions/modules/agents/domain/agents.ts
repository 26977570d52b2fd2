import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { Agent, AgentPurpose, AgentStatus, AgentTool } from './model.js';

/**
 * An organization's agent configurations: owners and admins set them up (purpose, instructions,
 * tools, paused or active); organizers read them to use them. Deleted only with the organization.
 */

export interface AgentInput {
  name: string;
  purpose: AgentPurpose;
  instructions: string;
  tools: AgentTool[];
}

export type AgentChange = Partial<AgentInput> & { status?: AgentStatus | undefined };

/** Writes that lose to a concurrent write of the same agent read it again, a few times. */
const attempts = 5;

export const createAgent = async (
  deps: Pick<Deps, 'agents' | 'clock'> & AccessDeps,
  principal: Principal,
  orgId: string,
  input: AgentInput,
): Promise<Agent> => {
  await authorize(deps, orgId, principal, 'agent.manage');
  const now = deps.clock.now().toISOString();
  const agent: Agent = {
    orgId,
    agentId: newId('agt'),
    name: input.name,
    purpose: input.purpose,
    instructions: input.instructions,
    tools: [...new Set(input.tools)],
    status: 'active',
    version: 1,
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
  };
  await deps.agents.create(agent);
  return agent;
};

export const existingAgent = async (
  deps: Pick<Deps, 'agents'>,
  orgId: string,
  agentId: string,
): Promise<Agent> => {
  const agent = await deps.agents.get(orgId, agentId);
  if (!agent) throw notFound('agent');
  return agent;
};

export const getAgent = async (
  deps: Pick<Deps, 'agents'> & AccessDeps,
  principal: Principal,
  orgId: string,
  agentId: string,
): Promise<Agent> => {
  await authorize(deps, orgId, principal, 'agent.use');
  return existingAgent(deps, orgId, agentId);
};

export const listAgents = async (
  deps: Pick<Deps, 'agents'> & AccessDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<Agent>> => {
  await authorize(deps, orgId, principal, 'agent.use');
  return deps.agents.list(orgId, page);
};

/** Changes the given fields; a retry of the same change answers the same agent. */
export const updateAgent = async (
  deps: Pick<Deps, 'agents' | 'clock'> & AccessDeps,
  principal: Principal,
  orgId: string,
  agentId: string,
  change: AgentChange,
): Promise<Agent> => {
  await authorize(deps, orgId, principal, 'agent.manage');
  const { tools, ...rest } = change;
  for (let i = 0; i < attempts; i++) {
    const before = await existingAgent(deps, orgId, agentId);
    const after: Agent = {
      ...before,
      ...givenFields(rest),
      tools: tools ? [...new Set(tools)] : before.tools,
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    if (await deps.agents.save(before, after)) return after;
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the agent kept changing; retry shortly');
};
