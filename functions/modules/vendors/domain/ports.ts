import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { ContractStatus, Vendor, VendorContract } from './model.js';

/** An organization's vendors (one partition per organization: a few writes a day). */
export interface VendorStore {
  /** Puts a new vendor while the organization is active (its cascade would miss a later one). */
  create(vendor: Vendor): Promise<void>;
  get(orgId: string, vendorId: string): Promise<Vendor | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Vendor>>;
  /** Writes `after` if the stored vendor is still at `before.version`; false when it changed. */
  save(before: Vendor, after: Vendor): Promise<boolean>;
  remove(orgId: string, vendorId: string): Promise<void>;
  /** Deletes up to `limit` vendors of the organization; fewer means none is left. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

export interface ContractFilter {
  status?: ContractStatus | undefined;
  vendorId?: string | undefined;
}

/** An event's vendor contracts (one partition per event). */
export interface VendorContractStore {
  /** Puts a new contract while its event is not being deleted (EVENT_DELETING otherwise). */
  create(contract: VendorContract): Promise<void>;
  get(orgId: string, eventId: string, contractId: string): Promise<VendorContract | undefined>;
  list(
    orgId: string,
    eventId: string,
    filter: ContractFilter,
    page: PageRequest,
  ): Promise<Page<VendorContract>>;
  /** Every contract of the event in one of `statuses` (an event has tens, not thousands). */
  listByStatus(
    orgId: string,
    eventId: string,
    statuses: readonly ContractStatus[],
  ): Promise<VendorContract[]>;
  /** Writes `after` if the stored contract is still at `before.version`; false when it changed. */
  save(before: VendorContract, after: VendorContract): Promise<boolean>;
  /** Deletes up to `limit` contracts of the event; fewer means none is left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}
