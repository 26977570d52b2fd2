import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Activation, Deal, DealStatus, OnboardingStep, SponsorshipPackage } from './model.js';

export interface DealFilter {
  status?: DealStatus | undefined;
  packageId?: string | undefined;
}

/**
 * One write of a deal: `after` replaces `before` if the stored deal is still at `before`'s version
 * and status, in one transaction with what the write carries. Every write of a deal that changes
 * the event's data checks in the same transaction that the event is not being deleted.
 */
export interface DealWrite {
  before: Deal;
  after: Deal;
  /**
   * `take`: the package's `sold` goes up by one, only while below its quantity and the package is
   * active (else PACKAGE_SOLD_OUT or PACKAGE_RETIRED); `release`: down by one.
   */
  slot?: 'take' | 'release' | undefined;
  /** Created with the signing. */
  newSteps?: readonly OnboardingStep[] | undefined;
  newActivations?: readonly Activation[] | undefined;
  /** One step or activation changed with the deal's counts. */
  step?: OnboardingStep | undefined;
  activation?: Activation | undefined;
}

/** An event's sponsorship packages and deals with their steps and activations: one partition. */
export interface SponsorshipStore {
  createPackage(p: SponsorshipPackage): Promise<void>;
  getPackage(orgId: string, eventId: string, packageId: string): Promise<SponsorshipPackage | undefined>;
  listPackages(orgId: string, eventId: string, page: PageRequest): Promise<Page<SponsorshipPackage>>;
  /**
   * Writes the package's editable fields (never `sold`) if it is still at `before.version` and
   * its `sold` is not above `after.quantity`; false when either no longer holds.
   */
  savePackage(before: SponsorshipPackage, after: SponsorshipPackage): Promise<boolean>;
  createDeal(d: Deal): Promise<void>;
  getDeal(orgId: string, eventId: string, dealId: string): Promise<Deal | undefined>;
  listDeals(orgId: string, eventId: string, filter: DealFilter, page: PageRequest): Promise<Page<Deal>>;
  /** The deal's steps and activations, in their template's order. */
  dealWork(
    orgId: string,
    eventId: string,
    dealId: string,
  ): Promise<{ steps: OnboardingStep[]; activations: Activation[] }>;
  /** Commits the write; false when the deal changed meanwhile (another write won). */
  saveDeal(write: DealWrite): Promise<boolean>;
  /** Deletes up to `limit` items of the event (packages, deals, steps, activations); fewer: none left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}
