import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { checkEndpointUrl } from '../../webhooks/index.js';
import { assertConditions } from './conditions.js';
import {
  type Action,
  automationLimits,
  type Condition,
  type TriggerType,
  type Workflow,
  type WorkflowRun,
} from './model.js';
import type { WorkflowRef } from './ports.js';

/**
 * An organization's automation workflows (docs/automations.md), managed by its organizers
 * (`automation.manage`). Every change is conditional on the version it was read at.
 */

export interface WorkflowInput {
  name: string;
  trigger: TriggerType;
  conditions: Condition[];
  actions: Action[];
}

export type WorkflowChange = { [K in keyof WorkflowInput]?: WorkflowInput[K] | undefined } & {
  /** The version the caller read; absent: the latest. */
  version?: number | undefined;
};

type AutomationReadDeps = Pick<Deps, 'automations'> & AccessDeps;
type AutomationWriteDeps = Pick<Deps, 'automations' | 'webhookPolicy' | 'clock'> & AccessDeps;

/** Webhook actions call https URLs of public hosts only, as webhook subscriptions do. */
const checkedActions = (deps: Pick<Deps, 'webhookPolicy'>, actions: readonly Action[]): Action[] =>
  actions.map((a, i) => {
    if (a.type !== 'webhook') return a;
    try {
      return { ...a, url: checkEndpointUrl(a.url, deps.webhookPolicy) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const issues = (error.details.errors ?? []) as { message: string }[];
      throw validationFailed(issues.map((e) => ({ field: `actions.${i}.url`, message: e.message })));
    }
  });

const checkedInput = <T extends Pick<WorkflowInput, 'trigger' | 'conditions' | 'actions'>>(
  deps: Pick<Deps, 'webhookPolicy'>,
  input: T,
): T => {
  assertConditions(input.trigger, input.conditions);
  return { ...input, actions: checkedActions(deps, input.actions) };
};

export const createWorkflow = async (
  deps: AutomationWriteDeps,
  principal: Principal,
  orgId: string,
  input: WorkflowInput,
): Promise<Workflow> => {
  await authorize(deps, orgId, principal, 'automation.manage');
  const checked = checkedInput(deps, input);
  if ((await deps.automations.workflowsOf(orgId)).length >= automationLimits.maxWorkflows)
    throw new DomainError(
      'CONFLICT',
      `an organization has at most ${automationLimits.maxWorkflows} workflows`,
    );
  const now = deps.clock.now().toISOString();
  const workflow: Workflow = {
    orgId,
    workflowId: newId('awf'),
    name: checked.name,
    trigger: checked.trigger,
    conditions: checked.conditions,
    actions: checked.actions,
    status: 'active',
    pausedReason: null,
    consecutiveFailures: 0,
    createdBy: principal.sub,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.automations.create(workflow);
  return workflow;
};

export const existingWorkflow = async (
  deps: Pick<Deps, 'automations'>,
  ref: WorkflowRef,
): Promise<Workflow> => {
  const workflow = await deps.automations.get(ref.orgId, ref.workflowId);
  if (!workflow) throw notFound('workflow');
  return workflow;
};

export const getWorkflow = async (
  deps: AutomationReadDeps,
  principal: Principal,
  ref: WorkflowRef,
): Promise<Workflow> => {
  await authorize(deps, ref.orgId, principal, 'automation.manage');
  return existingWorkflow(deps, ref);
};

export const listWorkflows = async (
  deps: AutomationReadDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<Workflow>> => {
  await authorize(deps, orgId, principal, 'automation.manage');
  return deps.automations.list(orgId, page);
};

const stale = () => new DomainError('CONFLICT', 'the workflow changed meanwhile; read it again and retry');

/** Writes `change(before)` if `before` is still at `version` (the caller's, or the one read). */
const changed = async (
  deps: Pick<Deps, 'automations' | 'clock'>,
  ref: WorkflowRef,
  version: number | null,
  change: (before: Workflow) => Workflow,
): Promise<Workflow> => {
  const before = await existingWorkflow(deps, ref);
  if (version !== null && before.version !== version) throw stale();
  const after = { ...change(before), version: before.version + 1, updatedAt: deps.clock.now().toISOString() };
  if (!(await deps.automations.save(before, after))) throw stale();
  return after;
};

export const updateWorkflow = async (
  deps: AutomationWriteDeps,
  principal: Principal,
  ref: WorkflowRef,
  input: WorkflowChange,
): Promise<Workflow> => {
  await authorize(deps, ref.orgId, principal, 'automation.manage');
  return changed(deps, ref, input.version ?? null, (before) => {
    const merged = {
      name: input.name ?? before.name,
      trigger: input.trigger ?? before.trigger,
      conditions: input.conditions ?? before.conditions,
      actions: input.actions ?? before.actions,
    };
    return { ...before, ...checkedInput(deps, merged) };
  });
};

export const deleteWorkflow = async (
  deps: AutomationReadDeps,
  principal: Principal,
  ref: WorkflowRef,
): Promise<void> => {
  await authorize(deps, ref.orgId, principal, 'automation.manage');
  await existingWorkflow(deps, ref);
  await deps.automations.remove(ref);
};

/** Staff pause (nothing runs while paused) and resume (the failure count starts again). */
export const setWorkflowActive = async (
  deps: Pick<Deps, 'automations' | 'clock'> & AccessDeps,
  principal: Principal,
  ref: WorkflowRef,
  active: boolean,
): Promise<Workflow> => {
  await authorize(deps, ref.orgId, principal, 'automation.manage');
  const current = await existingWorkflow(deps, ref);
  if ((current.status === 'active') === active) return current;
  return changed(deps, ref, null, (before) =>
    active
      ? { ...before, status: 'active', pausedReason: null, consecutiveFailures: 0 }
      : { ...before, status: 'paused', pausedReason: 'staff' },
  );
};

export const listRuns = async (
  deps: AutomationReadDeps,
  principal: Principal,
  ref: WorkflowRef,
  page: PageRequest,
): Promise<Page<WorkflowRun>> => {
  await authorize(deps, ref.orgId, principal, 'automation.manage');
  await existingWorkflow(deps, ref);
  return deps.automations.listRuns(ref, page);
};
