import { orgParams } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  createWorkflowBody,
  runListQuery,
  runSchema,
  signingSecretSchema,
  updateWorkflowBody,
  workflowListQuery,
  workflowParams,
  workflowSchema,
} from './contracts/automations.js';

const workflows = '/v1/orgs/{orgId}/automations';
const one = `${workflows}/{workflowId}`;

/** An organization's automation workflows and their runs (docs/automations.md), served by `operations`. */
export const automationRoutes = routeGroup({ function: 'operations', auth: 'jwt', tag: 'Automations' }, [
  {
    operationId: 'createAutomation',
    method: 'POST',
    path: workflows,
    summary: 'Create a workflow: when a domain event (and its conditions) then up to 5 actions',
    params: orgParams,
    body: createWorkflowBody,
    success: reply(201, 'Created', workflowSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listAutomations',
    method: 'GET',
    path: workflows,
    summary: "The organization's workflows",
    params: orgParams,
    query: workflowListQuery,
    success: replyPage('A page of workflows', workflowSchema, 'AutomationWorkflowPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getAutomation',
    method: 'GET',
    path: one,
    summary: 'Read a workflow',
    params: workflowParams,
    success: reply(200, 'The workflow', workflowSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateAutomation',
    method: 'PATCH',
    path: one,
    summary: 'Change a workflow (at the version read)',
    params: workflowParams,
    body: updateWorkflowBody,
    success: reply(200, 'The workflow', workflowSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteAutomation',
    method: 'DELETE',
    path: one,
    summary: 'Delete a workflow and its runs',
    params: workflowParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404],
  },
  {
    operationId: 'pauseAutomation',
    method: 'POST',
    path: `${one}/pause`,
    summary: 'Pause a workflow: it runs on no event until resumed',
    params: workflowParams,
    success: reply(200, 'The workflow', workflowSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'resumeAutomation',
    method: 'POST',
    path: `${one}/resume`,
    summary:
      'Resume a paused workflow (also one paused after repeated failures); its failure count starts again',
    params: workflowParams,
    success: reply(200, 'The workflow', workflowSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listAutomationRuns',
    method: 'GET',
    path: `${one}/runs`,
    summary: "The workflow's runs, newest event first, each with its actions' results",
    params: workflowParams,
    query: runListQuery,
    success: replyPage('A page of runs', runSchema, 'AutomationRunPage'),
    problems: [403, 404],
  },
]);

/**
 * A workflow's webhook signing secret: served by the `webhooks` function, the only one holding the
 * tenant's webhook key it is derived from.
 */
export const automationSecretRoutes = routeGroup({ function: 'webhooks', auth: 'jwt', tag: 'Automations' }, [
  {
    operationId: 'getAutomationSigningSecret',
    method: 'GET',
    path: `${one}/signing-secret`,
    summary:
      "The secret that signs the workflow's webhook actions (Evently-Signature, as webhook deliveries)",
    params: workflowParams,
    success: reply(200, 'The secret', signingSecretSchema),
    problems: [403, 404],
  },
]);
