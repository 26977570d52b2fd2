import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import type { Workflow, WorkflowRun } from '../domain/model.js';
import {
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  listRuns,
  listWorkflows,
  setWorkflowActive,
  updateWorkflow,
} from '../domain/workflows.js';

const deps = () => getContainer().deps;

/** What a reader sees: the organization is in the path. */
const workflowView = ({ orgId: _o, ...w }: Workflow) => w;
const runView = ({ orgId: _o, workflowId: _w, ...r }: WorkflowRun) => r;

export const automationHandlers = {
  createAutomation: async ({ principal, params, body }) =>
    created(workflowView(await createWorkflow(deps(), principal, params.orgId, body))),
  listAutomations: async ({ principal, params, query }) => {
    const page = await listWorkflows(deps(), principal, params.orgId, query);
    return ok({ items: page.items.map(workflowView), nextCursor: page.nextCursor });
  },
  getAutomation: async ({ principal, params }) =>
    ok(workflowView(await getWorkflow(deps(), principal, params))),
  updateAutomation: async ({ principal, params, body }) =>
    ok(workflowView(await updateWorkflow(deps(), principal, params, body))),
  deleteAutomation: async ({ principal, params }) => {
    await deleteWorkflow(deps(), principal, params);
    return noContent();
  },
  pauseAutomation: async ({ principal, params }) =>
    ok(workflowView(await setWorkflowActive(deps(), principal, params, false))),
  resumeAutomation: async ({ principal, params }) =>
    ok(workflowView(await setWorkflowActive(deps(), principal, params, true))),
  listAutomationRuns: async ({ principal, params, query }) => {
    const page = await listRuns(deps(), principal, params, query);
    return ok({ items: page.items.map(runView), nextCursor: page.nextCursor });
  },
} satisfies Partial<RouteHandlers<'operations'>>;
