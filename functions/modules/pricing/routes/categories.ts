import { reply, routeGroup } from '../../../kernel/http/route-group.js';
import {
  categoryEventParams,
  categoryListSchema,
  categoryParams,
  categorySchema,
  createCategoryBody,
  updateCategoryBody,
} from '../contracts/categories.js';

/** An event's ticket categories, served by the `catalog` function with the rest of the event. */
export const categoryRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Ticket categories' }, [
  {
    operationId: 'createCategory',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/categories',
    summary:
      'Add a ticket category to an event: price, quota per session, sale window, visibility, limits, price steps',
    params: categoryEventParams,
    body: createCategoryBody,
    success: reply(201, 'Created', categorySchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listCategories',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/categories',
    summary: "List an event's ticket categories (hidden ones included), in their order",
    params: categoryEventParams,
    success: reply(200, 'The categories', categoryListSchema),
    problems: [403, 404],
  },
  {
    operationId: 'getCategory',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/categories/{categoryId}',
    summary: 'Read a ticket category',
    params: categoryParams,
    success: reply(200, 'The category', categorySchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateCategory',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/events/{eventId}/categories/{categoryId}',
    summary: "Change a ticket category (not its currency); a new quota reaches each session's next booking",
    params: categoryParams,
    body: updateCategoryBody,
    success: reply(200, 'The updated category', categorySchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteCategory',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/events/{eventId}/categories/{categoryId}',
    summary: 'Remove a ticket category; bookings made in it keep what they bought',
    params: categoryParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404, 409],
  },
]);
