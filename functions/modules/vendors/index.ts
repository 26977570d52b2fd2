/** The vendors module's entry: an organization's vendors and its events' contracts (docs/vendors.md). */
export type { ContractStatus, Vendor, VendorContract } from './domain/model.js';
export { committedContractStatuses } from './domain/model.js';
