import {
  eventParams,
  freeText,
  isoDateTime,
  orgParams,
  pageQuerySchema,
  stampFields,
  taskTemplateIdSchema,
  userIdSchema,
  utcInstant,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { timeOfDayPattern } from '../domain/due-dates.js';
import { reminderKinds, taskPriorities, taskStatuses } from '../domain/model.js';

/** An event's tasks and the organization's task templates (docs/tasks.md). */

export const taskIdSchema = z
  .string()
  .regex(/^tsk_[0-9a-z]{20}$/, 'must be a task id (tsk_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'tsk_3c4d5e6f7g8h9j0k1a2b' });

export const taskParams = eventParams.extend({ taskId: taskIdSchema });
export const taskTemplateParams = orgParams.extend({ templateId: taskTemplateIdSchema });

const statusSchema = z.enum(taskStatuses).openapi('TaskStatus', {
  description:
    'todo -> in_progress | blocked | cancelled, in_progress -> todo | blocked | done | cancelled, blocked -> todo | in_progress | cancelled; done and cancelled are final',
});
const prioritySchema = z.enum(taskPriorities).openapi('TaskPriority');

const title = freeText(z.string().trim().min(1).max(200)).openapi({ example: 'Book the caterer' });
const description = freeText(z.string().trim().max(4000), { multiline: true });
const offsetDays = z.number().int().min(-730).max(730).openapi({
  description: "Days from the event's start date in the venue's zone; negative: before",
  example: -7,
});
const timeOfDay = z
  .string()
  .regex(timeOfDayPattern, 'must be a time of day HH:MM')
  .openapi({ description: 'Venue-local time of day', example: '09:00' });

const relativeDue = z
  .strictObject({ offsetDays, timeOfDay })
  .openapi('RelativeDue', { description: "Computed in the venue's time zone from the event's start" });

const dependsOn = z
  .array(taskIdSchema)
  .max(50)
  .openapi({ description: 'Tasks of the same event this one waits for' });

const oneDue = (b: { dueAt?: unknown; due?: unknown }) => b.dueAt === undefined || b.due === undefined;
const oneDueIssue = { message: 'give dueAt or due, not both', path: ['due'] };

export const createTaskBody = z
  .strictObject({
    title,
    description: description.nullable().optional(),
    assigneeId: userIdSchema.nullable().optional(),
    dueAt: utcInstant.nullable().optional(),
    due: relativeDue.optional(),
    priority: prioritySchema.default('medium'),
    dependsOn: dependsOn.default([]),
  })
  .refine(oneDue, oneDueIssue)
  .openapi('CreateTask');

export const updateTaskBody = z
  .strictObject({
    title: title.optional(),
    description: description.nullable().optional(),
    assigneeId: userIdSchema.nullable().optional(),
    dueAt: utcInstant.nullable().optional(),
    due: relativeDue.optional(),
    priority: prioritySchema.optional(),
    dependsOn: dependsOn.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .refine(oneDue, oneDueIssue)
  .openapi('UpdateTask');

export const moveTaskBody = z.strictObject({ status: statusSchema }).openapi('MoveTask');

export const generateTasksBody = z
  .strictObject({ templateId: taskTemplateIdSchema })
  .openapi('GenerateTasks');

export const taskListQuery = pageQuerySchema.extend({
  status: statusSchema.optional(),
  assigneeId: userIdSchema.optional(),
});

export const taskSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    taskId: taskIdSchema,
    title: z.string(),
    description: z.string().nullable(),
    assigneeId: z.string().nullable(),
    dueAt: isoDateTime.nullable(),
    status: statusSchema,
    priority: prioritySchema,
    dependsOn: z.array(z.string()),
    templateId: z.string().nullable(),
    specKey: z.string().nullable(),
    remindersSent: z.array(z.enum(reminderKinds)),
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('Task');

export const generationSchema = z
  .object({
    templateId: z.string(),
    created: z.number().int(),
    existing: z.number().int().openapi({ description: 'Tasks of the template the event had already' }),
  })
  .openapi('TaskGeneration');

const specKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a key of lowercase letters, digits, - and _ (at most 40)')
  .openapi({ example: 'book-caterer' });

const specSchema = z
  .strictObject({
    key: specKey,
    title,
    description: description.nullable().optional(),
    priority: prioritySchema.default('medium'),
    offsetDays,
    timeOfDay,
    dependsOn: z.array(specKey).max(50).default([]),
  })
  .openapi('TaskSpec');

export const taskTemplateBody = z
  .strictObject({
    name: freeText(z.string().trim().min(1).max(200)).openapi({ example: 'Conference checklist' }),
    description: description.nullable().optional(),
    specs: z.array(specSchema).min(1).max(100),
  })
  .openapi('TaskTemplateInput');

export const taskTemplateSchema = z
  .object({
    orgId: z.string(),
    templateId: taskTemplateIdSchema,
    name: z.string(),
    description: z.string().nullable(),
    specs: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        description: z.string().nullable(),
        priority: prioritySchema,
        offsetDays: z.number().int(),
        timeOfDay: z.string(),
        dependsOn: z.array(z.string()),
      }),
    ),
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('TaskTemplate');

export const templateListQuery = pageQuerySchema;
