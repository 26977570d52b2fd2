import { orgParams } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  agentListQuery,
  agentParams,
  agentSchema,
  createAgentBody,
  createDraftBody,
  draftListQuery,
  draftParams,
  draftSchema,
  draftStatusBody,
  updateAgentBody,
} from './contracts/agents.js';

const agents = '/v1/orgs/{orgId}/agents';
const drafts = `${agents}/{agentId}/drafts`;

/**
 * An organization's agents and the drafts they write (docs/agents.md), served by `operations`.
 * Owners and admins configure agents; organizers ask them for drafts and approve or publish them.
 */
export const agentRoutes = routeGroup({ function: 'operations', auth: 'jwt', tag: 'Agents' }, [
  {
    operationId: 'createAgent',
    method: 'POST',
    path: agents,
    summary: 'Configure an agent (purpose, instructions, the tools it may use)',
    params: orgParams,
    body: createAgentBody,
    success: reply(201, 'Created', agentSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listAgents',
    method: 'GET',
    path: agents,
    summary: "The organization's agents",
    params: orgParams,
    query: agentListQuery,
    success: replyPage('A page of agents', agentSchema, 'AgentPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getAgent',
    method: 'GET',
    path: `${agents}/{agentId}`,
    summary: 'Read an agent',
    params: agentParams,
    success: reply(200, 'The agent', agentSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateAgent',
    method: 'PATCH',
    path: `${agents}/{agentId}`,
    summary: 'Change an agent (status paused: it drafts nothing)',
    params: agentParams,
    body: updateAgentBody,
    success: reply(200, 'The agent', agentSchema),
    problems: [403, 404],
  },
  {
    operationId: 'createAgentDraft',
    method: 'POST',
    path: drafts,
    summary:
      "Ask the agent for a draft of an event's announcement or marketing copy (stored as a draft with its conversation)",
    params: agentParams,
    body: createDraftBody,
    success: reply(201, 'Created', draftSchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'listAgentDrafts',
    method: 'GET',
    path: drafts,
    summary: "The agent's drafts",
    params: agentParams,
    query: draftListQuery,
    success: replyPage('A page of drafts', draftSchema, 'AgentDraftPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getAgentDraft',
    method: 'GET',
    path: `${drafts}/{draftId}`,
    summary: 'Read a draft with its conversation',
    params: draftParams,
    success: reply(200, 'The draft', draftSchema),
    problems: [403, 404],
  },
  {
    operationId: 'moveAgentDraft',
    method: 'POST',
    path: `${drafts}/{draftId}/status`,
    summary:
      'Approve, reject or publish a draft (a person only; publishing an announcement makes a draft announcement, sent by nobody)',
    params: draftParams,
    body: draftStatusBody,
    success: reply(200, 'The draft', draftSchema),
    problems: [403, 404, 409],
  },
]);
