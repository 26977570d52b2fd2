import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { NotificationRecord } from '../../notifications/index.js';
import type { Workflow, WorkflowRun } from './model.js';

export interface WorkflowRef {
  orgId: string;
  workflowId: string;
}

/**
 * An organization's workflows and their runs. A run is claimed by a conditional put of its
 * derived id before any action; finishing it moves it from `running` and counts it against its
 * workflow in one transaction, so a run finished twice counts once.
 */
export interface AutomationStore {
  /** Only while the organization is active (ORGANIZATION_DELETING otherwise). */
  create(workflow: Workflow): Promise<void>;
  get(orgId: string, workflowId: string): Promise<Workflow | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Workflow>>;
  /** Every workflow of the organization (at most the limit's). */
  workflowsOf(orgId: string): Promise<Workflow[]>;
  /** Writes what staff change if the workflow is still at `before.version`; the run counter is left alone unless it changed. */
  save(before: Workflow, after: Workflow): Promise<boolean>;
  /** Deletes the workflow and its runs. */
  remove(ref: WorkflowRef): Promise<void>;

  /** Puts the run unless one of its id exists; answers the existing one then. */
  claimRun(run: WorkflowRun): Promise<{ claimed: true } | { claimed: false; existing: WorkflowRun }>;
  /** Writes the results of a running run (the actions done so far); false when it is no longer running. */
  saveResults(run: WorkflowRun): Promise<boolean>;
  /**
   * Moves a running run to its outcome and, in the same transaction, resets (success) or raises
   * (failure) its workflow's failure count. False when the run was no longer running.
   */
  finishRun(run: WorkflowRun): Promise<boolean>;
  /** Active to paused for failures if `consecutiveFailures` reached `threshold`; true when paused now. */
  pauseForFailures(ref: WorkflowRef, threshold: number, at: string): Promise<boolean>;
  /** Newest event first. */
  listRuns(ref: WorkflowRef, page: PageRequest): Promise<Page<WorkflowRun>>;

  /** Writes a run's notification into the outbox unless its item exists; true when written. */
  notify(record: NotificationRecord): Promise<boolean>;

  /** Deletes up to `limit` workflows and runs of the organization; fewer means none is left. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
}
