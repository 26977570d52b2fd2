import { getContainer } from '../../../app/container.js';
import { accepted, created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  updateOrganization,
} from '../domain/organizations.js';

const deps = () => getContainer().deps;

export const organizationHandlers = {
  createOrganization: async ({ principal, body }) =>
    created(await createOrganization(deps(), principal, body)),
  getOrganization: async ({ principal, params }) =>
    ok(await getOrganization(deps(), principal, params.orgId)),
  updateOrganization: async ({ principal, params, body }) =>
    ok(await updateOrganization(deps(), principal, params.orgId, body)),
  deleteOrganization: async ({ principal, params }) =>
    accepted(await deleteOrganization(deps(), principal, params.orgId)),
} satisfies Partial<RouteHandlers<'orgs'>>;
