import { routeFunction } from '../../kernel/http/route-function.js';
import { auditHandlers } from '../../modules/audit/handlers/audit-summaries.js';
import { auditRoutes } from '../../modules/audit/routes.js';
import { deviceHandlers } from '../../modules/notifications/handlers/devices.js';
import { notificationHandlers } from '../../modules/notifications/handlers/notifications.js';
import { notificationRoutes } from '../../modules/notifications/routes.js';
import { inviteHandlers } from '../../modules/organizations/handlers/invites.js';
import { memberHandlers } from '../../modules/organizations/handlers/members.js';
import { organizationHandlers } from '../../modules/organizations/handlers/organizations.js';
import { organizationRoutes } from '../../modules/organizations/routes.js';
import { profileHandlers } from '../../modules/profiles/handlers/profiles.js';
import { profileRoutes } from '../../modules/profiles/routes.js';
import { getContainer } from '../container.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = [
  ...organizationRoutes,
  ...notificationRoutes,
  ...profileRoutes,
  ...auditRoutes,
] as const;

/** Lambda for the organizations context: organizations, members, invites, memberships, notifications and push devices, profiles and account deletion, audit summaries. */
export const handler = routeFunction(
  'orgs',
  routes,
  {
    ...organizationHandlers,
    ...memberHandlers,
    ...inviteHandlers,
    ...notificationHandlers,
    ...deviceHandlers,
    ...profileHandlers,
    ...auditHandlers,
  },
  { idempotency: () => getContainer().idempotency },
);
