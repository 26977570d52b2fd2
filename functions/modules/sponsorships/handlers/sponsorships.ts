import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { moveDeal } from '../domain/deal-status.js';
import { setStepCompleted, updateActivation } from '../domain/deal-work.js';
import { createDeal, getDeal, listDeals, updateDeal } from '../domain/deals.js';
import { createPackage, getPackage, listPackages, updatePackage } from '../domain/packages.js';
import { dealDetailView, dealView, packageView } from './views.js';

const deps = () => getContainer().deps;

export const sponsorshipHandlers = {
  createSponsorshipPackage: async ({ principal, params, body }) =>
    created(packageView(await createPackage(deps(), principal, params.orgId, params.eventId, body))),
  listSponsorshipPackages: async ({ principal, params, query }) => {
    const page = await listPackages(deps(), principal, params.orgId, params.eventId, query);
    return ok({ items: page.items.map(packageView), nextCursor: page.nextCursor });
  },
  getSponsorshipPackage: async ({ principal, params }) =>
    ok(packageView(await getPackage(deps(), principal, params.orgId, params.eventId, params.packageId))),
  updateSponsorshipPackage: async ({ principal, params, body }) =>
    ok(
      packageView(
        await updatePackage(deps(), principal, params.orgId, params.eventId, params.packageId, body),
      ),
    ),
  createSponsorshipDeal: async ({ principal, params, body }) =>
    created(dealView(await createDeal(deps(), principal, params.orgId, params.eventId, body))),
  listSponsorshipDeals: async ({ principal, params, query }) => {
    const { status, packageId, ...page } = query;
    const result = await listDeals(
      deps(),
      principal,
      params.orgId,
      params.eventId,
      { status, packageId },
      page,
    );
    return ok({ items: result.items.map(dealView), nextCursor: result.nextCursor });
  },
  getSponsorshipDeal: async ({ principal, params }) =>
    ok(dealDetailView(await getDeal(deps(), principal, params))),
  updateSponsorshipDeal: async ({ principal, params, body }) =>
    ok(dealView(await updateDeal(deps(), principal, params, body))),
  moveSponsorshipDeal: async ({ principal, params, body }) =>
    ok(dealView(await moveDeal(deps(), principal, params, body.status))),
  completeSponsorOnboardingStep: async ({ principal, params, body }) =>
    ok(dealDetailView(await setStepCompleted(deps(), principal, params, body.completed))),
  updateSponsorActivation: async ({ principal, params, body }) =>
    ok(dealDetailView(await updateActivation(deps(), principal, params, body))),
} satisfies Partial<RouteHandlers<'operations'>>;
