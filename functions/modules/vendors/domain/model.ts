import type { ExpenseCategory } from '../../expenses/index.js';

/**
 * An organization's vendors and the contracts its events make with them (docs/vendors.md).
 * A vendor is who supplies (its trade is its category); a contract is what one event owes one
 * vendor: an amount in minor units of a currency, paid in installments, charged to a budget
 * category (the categories expenses use), `draft -> signed -> paid`, `cancelled` from draft or
 * signed. Its documents are files in the tenant's bucket, reached through presigned URLs only.
 */

export const vendorCategories = [
  'catering',
  'av',
  'venue',
  'security',
  'decor',
  'transport',
  'printing',
  'staffing',
  'other',
] as const;
export type VendorCategory = (typeof vendorCategories)[number];

export const vendorStatuses = ['active', 'archived'] as const;
export type VendorStatus = (typeof vendorStatuses)[number];

export interface VendorContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface Vendor {
  orgId: string;
  vendorId: string;
  name: string;
  category: VendorCategory;
  contact: VendorContact;
  /** 1 to 5, or null when not rated. */
  rating: number | null;
  notes: string | null;
  /** An archived vendor keeps its contracts but takes no new one. */
  status: VendorStatus;
  /** Bumped by every write: edits are conditional on it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const contractStatuses = ['draft', 'signed', 'paid', 'cancelled'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

/** Where a contract may go from each status; paid and cancelled are final. */
export const contractMoves: Record<ContractStatus, readonly ContractStatus[]> = {
  draft: ['signed', 'cancelled'],
  signed: ['paid', 'cancelled'],
  paid: [],
  cancelled: [],
};

/** Signed and paid contracts are what the event owes: they count in its budget's actuals. */
export const committedContractStatuses: readonly ContractStatus[] = ['signed', 'paid'];

/** One payment due: a day (YYYY-MM-DD) and an amount in the contract's currency. */
export interface Installment {
  dueDate: string;
  amountMinor: number;
}

export type DocumentStatus = 'pending_upload' | 'available';

/** A file of a contract (the signed contract, an invoice, a quote), kept in the bucket. */
export interface ContractDocument {
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  status: DocumentStatus;
  uploadedBy: string;
  createdAt: string;
}

export interface VendorContract {
  orgId: string;
  eventId: string;
  contractId: string;
  vendorId: string;
  /** The vendor's name when the contract was made: it stays readable if the vendor goes. */
  vendorName: string;
  title: string;
  /** The budget category it is charged to (the expenses' categories). */
  category: ExpenseCategory;
  amountMinor: number;
  currency: string;
  /** Due dates in ascending order; when any, they add up to `amountMinor`. */
  installments: Installment[];
  notes: string | null;
  status: ContractStatus;
  signedAt: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
  documents: ContractDocument[];
  createdBy: string;
  /** Bumped by every write: writes are conditional on it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A contract's budget category when none is given: the one its vendor's trade falls in. */
export const budgetCategoryOfVendor: Record<VendorCategory, ExpenseCategory> = {
  catering: 'catering',
  av: 'technology',
  venue: 'venue',
  security: 'miscellaneous',
  decor: 'miscellaneous',
  transport: 'travel',
  printing: 'marketing',
  staffing: 'miscellaneous',
  other: 'miscellaneous',
};

const MB = 1024 * 1024;

/** A document's largest size, and the types it may be (no scripts, no SVG: a browser opens them). */
export const maxDocumentBytes = 25 * MB;
export const documentContentTypes: readonly string[] = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/png',
  'image/jpeg',
];
/** A contract holds at most this many documents (they live in its item). */
export const maxDocuments = 20;

/** An event's documents share a key prefix (under the vendor files' own): a cascade deletes by it. */
export const eventDocumentsPrefix = (orgId: string, eventId: string): string => `${orgId}/${eventId}/`;

export const documentKeyOf = (
  c: Pick<VendorContract, 'orgId' | 'eventId' | 'contractId'>,
  documentId: string,
) => `${eventDocumentsPrefix(c.orgId, c.eventId)}${c.contractId}/${documentId}`;

/** How long a presigned upload or download URL is valid. */
export const uploadUrlSeconds = 15 * 60;
export const downloadUrlSeconds = 5 * 60;
