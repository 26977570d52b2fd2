import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { Vendor, VendorCategory, VendorContact, VendorStatus } from './model.js';

/**
 * An organization's vendors: organizers keep their list (contact, trade, rating, notes). An
 * archived vendor stays on its contracts and takes no new one; a deleted one leaves its contracts
 * naming it (they keep its name).
 */

export interface VendorInput {
  name: string;
  category: VendorCategory;
  contact?: Partial<VendorContact> | undefined;
  rating?: number | null | undefined;
  notes?: string | null | undefined;
}

export type VendorChange = Partial<VendorInput> & { status?: VendorStatus | undefined };

type VendorDeps = Pick<Deps, 'vendors' | 'clock'> & AccessDeps;

/** Writes that lose to a concurrent write of the same vendor read it again, a few times. */
const attempts = 5;

const contactOf = (c: Partial<VendorContact> | undefined, base?: VendorContact): VendorContact => ({
  name: c?.name !== undefined ? c.name : (base?.name ?? null),
  email: c?.email !== undefined ? c.email : (base?.email ?? null),
  phone: c?.phone !== undefined ? c.phone : (base?.phone ?? null),
});

export const createVendor = async (
  deps: VendorDeps,
  principal: Principal,
  orgId: string,
  input: VendorInput,
): Promise<Vendor> => {
  await authorize(deps, orgId, principal, 'vendor.manage');
  const now = deps.clock.now().toISOString();
  const vendor: Vendor = {
    orgId,
    vendorId: newId('vnd'),
    name: input.name,
    category: input.category,
    contact: contactOf(input.contact),
    rating: input.rating ?? null,
    notes: input.notes ?? null,
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.vendors.create(vendor);
  return vendor;
};

const existing = async (deps: Pick<Deps, 'vendors'>, orgId: string, vendorId: string): Promise<Vendor> => {
  const vendor = await deps.vendors.get(orgId, vendorId);
  if (!vendor) throw notFound('vendor');
  return vendor;
};

export const getVendor = async (
  deps: Pick<Deps, 'vendors'> & AccessDeps,
  principal: Principal,
  orgId: string,
  vendorId: string,
): Promise<Vendor> => {
  await authorize(deps, orgId, principal, 'vendor.manage');
  return existing(deps, orgId, vendorId);
};

export const listVendors = async (
  deps: Pick<Deps, 'vendors'> & AccessDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<Vendor>> => {
  await authorize(deps, orgId, principal, 'vendor.manage');
  return deps.vendors.list(orgId, page);
};

/** Changes the given fields (null clears an optional one; contact fields one by one). */
export const updateVendor = async (
  deps: VendorDeps,
  principal: Principal,
  orgId: string,
  vendorId: string,
  change: VendorChange,
): Promise<Vendor> => {
  await authorize(deps, orgId, principal, 'vendor.manage');
  const { contact, ...rest } = change;
  for (let i = 0; i < attempts; i++) {
    const before = await existing(deps, orgId, vendorId);
    const after: Vendor = {
      ...before,
      ...givenFields(rest),
      contact: contactOf(contact, before.contact),
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    if (await deps.vendors.save(before, after)) return after;
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the vendor kept changing; retry shortly');
};

/** Deletes a vendor (a retry finds nothing and answers the same). Its contracts keep its name. */
export const deleteVendor = async (
  deps: Pick<Deps, 'vendors'> & AccessDeps,
  principal: Principal,
  orgId: string,
  vendorId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'vendor.manage');
  await deps.vendors.remove(orgId, vendorId);
};
