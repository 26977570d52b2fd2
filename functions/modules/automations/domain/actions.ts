import type { Deps } from '../../../kernel/domain/deps.js';
import type { DomainEvent } from '../../../kernel/domain/domain-event.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import { derivedId } from '../../../kernel/domain/ids.js';
import type { Task } from '../../tasks/index.js';
import { deliveryHeaders } from '../../webhooks/index.js';
import { causationOf } from './causation.js';
import { fillTemplate } from './conditions.js';
import { type Action, type ActionResult, automationLimits, type WorkflowRun } from './model.js';
import { workflowSecret } from './signing-secret.js';

/**
 * The actions of a run (docs/automations.md, "Actions"). Each is idempotent on its own: what it
 * makes has an id derived from the run and the action's place (the task, the notification), or is
 * a set add (the tag), or carries that id for the receiver to deduplicate on (the webhook). So a
 * run retried after a crash repeats no action that had taken effect. An action that cannot succeed
 * (the event is gone, a receiver refuses) is a failed result; anything else throws, and the
 * message comes back to finish the run.
 */

export type AutomationActionDeps = Pick<
  Deps,
  'automations' | 'tasks' | 'attendees' | 'webhookKeys' | 'webhookSender' | 'webhookPolicy' | 'clock'
>;

export interface ActionContext {
  event: DomainEvent;
  run: WorkflowRun;
  index: number;
}

const dayMs = 86_400_000;
const done = (type: Action['type'], detail: string | null = null): ActionResult => ({
  type,
  status: 'succeeded',
  detail,
});
const failed = (type: Action['type'], detail: string): ActionResult => ({ type, status: 'failed', detail });
const skipped = (type: Action['type'], detail: string): ActionResult => ({ type, status: 'skipped', detail });

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The key of what an action of a run makes: the idempotency key of its effect. */
export const actionKey = (run: Pick<WorkflowRun, 'runId'>, index: number): string => `${run.runId}.${index}`;

const holderOf = (data: Record<string, unknown>): { type: string; id: string } | null => {
  const h = data.holder as { type?: unknown; id?: unknown } | undefined;
  return h && typeof h.type === 'string' && typeof h.id === 'string' ? { type: h.type, id: h.id } : null;
};

const createTask = async (
  deps: AutomationActionDeps,
  ctx: ActionContext,
  a: Extract<Action, { type: 'create_task' }>,
) => {
  const { event, run } = ctx;
  const eventId = text(event.data.eventId);
  if (!eventId) return skipped(a.type, `${event.type} names no event`);
  const task: Task = {
    orgId: run.orgId,
    eventId,
    taskId: derivedId('tsk', run.runId, String(ctx.index)),
    title: fillTemplate(a.title, event.data).slice(0, 200) || 'Task',
    description: `Created by automation ${run.workflowId} on ${event.type} ${event.id}`,
    assigneeId: a.assigneeId,
    dueAt:
      a.dueInDays === null ? null : new Date(Date.parse(run.startedAt) + a.dueInDays * dayMs).toISOString(),
    status: 'todo',
    priority: 'medium',
    dependsOn: [],
    templateId: null,
    specKey: null,
    remindersSent: [],
    createdBy: `automation#${run.workflowId}`,
    version: 1,
    createdAt: run.startedAt,
    updatedAt: run.startedAt,
  };
  await deps.tasks.createGenerated(task);
  return done(a.type, task.taskId);
};

const addTag = async (
  deps: AutomationActionDeps,
  ctx: ActionContext,
  a: Extract<Action, { type: 'add_tag' }>,
) => {
  const holder = holderOf(ctx.event.data);
  const attendeeId = holder?.type === 'attendee' ? holder.id : text(ctx.event.data.attendeeId);
  if (!attendeeId) return skipped(a.type, 'the event names no attendee (a party, or none)');
  const outcome = await deps.attendees.addTag(ctx.run.orgId, attendeeId, a.tag, automationLimits.maxTags);
  if (outcome === 'missing') return failed(a.type, `attendee ${attendeeId} was not found`);
  if (outcome === 'full')
    return failed(a.type, `attendee ${attendeeId} has ${automationLimits.maxTags} tags`);
  return done(a.type, attendeeId);
};

const notify = async (
  deps: AutomationActionDeps,
  ctx: ActionContext,
  a: Extract<Action, { type: 'notify' }>,
) => {
  const { event, run } = ctx;
  const sessionId = text(event.data.sessionId);
  if (!sessionId) return skipped(a.type, `${event.type} names no session`);
  const holder = holderOf(event.data);
  const recipient =
    a.to === 'member' && a.userId
      ? { recipientId: `user#${a.userId}`, userId: a.userId }
      : holder
        ? { recipientId: holder.id, userId: null }
        : null;
  if (!recipient) return skipped(a.type, `${event.type} names no holder`);
  await deps.automations.notify({
    orgId: run.orgId,
    sessionId,
    key: `automation#${actionKey(run, ctx.index)}`,
    at: run.startedAt,
    type: 'automation.notify',
    ...recipient,
    payload: {
      subject: fillTemplate(a.subject, event.data),
      body: fillTemplate(a.body, event.data),
      workflowId: run.workflowId,
      eventType: event.type,
    },
  });
  return done(a.type, recipient.recipientId);
};

const callWebhook = async (
  deps: AutomationActionDeps,
  ctx: ActionContext,
  a: Extract<Action, { type: 'webhook' }>,
) => {
  const { event, run } = ctx;
  const key = actionKey(run, ctx.index);
  const body = JSON.stringify({
    id: key,
    type: 'automation.webhook',
    workflowId: run.workflowId,
    runId: run.runId,
    // What the receiver's own events would carry if it caused any (docs/automations.md, "Loops").
    causedBy: causationOf(event, run),
    event,
  });
  const nowMs = deps.clock.now().getTime();
  // The workflow's own secret, derived from the tenant's webhook key as a subscription's is.
  const secret = await workflowSecret(deps, run);
  const response = await deps.webhookSender.send({
    url: a.url,
    headers: {
      ...deliveryHeaders({ eventId: key, eventType: 'automation.webhook', body }, [secret], nowMs),
      'idempotency-key': key,
    },
    body,
    timeoutMs: deps.webhookPolicy.attemptTimeoutMs,
  });
  return response.ok
    ? done(a.type, `HTTP ${response.statusCode}`)
    : failed(a.type, response.error ?? 'failed');
};

export const performAction = async (
  deps: AutomationActionDeps,
  ctx: ActionContext,
  action: Action,
): Promise<ActionResult> => {
  try {
    switch (action.type) {
      case 'create_task':
        return await createTask(deps, ctx, action);
      case 'add_tag':
        return await addTag(deps, ctx, action);
      case 'notify':
        return await notify(deps, ctx, action);
      case 'webhook':
        return await callWebhook(deps, ctx, action);
    }
  } catch (error) {
    // A refusal (the event being deleted, not found) will not change on a retry: the action failed.
    if (error instanceof DomainError) return failed(action.type, error.message);
    throw error;
  }
};
