import { eventParams, orgParams } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  completeDocumentBody,
  contractListQuery,
  contractParams,
  contractSchema,
  createContractBody,
  documentDownloadSchema,
  documentParams,
  documentSchemaOut,
  startDocumentBody,
  startedDocumentSchema,
  updateContractBody,
} from './contracts/vendor-contracts.js';
import {
  createVendorBody,
  updateVendorBody,
  vendorListQuery,
  vendorParams,
  vendorSchema,
} from './contracts/vendors.js';

const vendors = '/v1/orgs/{orgId}/vendors';
const contracts = '/v1/orgs/{orgId}/events/{eventId}/vendor-contracts';

/**
 * An organization's vendors and its events' contracts with them (docs/vendors.md), served by
 * `catalog` for now (the back office's own function takes them later). Organizers keep both; an
 * event's team with `manage_event` runs its contracts.
 */
export const vendorRoutes = routeGroup({ function: 'operations', auth: 'jwt', tag: 'Vendors' }, [
  {
    operationId: 'createVendor',
    method: 'POST',
    path: vendors,
    summary: 'Add a vendor of the organization (contact, trade, rating, notes)',
    params: orgParams,
    body: createVendorBody,
    success: reply(201, 'Created', vendorSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listVendors',
    method: 'GET',
    path: vendors,
    summary: "The organization's vendors",
    params: orgParams,
    query: vendorListQuery,
    success: replyPage('A page of vendors', vendorSchema, 'VendorPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getVendor',
    method: 'GET',
    path: `${vendors}/{vendorId}`,
    summary: 'Read a vendor',
    params: vendorParams,
    success: reply(200, 'The vendor', vendorSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateVendor',
    method: 'PATCH',
    path: `${vendors}/{vendorId}`,
    summary: 'Change a vendor (null clears an optional field; status archived: no new contracts)',
    params: vendorParams,
    body: updateVendorBody,
    success: reply(200, 'The vendor', vendorSchema),
    problems: [403, 404],
  },
  {
    operationId: 'deleteVendor',
    method: 'DELETE',
    path: `${vendors}/{vendorId}`,
    summary: 'Delete a vendor (its contracts keep its name)',
    params: vendorParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404],
  },
  {
    operationId: 'createVendorContract',
    method: 'POST',
    path: contracts,
    summary: 'Draft a contract of the event with an active vendor (installments add up to the amount)',
    params: eventParams,
    body: createContractBody,
    success: reply(201, 'Created', contractSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listVendorContracts',
    method: 'GET',
    path: contracts,
    summary: "The event's vendor contracts, optionally of one status or vendor",
    params: eventParams,
    query: contractListQuery,
    success: replyPage('A page of contracts', contractSchema, 'VendorContractPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getVendorContract',
    method: 'GET',
    path: `${contracts}/{contractId}`,
    summary: 'Read a vendor contract',
    params: contractParams,
    success: reply(200, 'The contract', contractSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateVendorContract',
    method: 'PATCH',
    path: `${contracts}/{contractId}`,
    summary:
      'Change a contract: its terms while a draft (409 CONTRACT_NOT_DRAFT after), its notes, its status (draft -> signed -> paid, cancelled from draft or signed; 409 INVALID_TRANSITION otherwise)',
    params: contractParams,
    body: updateContractBody,
    success: reply(200, 'The contract', contractSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'startContractDocument',
    method: 'POST',
    path: `${contracts}/{contractId}/documents`,
    summary:
      'Declare a document of the contract (type and size checked), answered with a presigned PUT URL (pending until completed)',
    params: contractParams,
    body: startDocumentBody,
    success: reply(201, 'Created', startedDocumentSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'completeContractDocument',
    method: 'POST',
    path: `${contracts}/{contractId}/documents/complete`,
    summary:
      'Mark an uploaded document of the contract available: the object must exist with the declared size and type (else 422, still pending)',
    params: contractParams,
    body: completeDocumentBody,
    success: reply(200, 'The document', documentSchemaOut),
    problems: [403, 404],
  },
  {
    operationId: 'downloadContractDocument',
    method: 'GET',
    path: `${contracts}/{contractId}/documents/{documentId}/download`,
    summary: 'A short-lived presigned download URL of a completed document',
    params: documentParams,
    success: reply(200, 'Where to download it', documentDownloadSchema),
    problems: [403, 404],
  },
]);
