import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  createPromoCodeBody,
  promoCodeListQuery,
  promoCodeParams,
  promoCodeSchema,
  promoEventParams,
  updatePromoCodeBody,
} from '../contracts/promo-codes.js';

/** An event's promo codes, for its organizers; served by the `catalog` function with the rest of the event. */
export const promoCodeRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Promo codes' }, [
  {
    operationId: 'createPromoCode',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/promo-codes',
    summary:
      'Add a promo code to an event: a percent or fixed discount, limits in total and per person, a window, the categories it applies to',
    params: promoEventParams,
    body: createPromoCodeBody,
    success: reply(201, 'Created', promoCodeSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listPromoCodes',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/promo-codes',
    summary: "List an event's promo codes in code order, with their live uses",
    params: promoEventParams,
    query: promoCodeListQuery,
    success: replyPage('A page of promo codes', promoCodeSchema, 'PromoCodePage'),
    problems: [403, 404],
  },
  {
    operationId: 'getPromoCode',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/promo-codes/{code}',
    summary: 'Read a promo code (the code in any case)',
    params: promoCodeParams,
    success: reply(200, 'The promo code', promoCodeSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updatePromoCode',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/events/{eventId}/promo-codes/{code}',
    summary: "Change a promo code's status, limits, window or categories (maxUses not below its live uses)",
    params: promoCodeParams,
    body: updatePromoCodeBody,
    success: reply(200, 'The changed promo code', promoCodeSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deletePromoCode',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/events/{eventId}/promo-codes/{code}',
    summary: 'Delete a promo code no live booking holds (one that is held: disable it instead)',
    params: promoCodeParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404, 409],
  },
]);
