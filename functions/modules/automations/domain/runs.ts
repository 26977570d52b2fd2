import type { DomainEvent } from '../../../kernel/domain/domain-event.js';
import { derivedId } from '../../../kernel/domain/ids.js';
import { type AutomationActionDeps, performAction } from './actions.js';
import { loopReason } from './causation.js';
import { allHold } from './conditions.js';
import { automationLimits, type Workflow, type WorkflowRun } from './model.js';

/**
 * The consumer's use case (docs/automations.md, "Runs"): a domain event from the `automations`
 * queue runs each active workflow of its organization whose trigger is its type and whose
 * conditions hold. A run's id is derived from the workflow and the event, and its conditional put
 * claims it before any action: the same event delivered twice runs a workflow once, and a run
 * found still `running` (its worker crashed) is finished, its done actions left alone.
 */

export interface RunSummary {
  /** Runs finished by this delivery. */
  ran: number;
  /** Runs already finished (the event delivered again). */
  duplicates: number;
  /** Runs recorded as skipped (loop, depth). */
  skipped: number;
  failed: number;
  paused: number;
}

export const runIdOf = (workflowId: string, eventId: string): string => derivedId('awr', workflowId, eventId);

const newRun = (w: Workflow, event: DomainEvent, now: string, skip: string | null): WorkflowRun => ({
  orgId: w.orgId,
  workflowId: w.workflowId,
  runId: runIdOf(w.workflowId, event.id),
  eventId: event.id,
  eventType: event.type,
  occurredAt: new Date(event.occurredAt).toISOString(),
  status: skip ? 'skipped' : 'running',
  reason: skip,
  results: w.actions.map((a) => ({
    type: a.type,
    status: skip ? 'skipped' : 'pending',
    detail: skip ? `not run: ${skip}` : null,
  })),
  startedAt: now,
  finishedAt: skip ? now : null,
});

/** Runs the workflow's remaining actions in order, recording each, then the outcome. */
const complete = async (
  deps: AutomationActionDeps,
  w: Workflow,
  event: DomainEvent,
  claimed: WorkflowRun,
) => {
  let run = claimed;
  for (const [index, action] of w.actions.entries()) {
    if (run.results[index]?.status !== 'pending') continue;
    const result = await performAction(deps, { event, run, index }, action);
    run = { ...run, results: run.results.map((r, i) => (i === index ? result : r)) };
    // Another delivery of the event finished the run meanwhile (its actions are idempotent): leave it.
    if (!(await deps.automations.saveResults(run))) return null;
  }
  const failedAt = run.results.flatMap((r, i) => (r.status === 'failed' ? [i] : []));
  const finished: WorkflowRun = {
    ...run,
    status: failedAt.length > 0 ? 'failed' : 'succeeded',
    reason: failedAt.length > 0 ? `actions failed: ${failedAt.join(', ')}` : null,
    finishedAt: deps.clock.now().toISOString(),
  };
  return (await deps.automations.finishRun(finished)) ? finished : null;
};

export const runAutomations = async (
  deps: AutomationActionDeps,
  event: DomainEvent,
  workflowsOf: (orgId: string) => Promise<Workflow[]> = (orgId) => deps.automations.workflowsOf(orgId),
): Promise<RunSummary> => {
  const summary: RunSummary = { ran: 0, duplicates: 0, skipped: 0, failed: 0, paused: 0 };
  const candidates = (await workflowsOf(event.orgId)).filter(
    (w) => w.status === 'active' && w.trigger === event.type && allHold(w.conditions, event.data),
  );
  for (const w of candidates) {
    const skip = loopReason(event, w.workflowId);
    const run = newRun(w, event, deps.clock.now().toISOString(), skip);
    const claim = await deps.automations.claimRun(run);
    if (!claim.claimed && claim.existing.status !== 'running') {
      summary.duplicates += 1;
      continue;
    }
    if (skip) {
      summary.skipped += 1;
      continue;
    }
    const finished = await complete(deps, w, event, claim.claimed ? run : claim.existing);
    if (!finished) {
      summary.duplicates += 1;
      continue;
    }
    summary.ran += 1;
    if (finished.status !== 'failed') continue;
    summary.failed += 1;
    const ref = { orgId: w.orgId, workflowId: w.workflowId };
    if (
      await deps.automations.pauseForFailures(
        ref,
        automationLimits.pauseAfterFailures,
        finished.finishedAt ?? '',
      )
    )
      summary.paused += 1;
  }
  return summary;
};
