import { routeFunction } from '../../kernel/http/route-function.js';
import { taskHandlers } from '../../modules/tasks/handlers/tasks.js';
import { taskRoutes, taskTemplateRoutes } from '../../modules/tasks/routes.js';
import { getContainer } from '../container.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = [...taskRoutes, ...taskTemplateRoutes] as const;

/**
 * Lambda for the organizer's back office: an event's tasks and the organization's task templates
 * (docs/tasks.md); budgets, vendors, marketing, sponsorship sales, automations and agents join it.
 */
export const handler = routeFunction('operations', routes, taskHandlers, {
  idempotency: () => getContainer().idempotency,
});
