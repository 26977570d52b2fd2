/**
 * Automation workflows of an organization (docs/automations.md): "when <domain event> and
 * <conditions> then <actions>", run from the domain events on the `automations` queue, each run
 * recorded once per workflow and event with the outcome of each action.
 */

import type { PublicEventType } from '../../notifications/index.js';

/** The public domain events a workflow may start on (docs/events/). */
export const triggerTypes = [
  'booking.confirmed',
  'booking.cancelled',
  'booking.expired',
  'waitlist.offered',
  'payment.received',
  'payment.refunded',
  'ticket.checked_in',
  'session.cancelled',
] as const satisfies readonly PublicEventType[];
export type TriggerType = (typeof triggerTypes)[number];

/** The fields of an event's data a condition may compare, and whether each is a number. */
export const conditionFields = {
  eventId: 'string',
  sessionId: 'string',
  bookingId: 'string',
  status: 'string',
  paymentStatus: 'string',
  holderType: 'string',
  seats: 'number',
  amount: 'number',
  currency: 'string',
  provider: 'string',
  gate: 'string',
  entries: 'number',
} as const;
export type ConditionField = keyof typeof conditionFields;

export const conditionOperators = ['eq', 'neq', 'gte', 'lte', 'in'] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

export interface Condition {
  field: ConditionField;
  op: ConditionOperator;
  /** A string or number for eq/neq, a number for gte/lte, a list for in. */
  value: string | number | (string | number)[];
}

export const recipientKinds = ['holder', 'member'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

export type Action =
  | {
      type: 'notify';
      /** The booking's holder (attendee or party), or a member of the organization (`userId`). */
      to: RecipientKind;
      userId: string | null;
      subject: string;
      body: string;
    }
  | {
      type: 'create_task';
      /** `{{field}}` is replaced by the event's value of a condition field (e.g. `{{bookingId}}`). */
      title: string;
      dueInDays: number | null;
      assigneeId: string | null;
    }
  | { type: 'add_tag'; tag: string }
  | { type: 'webhook'; url: string };
export type ActionType = Action['type'];

export const workflowStatuses = ['active', 'paused'] as const;
export type WorkflowStatus = (typeof workflowStatuses)[number];

export interface Workflow {
  orgId: string;
  workflowId: string;
  name: string;
  trigger: TriggerType;
  /** All must hold (an empty list: every event of the trigger). */
  conditions: Condition[];
  /** Run in order, 1 to 5. */
  actions: Action[];
  status: WorkflowStatus;
  /** Why it is paused: `failures` (repeated failed runs) or `staff`; null when active. */
  pausedReason: 'failures' | 'staff' | null;
  /** Failed runs in a row since the last success (a success or a resume sets it to 0). */
  consecutiveFailures: number;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const runStatuses = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type RunStatus = (typeof runStatuses)[number];

export interface ActionResult {
  type: ActionType;
  status: 'pending' | 'succeeded' | 'failed' | 'skipped';
  /** Why it failed or was skipped, or what it made (a task id); null while pending. */
  detail: string | null;
}

export interface WorkflowRun {
  orgId: string;
  workflowId: string;
  /** Derived from the workflow and the event: the same event delivered twice is one run. */
  runId: string;
  eventId: string;
  eventType: string;
  occurredAt: string;
  status: RunStatus;
  /** Why a run was skipped (`loop`, `depth`) or failed (the failed actions). */
  reason: string | null;
  results: ActionResult[];
  startedAt: string;
  finishedAt: string | null;
}

export const automationLimits = {
  maxWorkflows: 50,
  maxConditions: 10,
  maxActions: 5,
  /** Failed runs in a row that pause a workflow. */
  pauseAfterFailures: 5,
  /** An event caused by automations this many steps deep starts no further workflow. */
  maxDepth: 3,
  /** Tags one attendee may carry. */
  maxTags: 20,
} as const;
