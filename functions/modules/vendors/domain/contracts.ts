import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange, eventForRead } from '../../catalog/index.js';
import type { ExpenseCategory } from '../../expenses/index.js';
import {
  budgetCategoryOfVendor,
  type ContractStatus,
  type Installment,
  type Vendor,
  type VendorContract,
} from './model.js';
import type { ContractFilter } from './ports.js';
import { byDueDate, installmentIssues, mustMove } from './rules.js';

/**
 * An event's vendor contracts: organizers (or the event's team with `manage_event`) draft them
 * with an active vendor of the organization, change their terms while drafts, and move them
 * `draft -> signed -> paid` or cancel them from draft or signed. Every write is conditional on the
 * version it read; asked to move to the status it has, a contract answers as it is.
 */

export interface ContractInput {
  vendorId: string;
  title: string;
  category?: ExpenseCategory | undefined;
  amountMinor: number;
  currency: string;
  installments?: Installment[] | undefined;
  notes?: string | null | undefined;
}

export interface ContractChange {
  vendorId?: string | undefined;
  title?: string | undefined;
  category?: ExpenseCategory | undefined;
  amountMinor?: number | undefined;
  currency?: string | undefined;
  installments?: Installment[] | undefined;
  notes?: string | null | undefined;
  status?: ContractStatus | undefined;
}

export interface ContractRef {
  orgId: string;
  eventId: string;
  contractId: string;
}

type ContractWriteDeps = Pick<Deps, 'vendorContracts' | 'vendors' | 'events' | 'clock'> & EventAccessDeps;
type ContractReadDeps = Pick<Deps, 'vendorContracts' | 'events'> & EventAccessDeps;

/** Writes that lose to a concurrent write of the same contract read it again, a few times. */
const attempts = 5;

/** The terms: what a signature fixes. */
const termFields = ['vendorId', 'title', 'category', 'amountMinor', 'currency', 'installments'] as const;

/** An active vendor of the organization, or 422 naming `vendorId` (another org's is not found either). */
const contractVendor = async (
  deps: Pick<Deps, 'vendors'>,
  orgId: string,
  vendorId: string,
): Promise<Vendor> => {
  const vendor = await deps.vendors.get(orgId, vendorId);
  if (!vendor)
    throw validationFailed([{ field: 'vendorId', message: 'is not a vendor of the organization' }]);
  if (vendor.status === 'archived')
    throw new DomainError('VENDOR_ARCHIVED', 'the vendor is archived: it takes no new contract', {
      vendorId,
    });
  return vendor;
};

const checkInstallments = (c: Pick<VendorContract, 'amountMinor' | 'installments'>) => {
  const issues = installmentIssues(c.amountMinor, c.installments);
  if (issues.length > 0) throw validationFailed(issues);
};

export const createContract = async (
  deps: ContractWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: ContractInput,
): Promise<VendorContract> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'contract.manage');
  await eventForChange(deps, orgId, eventId);
  const vendor = await contractVendor(deps, orgId, input.vendorId);
  const now = deps.clock.now().toISOString();
  const contract: VendorContract = {
    orgId,
    eventId,
    contractId: newId('vct'),
    vendorId: vendor.vendorId,
    vendorName: vendor.name,
    title: input.title,
    category: input.category ?? budgetCategoryOfVendor[vendor.category],
    amountMinor: input.amountMinor,
    currency: input.currency,
    installments: byDueDate(input.installments ?? []),
    notes: input.notes ?? null,
    status: 'draft',
    signedAt: null,
    paidAt: null,
    cancelledAt: null,
    documents: [],
    createdBy: principal.sub,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  checkInstallments(contract);
  await deps.vendorContracts.create(contract);
  return contract;
};

export const existingContract = async (
  deps: Pick<Deps, 'vendorContracts'>,
  at: ContractRef,
): Promise<VendorContract> => {
  const contract = await deps.vendorContracts.get(at.orgId, at.eventId, at.contractId);
  if (!contract) throw notFound('contract');
  return contract;
};

export const getContract = async (
  deps: ContractReadDeps,
  principal: Principal,
  at: ContractRef,
): Promise<VendorContract> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'contract.read');
  return existingContract(deps, at);
};

export const listContracts = async (
  deps: ContractReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  filter: ContractFilter,
  page: PageRequest,
): Promise<Page<VendorContract>> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'contract.read');
  await eventForRead(deps, orgId, eventId);
  return deps.vendorContracts.list(orgId, eventId, filter, page);
};

/**
 * Reads the contract, asks `next` for its new form (undefined: nothing to change) and writes it
 * conditionally on the version read; a write that lost reads again.
 */
export const writeContract = async (
  deps: Pick<Deps, 'vendorContracts'>,
  at: ContractRef,
  next: (before: VendorContract) => Promise<VendorContract | undefined> | VendorContract | undefined,
): Promise<VendorContract> => {
  for (let i = 0; i < attempts; i++) {
    const before = await existingContract(deps, at);
    const after = await next(before);
    if (!after) return before;
    if (await deps.vendorContracts.save(before, { ...after, version: before.version + 1 }))
      return { ...after, version: before.version + 1 };
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the contract kept changing; retry shortly');
};

/** The status facts of a move to `to` at `now`. */
const moveFacts = (to: ContractStatus, now: string): Partial<VendorContract> =>
  to === 'signed'
    ? { signedAt: now }
    : to === 'paid'
      ? { paidAt: now }
      : to === 'cancelled'
        ? { cancelledAt: now }
        : {};

/**
 * Changes the given fields and moves the status. Terms change only while a draft (409
 * CONTRACT_NOT_DRAFT), before a move in the same request (a draft may be completed and signed at
 * once); notes change in any status. Nothing different from what is stored: no write.
 */
export const updateContract = async (
  deps: ContractWriteDeps,
  principal: Principal,
  at: ContractRef,
  change: ContractChange,
): Promise<VendorContract> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'contract.manage');
  await eventForChange(deps, at.orgId, at.eventId);
  const { status, ...fields } = givenFields(change);
  return writeContract(deps, at, async (before) => {
    const changed = Object.entries(fields).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof VendorContract]),
    );
    const changesTerms = changed.some(([k]) => (termFields as readonly string[]).includes(k));
    if (changesTerms && before.status !== 'draft')
      throw new DomainError(
        'CONTRACT_NOT_DRAFT',
        `the contract is ${before.status}: its terms change only while it is a draft`,
        { currentStatus: before.status },
      );
    const moves = status !== undefined && mustMove(before.status, status);
    if (changed.length === 0 && !moves) return undefined;
    const now = deps.clock.now().toISOString();
    let after: VendorContract = { ...before, ...fields, updatedAt: now };
    if (fields.installments) after.installments = byDueDate(fields.installments);
    if (fields.vendorId && fields.vendorId !== before.vendorId) {
      const vendor = await contractVendor(deps, at.orgId, fields.vendorId);
      after = { ...after, vendorName: vendor.name };
    }
    if (changesTerms) checkInstallments(after);
    if (moves) after = { ...after, ...moveFacts(status, now), status };
    return after;
  });
};
