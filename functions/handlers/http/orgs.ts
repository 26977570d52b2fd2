import { getContainer } from '../../shared/container.js';
import { routeFunction } from '../../shared/http/route-function.js';
import { inviteHandlers } from './orgs/invites.js';
import { memberHandlers } from './orgs/members.js';
import { notificationHandlers } from './orgs/notifications.js';
import { organizationHandlers } from './orgs/organizations.js';

/** Lambda for the organizations context: organizations, members, invites, memberships, notifications. */
export const handler = routeFunction(
  'orgs',
  { ...organizationHandlers, ...memberHandlers, ...inviteHandlers, ...notificationHandlers },
  { idempotency: () => getContainer().idempotency },
);
