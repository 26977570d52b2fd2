import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { categoryCheckOver } from '../domain/promo-categories.js';
import {
  createPromoCode,
  deletePromoCode,
  getPromoCode,
  listPromoCodes,
  updatePromoCode,
} from '../domain/promo-codes.js';

const deps = () => getContainer().deps;

/** The category ids a code names must be ticket categories of its event. */
const categories = () => categoryCheckOver(deps().categories);

export const promoCodeHandlers = {
  createPromoCode: async ({ principal, params, body }) =>
    created(await createPromoCode(deps(), categories(), principal, params.orgId, params.eventId, body)),
  listPromoCodes: async ({ principal, params, query }) =>
    ok(await listPromoCodes(deps(), principal, params.orgId, params.eventId, query)),
  getPromoCode: async ({ principal, params }) =>
    ok(await getPromoCode(deps(), principal, params.orgId, params.eventId, params.code)),
  updatePromoCode: async ({ principal, params, body }) =>
    ok(
      await updatePromoCode(deps(), categories(), principal, params.orgId, params.eventId, params.code, body),
    ),
  deletePromoCode: async ({ principal, params }) => {
    await deletePromoCode(deps(), principal, params.orgId, params.eventId, params.code);
    return noContent();
  },
} satisfies Partial<RouteHandlers<'catalog'>>;
