import type { EntityItem } from 'electrodb';
import { DomainError } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import { notificationRecord } from '../../notifications/index.js';
import type { Action, ActionResult, Condition, TriggerType, Workflow, WorkflowRun } from '../domain/model.js';
import type { AutomationStore } from '../domain/ports.js';
import type { automationRunEntity } from './entities/automation-run.js';
import type { automationWorkflowEntity } from './entities/automation-workflow.js';

type WorkflowItem = EntityItem<typeof automationWorkflowEntity>;
type RunItem = EntityItem<typeof automationRunEntity>;

// The JSON fields were validated by the contracts (and the domain's checks) before they were written.
const toWorkflow = (i: WorkflowItem): Workflow => ({
  orgId: i.orgId,
  workflowId: i.workflowId,
  name: i.name,
  trigger: i.trigger as TriggerType,
  conditions: JSON.parse(i.conditions) as Condition[],
  actions: JSON.parse(i.actions) as Action[],
  status: i.status,
  pausedReason: i.pausedReason ?? null,
  consecutiveFailures: i.consecutiveFailures,
  createdBy: i.createdBy,
  version: i.version,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});

const storedWorkflow = (w: Workflow) => ({
  orgId: w.orgId,
  workflowId: w.workflowId,
  name: w.name,
  trigger: w.trigger,
  conditions: JSON.stringify(w.conditions),
  actions: JSON.stringify(w.actions),
  status: w.status,
  ...(w.pausedReason ? { pausedReason: w.pausedReason } : {}),
  consecutiveFailures: w.consecutiveFailures,
  createdBy: w.createdBy,
  version: w.version,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
});

const toRun = (i: RunItem): WorkflowRun => ({
  orgId: i.orgId,
  workflowId: i.workflowId,
  runId: i.runId,
  eventId: i.eventId,
  eventType: i.eventType,
  occurredAt: i.occurredAt,
  status: i.status,
  reason: i.reason ?? null,
  results: JSON.parse(i.results) as ActionResult[],
  startedAt: i.startedAt,
  finishedAt: i.finishedAt ?? null,
});

const storedRun = (r: WorkflowRun) => ({
  orgId: r.orgId,
  workflowId: r.workflowId,
  runId: r.runId,
  eventId: r.eventId,
  eventType: r.eventType,
  occurredAt: r.occurredAt,
  status: r.status,
  ...(r.reason ? { reason: r.reason } : {}),
  results: JSON.stringify(r.results),
  startedAt: r.startedAt,
  ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
});

const runKey = (r: Pick<WorkflowRun, 'orgId' | 'workflowId' | 'occurredAt' | 'runId'>) => ({
  orgId: r.orgId,
  workflowId: r.workflowId,
  occurredAt: r.occurredAt,
  runId: r.runId,
});

export const dynamoAutomationStore = (service: EventlyService): AutomationStore => {
  const { automationWorkflow, automationRun } = service.entities;

  /** Deletes up to `limit` runs of a workflow; answers how many. */
  const purgeRuns = async (orgId: string, workflowId: string, limit: number): Promise<number> => {
    const { data } = await automationRun.query
      .byWorkflow({ orgId, workflowId })
      .go({ limit, attributes: ['orgId', 'workflowId', 'occurredAt', 'runId'] });
    if (data.length > 0) await automationRun.delete(data).go();
    return data.length;
  };

  return {
    async create(w) {
      await commitTransaction(service, (tx) => [
        {
          label: 'organization',
          // In the same transaction: a workflow put after the organization's cascade ran would be orphaned.
          write: tx.organization
            .check({ orgId: w.orgId })
            .where(({ status }, { eq }) => eq(status, 'active'))
            .commit(),
          fails: new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted'),
        },
        { label: 'workflow', write: tx.automationWorkflow.create(storedWorkflow(w)).commit() },
      ]);
    },

    async get(orgId, workflowId) {
      const { data } = await automationWorkflow.get({ orgId, workflowId }).go({ consistent: true });
      return data ? toWorkflow(data) : undefined;
    },

    list: (orgId, page) =>
      queryPage(
        `automations:${orgId}`,
        page,
        (opts) => automationWorkflow.query.byOrg({ orgId }).go(opts),
        toWorkflow,
      ),

    async workflowsOf(orgId) {
      const { data } = await automationWorkflow.query.byOrg({ orgId }).go({ pages: 'all' });
      return data.map(toWorkflow);
    },

    async save(before, after) {
      const { pausedReason, consecutiveFailures, orgId, workflowId, createdBy, createdAt, ...fields } =
        storedWorkflow(after);
      let patch = automationWorkflow.patch({ orgId, workflowId }).set({
        ...fields,
        ...(after.consecutiveFailures !== before.consecutiveFailures ? { consecutiveFailures } : {}),
        ...(pausedReason ? { pausedReason } : {}),
      });
      if (!pausedReason) patch = patch.remove(['pausedReason']);
      return unlessConditionFails(patch.where(({ version }, { eq }) => eq(version, before.version)).go());
    },

    async remove({ orgId, workflowId }) {
      await automationWorkflow.delete({ orgId, workflowId }).go();
      while ((await purgeRuns(orgId, workflowId, 100)) === 100);
    },

    async claimRun(run) {
      const claimed = await unlessConditionFails(automationRun.create(storedRun(run)).go());
      if (claimed) return { claimed: true };
      const { data } = await automationRun.get(runKey(run)).go({ consistent: true });
      if (!data) throw new Error(`run ${run.runId} was neither created nor found`);
      return { claimed: false, existing: toRun(data) };
    },

    saveResults: (run) =>
      unlessConditionFails(
        automationRun
          .patch(runKey(run))
          .set({ results: JSON.stringify(run.results) })
          .where(({ status }, { eq }) => eq(status, 'running'))
          .go(),
      ),

    async finishRun(run) {
      const ref = { orgId: run.orgId, workflowId: run.workflowId };
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'run',
          write: tx.automationRun
            .patch(runKey(run))
            .set({
              status: run.status,
              results: JSON.stringify(run.results),
              ...(run.reason ? { reason: run.reason } : {}),
              ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
            })
            .where(({ status }, { eq }) => eq(status, 'running'))
            .commit(),
          fails: 'refused' as const,
        },
        {
          label: 'workflow',
          write:
            run.status === 'failed'
              ? tx.automationWorkflow.patch(ref).add({ consecutiveFailures: 1 }).commit()
              : tx.automationWorkflow.patch(ref).set({ consecutiveFailures: 0 }).commit(),
          fails: 'refused' as const,
        },
      ]);
      return committed;
    },

    pauseForFailures: (ref, threshold, at) =>
      unlessConditionFails(
        automationWorkflow
          .patch(ref)
          .set({ status: 'paused', pausedReason: 'failures', updatedAt: at })
          .add({ version: 1 })
          .where(
            ({ status, consecutiveFailures }, { eq, gte }) =>
              `${eq(status, 'active')} AND ${gte(consecutiveFailures, threshold)}`,
          )
          .go(),
      ),

    listRuns: ({ orgId, workflowId }, page) =>
      queryPage(
        `automationRuns:${orgId}:${workflowId}`,
        page,
        (opts) => automationRun.query.byWorkflow({ orgId, workflowId }).go({ ...opts, order: 'desc' }),
        toRun,
      ),

    async notify(record) {
      const { committed } = await commitTransaction(service, (tx) => [
        { label: 'notification', write: notificationRecord(tx, record), fails: 'refused' as const },
      ]);
      return committed;
    },

    async purgeOrg(orgId, limit) {
      const { data } = await automationWorkflow.query
        .byOrg({ orgId })
        .go({ limit, attributes: ['orgId', 'workflowId'] });
      let removed = 0;
      for (const w of data) {
        removed += await purgeRuns(orgId, w.workflowId, limit - removed);
        if (removed >= limit) return removed;
        // Its runs are gone: the workflow goes last, so a purge cut short finds them again through it.
        await automationWorkflow.delete(w).go();
        removed += 1;
        if (removed >= limit) return removed;
      }
      return removed;
    },
  };
};
