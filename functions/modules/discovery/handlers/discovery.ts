import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { eventsForYou } from '../domain/for-you.js';
import { hostAsMe } from '../domain/hosting.js';
import { getMyInterests, listInterests, setMyInterests } from '../domain/interests.js';
import { discoverEvents } from '../domain/search.js';

const deps = () => getContainer().deps;

export const discoveryHandlers = {
  listInterests: async () => ok({ items: [...listInterests(deps())] }),
  getMyInterests: async ({ principal }) => ok(await getMyInterests(deps(), principal)),
  setMyInterests: async ({ principal, body }) =>
    ok(await setMyInterests(deps(), principal, body.interestIds)),
  discoverEvents: async ({ principal, query }) => ok(await discoverEvents(deps(), principal, query)),
  eventsForYou: async ({ principal, query }) =>
    ok({ items: await eventsForYou(deps(), principal, query, query.limit) }),
  hostAsMe: async ({ principal }) => {
    const { org, created: isNew } = await hostAsMe(deps(), principal);
    const view = {
      orgId: org.orgId,
      name: org.name,
      kind: org.kind,
      status: org.status,
      createdAt: org.createdAt,
      updatedAt: org.updatedAt,
    };
    return isNew ? created(view) : ok(view);
  },
} satisfies Partial<RouteHandlers<'catalog'>>;
