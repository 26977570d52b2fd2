import {
  freeText,
  orgParams,
  pageQuerySchema,
  prefixedIdSchema,
  stampFields,
  userIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import {
  automationLimits,
  conditionFields,
  conditionOperators,
  recipientKinds,
  runStatuses,
  triggerTypes,
  workflowStatuses,
} from '../domain/model.js';

/** An organization's automation workflows and their runs (docs/automations.md). */

export const workflowIdSchema = prefixedIdSchema('awf', 'workflow', 'awf_5k9m3p7r1t5v9x3z7b1d');

export const workflowParams = orgParams.extend({ workflowId: workflowIdSchema });

const triggerSchema = z.enum(triggerTypes).openapi('AutomationTrigger');
const fieldNames = Object.keys(conditionFields) as [
  keyof typeof conditionFields,
  ...(keyof typeof conditionFields)[],
];
const scalar = z.union([z.string().max(200), z.number()]);

const conditionSchema = z
  .strictObject({
    field: z.enum(fieldNames),
    op: z.enum(conditionOperators),
    value: z.union([scalar, z.array(scalar).min(1).max(20)]),
  })
  .openapi('AutomationCondition', {
    description: 'A comparison of a field of the event’s data; gte and lte compare numbers, in takes a list',
  });

const template = (max: number) => freeText(z.string().trim().min(1).max(max));

const actionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('notify'),
      to: z.enum(recipientKinds),
      userId: userIdSchema.nullable().default(null),
      subject: template(200),
      body: freeText(z.string().trim().min(1).max(2000), { multiline: true }),
    }),
    z.strictObject({
      type: z.literal('create_task'),
      title: template(200),
      dueInDays: z.number().int().min(0).max(365).nullable().default(null),
      assigneeId: userIdSchema.nullable().default(null),
    }),
    z.strictObject({
      type: z.literal('add_tag'),
      tag: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1-40 lowercase letters, digits, - or _'),
    }),
    z.strictObject({ type: z.literal('webhook'), url: z.string().max(2000) }),
  ])
  .refine((a) => a.type !== 'notify' || a.to !== 'member' || a.userId !== null, {
    message: 'a notification to a member names its userId',
    path: ['userId'],
  })
  .openapi('AutomationAction');

const conditions = z.array(conditionSchema).max(automationLimits.maxConditions);
const actions = z.array(actionSchema).min(1).max(automationLimits.maxActions);
const name = freeText(z.string().trim().min(1).max(200));

export const createWorkflowBody = z
  .strictObject({
    name: name.openapi({ example: 'Follow up big bookings' }),
    trigger: triggerSchema,
    conditions: conditions.default([]),
    actions,
  })
  .openapi('CreateAutomationWorkflow');

export const updateWorkflowBody = z
  .strictObject({
    version: z.number().int().min(1).optional().openapi({
      description: 'The version read: a workflow changed since answers 409 (absent: the latest)',
    }),
    name: name.optional(),
    trigger: triggerSchema.optional(),
    conditions: conditions.optional(),
    actions: actions.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), 'give at least one field to change')
  .openapi('UpdateAutomationWorkflow');

export const workflowListQuery = pageQuerySchema;
export const runListQuery = pageQuerySchema;

export const workflowSchema = z
  .object({
    workflowId: workflowIdSchema,
    name: z.string(),
    trigger: triggerSchema,
    conditions: z.array(conditionSchema),
    actions: z.array(actionSchema),
    status: z.enum(workflowStatuses),
    pausedReason: z.enum(['failures', 'staff']).nullable(),
    consecutiveFailures: z.number().int(),
    version: z.number().int(),
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('AutomationWorkflow');

export const runSchema = z
  .object({
    runId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    occurredAt: z.string(),
    status: z.enum(runStatuses),
    reason: z.string().nullable(),
    results: z.array(
      z.object({
        type: z.string(),
        status: z.enum(['pending', 'succeeded', 'failed', 'skipped']),
        detail: z.string().nullable(),
      }),
    ),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('AutomationRun');

export const signingSecretSchema = z
  .object({ secret: z.string().openapi({ example: 'whsec_...' }) })
  .openapi('AutomationSigningSecret');
