import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import type { CheckinList } from '../domain/checkin-list-ports.js';
import {
  createCheckinList,
  deleteCheckinList,
  getCheckinList,
  listCheckinLists,
  updateCheckinList,
} from '../domain/checkin-lists.js';

const deps = () => getContainer().deps;

/** The version is the store's concurrency guard, not part of the API. */
const view = ({ version: _version, ...list }: CheckinList) => list;

export const checkinListHandlers = {
  createCheckinList: async ({ principal, params, body }) =>
    created(view(await createCheckinList(deps(), principal, params.orgId, body))),
  listCheckinLists: async ({ principal, params, query }) => {
    const page = await listCheckinLists(deps(), principal, params.orgId, query);
    return ok({ items: page.items.map(view), nextCursor: page.nextCursor });
  },
  getCheckinList: async ({ principal, params }) =>
    ok(view(await getCheckinList(deps(), principal, params.orgId, params.listId))),
  updateCheckinList: async ({ principal, params, body }) =>
    ok(view(await updateCheckinList(deps(), principal, params.orgId, params.listId, body))),
  deleteCheckinList: async ({ principal, params }) => {
    await deleteCheckinList(deps(), principal, params.orgId, params.listId);
    return noContent();
  },
} satisfies Partial<RouteHandlers<'tickets'>>;
