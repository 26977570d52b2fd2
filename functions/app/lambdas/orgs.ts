import { routeFunction } from '../../kernel/http/route-function.js';
import { notificationHandlers } from '../../modules/notifications/handlers/notifications.js';
import { inviteHandlers } from '../../modules/organizations/handlers/invites.js';
import { memberHandlers } from '../../modules/organizations/handlers/members.js';
import { organizationHandlers } from '../../modules/organizations/handlers/organizations.js';
import { getContainer } from '../container.js';

/** Lambda for the organizations context: organizations, members, invites, memberships, notifications. */
export const handler = routeFunction(
  'orgs',
  { ...organizationHandlers, ...memberHandlers, ...inviteHandlers, ...notificationHandlers },
  { idempotency: () => getContainer().idempotency },
);
