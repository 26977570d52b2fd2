import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { createContract, getContract, listContracts, updateContract } from '../domain/contracts.js';
import {
  completeContractDocument,
  downloadContractDocument,
  startContractDocument,
} from '../domain/documents.js';
import type { Vendor, VendorContract } from '../domain/model.js';
import { createVendor, deleteVendor, getVendor, listVendors, updateVendor } from '../domain/vendors.js';

const deps = () => getContainer().deps;

/** What a reader sees: everything but the write version (and a contract's org, in its path). */
const vendorView = ({ version: _v, ...v }: Vendor) => v;
const contractView = ({ version: _v, orgId: _o, ...c }: VendorContract) => c;

export const vendorHandlers = {
  createVendor: async ({ principal, params, body }) =>
    created(vendorView(await createVendor(deps(), principal, params.orgId, body))),
  listVendors: async ({ principal, params, query }) => {
    const page = await listVendors(deps(), principal, params.orgId, query);
    return ok({ items: page.items.map(vendorView), nextCursor: page.nextCursor });
  },
  getVendor: async ({ principal, params }) =>
    ok(vendorView(await getVendor(deps(), principal, params.orgId, params.vendorId))),
  updateVendor: async ({ principal, params, body }) =>
    ok(vendorView(await updateVendor(deps(), principal, params.orgId, params.vendorId, body))),
  deleteVendor: async ({ principal, params }) => {
    await deleteVendor(deps(), principal, params.orgId, params.vendorId);
    return noContent();
  },
  createVendorContract: async ({ principal, params, body }) =>
    created(contractView(await createContract(deps(), principal, params.orgId, params.eventId, body))),
  listVendorContracts: async ({ principal, params, query }) => {
    const { status, vendorId, ...page } = query;
    const result = await listContracts(
      deps(),
      principal,
      params.orgId,
      params.eventId,
      { status, vendorId },
      page,
    );
    return ok({ items: result.items.map(contractView), nextCursor: result.nextCursor });
  },
  getVendorContract: async ({ principal, params }) =>
    ok(contractView(await getContract(deps(), principal, params))),
  updateVendorContract: async ({ principal, params, body }) =>
    ok(contractView(await updateContract(deps(), principal, params, body))),
  startContractDocument: async ({ principal, params, body }) => {
    const { document, upload } = await startContractDocument(deps(), principal, params, body);
    return created({ document, upload });
  },
  completeContractDocument: async ({ principal, params, body }) =>
    ok(await completeContractDocument(deps(), principal, { ...params, documentId: body.documentId })),
  downloadContractDocument: async ({ principal, params }) =>
    ok(await downloadContractDocument(deps(), principal, params)),
} satisfies Partial<RouteHandlers<'operations'>>;
