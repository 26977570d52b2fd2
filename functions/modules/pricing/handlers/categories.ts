import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  updateCategory,
} from '../domain/categories.js';

const deps = () => getContainer().deps;

export const categoryHandlers = {
  createCategory: async ({ principal, params, body }) =>
    created(await createCategory(deps(), principal, params.orgId, params.eventId, body)),
  listCategories: async ({ principal, params }) =>
    ok({ items: await listCategories(deps(), principal, params.orgId, params.eventId) }),
  getCategory: async ({ principal, params }) =>
    ok(await getCategory(deps(), principal, params.orgId, params.eventId, params.categoryId)),
  updateCategory: async ({ principal, params, body }) =>
    ok(await updateCategory(deps(), principal, params.orgId, params.eventId, params.categoryId, body)),
  deleteCategory: async ({ principal, params }) => {
    await deleteCategory(deps(), principal, params.orgId, params.eventId, params.categoryId);
    return noContent();
  },
} satisfies Partial<RouteHandlers<'catalog'>>;
