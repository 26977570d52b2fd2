import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import type { Party } from '../domain/model.js';
import {
  addPartyMember,
  createParty,
  deleteParty,
  getParty,
  listParties,
  listPartyMembers,
  removePartyMember,
  updateParty,
} from '../domain/parties.js';

const deps = () => getContainer().deps;

/** The version is the store's concurrency guard, not part of the API. */
const view = ({ version: _version, ...party }: Party) => party;

export const partyHandlers = {
  createParty: async ({ principal, params, body }) =>
    created(view(await createParty(deps(), principal, params.orgId, body))),
  listParties: async ({ principal, params, query }) => {
    const page = await listParties(deps(), principal, params.orgId, query);
    return ok({ items: page.items.map(view), nextCursor: page.nextCursor });
  },
  getParty: async ({ principal, params }) =>
    ok(view(await getParty(deps(), principal, params.orgId, params.partyId))),
  updateParty: async ({ principal, params, body }) =>
    ok(view(await updateParty(deps(), principal, params.orgId, params.partyId, body))),
  deleteParty: async ({ principal, params }) => {
    await deleteParty(deps(), principal, params.orgId, params.partyId);
    return noContent();
  },
  listPartyMembers: async ({ principal, params }) =>
    ok({ items: await listPartyMembers(deps(), principal, params.orgId, params.partyId) }),
  addPartyMember: async ({ principal, params, body }) =>
    ok(view(await addPartyMember(deps(), principal, params.orgId, params.partyId, body))),
  removePartyMember: async ({ principal, params, query }) =>
    ok(
      view(
        await removePartyMember(
          deps(),
          principal,
          params.orgId,
          params.partyId,
          params.attendeeId,
          query.newLeaderId,
        ),
      ),
    ),
} satisfies Partial<RouteHandlers<'catalog'>>;
