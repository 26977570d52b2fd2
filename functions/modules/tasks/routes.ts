import { eventParams, orgParams } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  createTaskBody,
  generateTasksBody,
  generationSchema,
  moveTaskBody,
  taskListQuery,
  taskParams,
  taskSchema,
  taskTemplateBody,
  taskTemplateParams,
  taskTemplateSchema,
  templateListQuery,
  updateTaskBody,
} from './contracts/tasks.js';

const base = '/v1/orgs/{orgId}/events/{eventId}/tasks';
const templates = '/v1/orgs/{orgId}/task-templates';

/**
 * An event's tasks and the organization's task templates (docs/tasks.md), served by `operations`,
 * the organizer's back office.
 */
export const taskRoutes = routeGroup({ function: 'operations', auth: 'jwt', tag: 'Tasks' }, [
  {
    operationId: 'createTask',
    method: 'POST',
    path: base,
    summary:
      'Create a task of the event (due at an instant, or relative to the event start in the venue zone)',
    params: eventParams,
    body: createTaskBody,
    success: reply(201, 'Created', taskSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'generateTasks',
    method: 'POST',
    path: `${base}/generate`,
    summary: "Generate the event's tasks from a task template; creates only those it lacks (safe to repeat)",
    params: eventParams,
    body: generateTasksBody,
    success: reply(200, 'What was created', generationSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'moveTask',
    method: 'POST',
    path: `${base}/{taskId}/status`,
    summary:
      'Move a task to another status (its assignee or a task manager); done only once its dependencies are (409 TASK_BLOCKED)',
    params: taskParams,
    body: moveTaskBody,
    success: reply(200, 'The task', taskSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listTasks',
    method: 'GET',
    path: base,
    summary: "The event's tasks, optionally of one status or assignee",
    params: eventParams,
    query: taskListQuery,
    success: replyPage('A page of tasks', taskSchema, 'TaskPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getTask',
    method: 'GET',
    path: `${base}/{taskId}`,
    summary: 'Read a task',
    params: taskParams,
    success: reply(200, 'The task', taskSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateTask',
    method: 'PATCH',
    path: `${base}/{taskId}`,
    summary: 'Edit an open task; a dependency that would close a cycle is 409 DEPENDENCY_CYCLE',
    params: taskParams,
    body: updateTaskBody,
    success: reply(200, 'The task', taskSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteTask',
    method: 'DELETE',
    path: `${base}/{taskId}`,
    summary: 'Delete a task no other task depends on (409 TASK_HAS_DEPENDENTS)',
    params: taskParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404, 409],
  },
]);

export const taskTemplateRoutes = routeGroup({ function: 'operations', auth: 'jwt', tag: 'Task templates' }, [
  {
    operationId: 'createTaskTemplate',
    method: 'POST',
    path: templates,
    summary:
      'Create a task template: task specs due relative to an event start, depending on each other by key',
    params: orgParams,
    body: taskTemplateBody,
    success: reply(201, 'Created', taskTemplateSchema),
    problems: [403, 404],
  },
  {
    operationId: 'listTaskTemplates',
    method: 'GET',
    path: templates,
    summary: "The organization's task templates",
    params: orgParams,
    query: templateListQuery,
    success: replyPage('A page of task templates', taskTemplateSchema, 'TaskTemplatePage'),
    problems: [403, 404],
  },
  {
    operationId: 'getTaskTemplate',
    method: 'GET',
    path: `${templates}/{templateId}`,
    summary: 'Read a task template',
    params: taskTemplateParams,
    success: reply(200, 'The task template', taskTemplateSchema),
    problems: [403, 404],
  },
  {
    operationId: 'replaceTaskTemplate',
    method: 'PUT',
    path: `${templates}/{templateId}`,
    summary: 'Replace a task template (tasks generated from it before keep what they were given)',
    params: taskTemplateParams,
    body: taskTemplateBody,
    success: reply(200, 'The task template', taskTemplateSchema),
    problems: [403, 404],
  },
  {
    operationId: 'deleteTaskTemplate',
    method: 'DELETE',
    path: `${templates}/{templateId}`,
    summary: 'Delete a task template (tasks generated from it stay)',
    params: taskTemplateParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404],
  },
]);
