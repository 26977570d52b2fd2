import { routeFunction } from '../../kernel/http/route-function.js';
import { agentHandlers } from '../../modules/agents/handlers/agents.js';
import { agentRoutes } from '../../modules/agents/routes.js';
import { automationHandlers } from '../../modules/automations/handlers/automations.js';
import { automationRoutes } from '../../modules/automations/routes.js';
import { budgetHandlers } from '../../modules/budgets/handlers/budgets.js';
import { budgetRoutes } from '../../modules/budgets/routes.js';
import { marketingHandlers } from '../../modules/marketing/handlers/marketing.js';
import { marketingRoutes } from '../../modules/marketing/routes.js';
import { sponsorshipHandlers } from '../../modules/sponsorships/handlers/sponsorships.js';
import { sponsorshipRoutes } from '../../modules/sponsorships/routes.js';
import { taskHandlers } from '../../modules/tasks/handlers/tasks.js';
import { taskRoutes, taskTemplateRoutes } from '../../modules/tasks/routes.js';
import { vendorHandlers } from '../../modules/vendors/handlers/vendors.js';
import { vendorRoutes } from '../../modules/vendors/routes.js';
import { getContainer } from '../container.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = [
  ...taskRoutes,
  ...taskTemplateRoutes,
  ...vendorRoutes,
  ...budgetRoutes,
  ...automationRoutes,
  ...sponsorshipRoutes,
  ...agentRoutes,
  ...marketingRoutes,
] as const;

/**
 * Lambda for the organizer's back office: an event's tasks and the organization's task templates
 * (docs/tasks.md), vendors and their contracts (docs/vendors.md), budgets (docs/budgets.md) and
 * sponsorship sales (docs/sponsorships.md), agents (docs/agents.md), marketing (docs/marketing.md)
 * and automation workflows (docs/automations.md).
 */
export const handler = routeFunction(
  'operations',
  routes,
  {
    ...taskHandlers,
    ...vendorHandlers,
    ...budgetHandlers,
    ...sponsorshipHandlers,
    ...agentHandlers,
    ...marketingHandlers,
    ...automationHandlers,
  },
  { idempotency: () => getContainer().idempotency },
);
