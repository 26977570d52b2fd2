import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { generateEventTasks } from '../domain/generation.js';
import type { TaskSpec } from '../domain/model.js';
import {
  createTask,
  type DueInput,
  deleteTask,
  getTask,
  listTasks,
  moveTask,
  updateTask,
} from '../domain/tasks.js';
import {
  createTaskTemplate,
  deleteTaskTemplate,
  getTaskTemplate,
  listTaskTemplates,
  replaceTaskTemplate,
  type TemplateInput,
} from '../domain/templates.js';
import { taskTemplateView, taskView } from './views.js';

const deps = () => getContainer().deps;

/** The body's due date as the domain takes it: relative, an instant (null clears it), or not given. */
const dueOf = (b: {
  dueAt?: string | null | undefined;
  due?: { offsetDays: number; timeOfDay: string } | undefined;
}): DueInput | undefined => (b.due ? b.due : b.dueAt !== undefined ? { at: b.dueAt } : undefined);

export const taskHandlers = {
  createTask: async ({ principal, params, body }) => {
    const { dueAt: _a, due: _d, ...fields } = body;
    return created(
      taskView(
        await createTask(deps(), principal, params.orgId, params.eventId, { ...fields, due: dueOf(body) }),
      ),
    );
  },
  generateTasks: async ({ principal, params, body }) =>
    ok(await generateEventTasks(deps(), principal, params.orgId, params.eventId, body.templateId)),
  moveTask: async ({ principal, params, body }) =>
    ok(taskView(await moveTask(deps(), principal, params, body.status))),
  listTasks: async ({ principal, params, query }) => {
    const { status, assigneeId, ...page } = query;
    const result = await listTasks(
      deps(),
      principal,
      params.orgId,
      params.eventId,
      { status, assigneeId },
      page,
    );
    return ok({ items: result.items.map(taskView), nextCursor: result.nextCursor });
  },
  getTask: async ({ principal, params }) => ok(taskView(await getTask(deps(), principal, params))),
  updateTask: async ({ principal, params, body }) => {
    const { dueAt: _a, due: _d, ...fields } = body;
    return ok(taskView(await updateTask(deps(), principal, params, { ...fields, due: dueOf(body) })));
  },
  deleteTask: async ({ principal, params }) => {
    await deleteTask(deps(), principal, params);
    return noContent();
  },
  createTaskTemplate: async ({ principal, params, body }) =>
    created(taskTemplateView(await createTaskTemplate(deps(), principal, params.orgId, specsOf(body)))),
  listTaskTemplates: async ({ principal, params, query }) => {
    const result = await listTaskTemplates(deps(), principal, params.orgId, query);
    return ok({ items: result.items.map(taskTemplateView), nextCursor: result.nextCursor });
  },
  getTaskTemplate: async ({ principal, params }) =>
    ok(taskTemplateView(await getTaskTemplate(deps(), principal, params.orgId, params.templateId))),
  replaceTaskTemplate: async ({ principal, params, body }) =>
    ok(
      taskTemplateView(
        await replaceTaskTemplate(deps(), principal, params.orgId, params.templateId, specsOf(body)),
      ),
    ),
  deleteTaskTemplate: async ({ principal, params }) => {
    await deleteTaskTemplate(deps(), principal, params.orgId, params.templateId);
    return noContent();
  },
} satisfies Partial<RouteHandlers<'operations'>>;

/** A spec's missing description is null in the domain. */
const specsOf = (body: {
  name: string;
  description?: string | null | undefined;
  specs: (Omit<TaskSpec, 'description'> & { description?: string | null | undefined })[];
}): TemplateInput => ({
  ...body,
  specs: body.specs.map((s) => ({ ...s, description: s.description ?? null })),
});
