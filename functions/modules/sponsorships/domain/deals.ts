import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { writeGuarded } from '../../../kernel/domain/guarded.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange, eventForRead } from '../../catalog/index.js';
import {
  type Activation,
  type Deal,
  type DealContact,
  type OnboardingStep,
  signedStatuses,
} from './model.js';
import { existingPackage } from './packages.js';
import type { DealFilter } from './ports.js';

/** Deals of an event's packages: who they are with, who runs them, what they are worth. */

export interface DealInput {
  packageId: string;
  companyName: string;
  contact?: Partial<DealContact> | undefined;
  ownerId?: string | undefined;
  notes?: string | null | undefined;
  /** Defaults to the package's price (its currency always). */
  amountMinor?: number | undefined;
}

export type DealChange = Partial<Omit<DealInput, 'packageId'>>;

export type DealWriteDeps = Pick<Deps, 'sponsorships' | 'events' | 'clock'> & EventAccessDeps;
type DealReadDeps = Pick<Deps, 'sponsorships' | 'events'> & EventAccessDeps;

export interface DealRef {
  orgId: string;
  eventId: string;
  dealId: string;
}

/** A deal with its onboarding steps and activations (empty before signing). */
export interface DealDetail {
  deal: Deal;
  steps: OnboardingStep[];
  activations: Activation[];
}

const contactOf = (c: Partial<DealContact> | undefined): DealContact => ({
  name: c?.name ?? null,
  email: c?.email ?? null,
  phone: c?.phone ?? null,
});

/** The deal's owner must be an active member of the organization (a 422 naming the field). */
const checkOwner = async (deps: Pick<Deps, 'members'>, orgId: string, ownerId: string) => {
  const member = await deps.members.get(orgId, ownerId);
  if (member?.status !== 'active')
    throw validationFailed([{ field: 'ownerId', message: 'must be an active member of the organization' }]);
};

export const createDeal = async (
  deps: DealWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: DealInput,
): Promise<Deal> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'sponsorship.manage');
  await eventForChange(deps, orgId, eventId);
  const pkg = await existingPackage(deps, orgId, eventId, input.packageId);
  if (pkg.status !== 'active')
    throw new DomainError('PACKAGE_RETIRED', 'the package is retired: it takes no new deals', {
      packageId: pkg.packageId,
    });
  const ownerId = input.ownerId ?? principal.sub;
  if (input.ownerId !== undefined) await checkOwner(deps, orgId, ownerId);
  const now = deps.clock.now().toISOString();
  const deal: Deal = {
    orgId,
    eventId,
    dealId: newId('spd'),
    packageId: pkg.packageId,
    companyName: input.companyName,
    contact: contactOf(input.contact),
    ownerId,
    notes: input.notes ?? null,
    amount: { amountMinor: input.amountMinor ?? pkg.price.amountMinor, currency: pkg.price.currency },
    status: 'prospect',
    proposalSentAt: null,
    signedAt: null,
    closedAt: null,
    sponsorId: null,
    stepsTotal: 0,
    stepsCompleted: 0,
    activationsTotal: 0,
    activationsDelivered: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.sponsorships.createDeal(deal);
  return deal;
};

export const existingDeal = async (deps: Pick<Deps, 'sponsorships'>, at: DealRef): Promise<Deal> => {
  const deal = await deps.sponsorships.getDeal(at.orgId, at.eventId, at.dealId);
  if (!deal) throw notFound('sponsorship deal');
  return deal;
};

export const getDeal = async (deps: DealReadDeps, principal: Principal, at: DealRef): Promise<DealDetail> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'sponsorship.read');
  await eventForRead(deps, at.orgId, at.eventId);
  const deal = await existingDeal(deps, at);
  return { deal, ...(await deps.sponsorships.dealWork(at.orgId, at.eventId, at.dealId)) };
};

export const listDeals = async (
  deps: DealReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  filter: DealFilter,
  page: PageRequest,
): Promise<Page<Deal>> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'sponsorship.read');
  await eventForRead(deps, orgId, eventId);
  return deps.sponsorships.listDeals(orgId, eventId, filter, page);
};

/**
 * Edits a deal's company, contact, owner and notes; the amount only before signing (DEAL_SIGNED).
 * A lost or cancelled deal is closed: DEAL_NOT_OPEN.
 */
export const updateDeal = async (
  deps: DealWriteDeps,
  principal: Principal,
  at: DealRef,
  change: DealChange,
): Promise<Deal> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'sponsorship.manage');
  await eventForChange(deps, at.orgId, at.eventId);
  if (change.ownerId !== undefined) await checkOwner(deps, at.orgId, change.ownerId);
  const { contact, amountMinor, ...rest } = givenFields(change);
  return writeGuarded(
    () => existingDeal(deps, at),
    (before) => {
      if (before.status === 'lost' || before.status === 'cancelled')
        throw new DomainError('DEAL_NOT_OPEN', `the deal is ${before.status}: it takes no more changes`, {
          currentStatus: before.status,
        });
      if (amountMinor !== undefined && signedStatuses.includes(before.status))
        throw new DomainError('DEAL_SIGNED', 'the amount is fixed once the deal is signed', {
          currentStatus: before.status,
        });
      const after: Deal = {
        ...before,
        ...rest,
        contact: contact === undefined ? before.contact : { ...before.contact, ...givenFields(contact) },
        amount: amountMinor === undefined ? before.amount : { ...before.amount, amountMinor },
        version: before.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      return { before, after };
    },
    (w) => deps.sponsorships.saveDeal(w),
    (w) => w.after,
  );
};
