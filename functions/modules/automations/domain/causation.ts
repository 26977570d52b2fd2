import type { Causation, DomainEvent } from '../../../kernel/domain/domain-event.js';
import { automationLimits } from './model.js';

/**
 * Loop prevention (docs/automations.md, "Loops"): an event an automation's action caused carries
 * the chain of workflows behind it (`causedBy`). A workflow in that chain never runs on it, and no
 * workflow runs on an event already `maxDepth` steps from a person's change.
 */

/** Why the workflow must not run on the event, or null when it may. */
export const loopReason = (
  event: Pick<DomainEvent, 'causedBy'>,
  workflowId: string,
): 'loop' | 'depth' | null => {
  const cause = event.causedBy;
  if (!cause) return null;
  if (cause.chain.includes(workflowId) || cause.workflowId === workflowId) return 'loop';
  if (cause.depth >= automationLimits.maxDepth) return 'depth';
  return null;
};

/** The causation an action of this run gives the events it causes: one step deeper, this workflow added. */
export const causationOf = (
  event: Pick<DomainEvent, 'causedBy'>,
  run: { workflowId: string; runId: string },
): Causation => ({
  workflowId: run.workflowId,
  runId: run.runId,
  depth: (event.causedBy?.depth ?? 0) + 1,
  chain: [...(event.causedBy?.chain ?? []), run.workflowId],
});
