import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { writeGuarded } from '../../../kernel/domain/guarded.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange, eventForRead } from '../../catalog/index.js';
import type { SponsorTier } from '../../conference/index.js';
import type { ActivationTemplate, Money, PackageStatus, SponsorshipPackage } from './model.js';

/** An event's sponsorship packages: organizers (and the event's `manage_event` team) manage them. */

export interface PackageInput {
  name: string;
  tier: SponsorTier;
  price: Money;
  benefits?: string[] | undefined;
  quantity: number;
  onboardingSteps?: string[] | undefined;
  activations?: Array<{ name: string; scheduledDate?: string | null | undefined }> | undefined;
}

export type PackageChange = Partial<PackageInput> & { status?: PackageStatus | undefined };

type PackageWriteDeps = Pick<Deps, 'sponsorships' | 'events' | 'clock'> & EventAccessDeps;
type PackageReadDeps = Pick<Deps, 'sponsorships' | 'events'> & EventAccessDeps;

const templateOf = (a: NonNullable<PackageInput['activations']>): ActivationTemplate[] =>
  a.map((t) => ({ name: t.name, scheduledDate: t.scheduledDate ?? null }));

export const createPackage = async (
  deps: PackageWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: PackageInput,
): Promise<SponsorshipPackage> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'sponsorship.manage');
  await eventForChange(deps, orgId, eventId);
  const now = deps.clock.now().toISOString();
  const pkg: SponsorshipPackage = {
    orgId,
    eventId,
    packageId: newId('spp'),
    name: input.name,
    tier: input.tier,
    price: input.price,
    benefits: input.benefits ?? [],
    quantity: input.quantity,
    sold: 0,
    onboardingSteps: input.onboardingSteps ?? [],
    activations: templateOf(input.activations ?? []),
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.sponsorships.createPackage(pkg);
  return pkg;
};

export const existingPackage = async (
  deps: Pick<Deps, 'sponsorships'>,
  orgId: string,
  eventId: string,
  packageId: string,
): Promise<SponsorshipPackage> => {
  const pkg = await deps.sponsorships.getPackage(orgId, eventId, packageId);
  if (!pkg) throw notFound('sponsorship package');
  return pkg;
};

export const getPackage = async (
  deps: PackageReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  packageId: string,
): Promise<SponsorshipPackage> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'sponsorship.read');
  await eventForRead(deps, orgId, eventId);
  return existingPackage(deps, orgId, eventId, packageId);
};

export const listPackages = async (
  deps: PackageReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<Page<SponsorshipPackage>> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'sponsorship.read');
  await eventForRead(deps, orgId, eventId);
  return deps.sponsorships.listPackages(orgId, eventId, page);
};

/**
 * Edits a package (its template changes deals signed from now on). The quantity never goes below
 * the slots sold: QUANTITY_BELOW_SOLD, checked by the write's own condition, so a signing that
 * lands meanwhile is counted.
 */
export const updatePackage = async (
  deps: PackageWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  packageId: string,
  change: PackageChange,
): Promise<SponsorshipPackage> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'sponsorship.manage');
  await eventForChange(deps, orgId, eventId);
  const { activations, ...rest } = givenFields(change);
  return writeGuarded(
    () => existingPackage(deps, orgId, eventId, packageId),
    (before) => {
      const after: SponsorshipPackage = {
        ...before,
        ...rest,
        activations: activations === undefined ? before.activations : templateOf(activations),
      };
      if (after.quantity < before.sold)
        throw new DomainError(
          'QUANTITY_BELOW_SOLD',
          `${before.sold} slots are sold: the quantity cannot go below that`,
          { sold: before.sold, requestedQuantity: after.quantity },
        );
      return {
        before,
        after: { ...after, version: before.version + 1, updatedAt: deps.clock.now().toISOString() },
      };
    },
    (w) => deps.sponsorships.savePackage(w.before, w.after),
    (w) => w.after,
  );
};
