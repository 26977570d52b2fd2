import type { EntityItem } from 'electrodb';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { Task, TaskSpec, TaskTemplate } from '../domain/model.js';
import { nextReminderAt } from '../domain/reminders.js';
import type { taskEntity } from './entities/task.js';
import type { taskTemplateEntity } from './entities/task-template.js';

/** Between tasks and templates and their items. */

type TaskItem = EntityItem<typeof taskEntity>;
type TemplateItem = EntityItem<typeof taskTemplateEntity>;
type SpecItem = TemplateItem['specs'][number];

/** The task as stored, with the key of its reminder index (none when no reminder is to come). */
export const storedTask = (t: Task) => ({ ...toStored(t), remindAt: nextReminderAt(t) ?? unlisted });

export const toTask = fromStored<Task, TaskItem>({
  nullable: { description: true, assigneeId: true, dueAt: true, templateId: true, specKey: true },
  itemOnly: { remindAt: true },
});

const storedSpec = (s: TaskSpec) => toStored(s);
const toSpec = fromStored<TaskSpec, SpecItem>({ nullable: { description: true }, itemOnly: {} });

export const storedTemplate = (t: TaskTemplate) => ({ ...toStored(t), specs: t.specs.map(storedSpec) });

export const toTemplate = (i: TemplateItem): TaskTemplate => ({
  orgId: i.orgId,
  templateId: i.templateId,
  name: i.name,
  description: i.description ?? null,
  specs: i.specs.map(toSpec),
  createdBy: i.createdBy,
  version: i.version,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});
