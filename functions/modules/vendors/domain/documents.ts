import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { assertUploaded, type PresignedUrl } from '../../../kernel/domain/files.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { eventForChange } from '../../catalog/index.js';
import { type ContractRef, existingContract, writeContract } from './contracts.js';
import {
  type ContractDocument,
  documentContentTypes,
  documentKeyOf,
  downloadUrlSeconds,
  maxDocumentBytes,
  maxDocuments,
  uploadUrlSeconds,
  type VendorContract,
} from './model.js';

/**
 * A contract's documents: each is declared (name, type, size: checked against the allow-list and
 * the limit), uploaded by the client straight to the bucket through a presigned PUT, and completed
 * once the bucket holds an object of the declared size and type (HeadObject). Downloads are
 * presigned GETs of completed documents.
 */

export interface DocumentInput {
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

type ContractDocumentDeps = Pick<Deps, 'vendorContracts' | 'vendorFiles' | 'events' | 'clock'> &
  EventAccessDeps;

export interface DocumentRef extends ContractRef {
  documentId: string;
}

const documentOf = (contract: VendorContract, documentId: string): ContractDocument => {
  const doc = contract.documents.find((d) => d.documentId === documentId);
  if (!doc) throw notFound('document');
  return doc;
};

const checkFile = (input: DocumentInput) => {
  const issues = [];
  if (!documentContentTypes.includes(input.contentType))
    issues.push({ field: 'contentType', message: `must be one of ${documentContentTypes.join(', ')}` });
  if (input.sizeBytes < 1 || input.sizeBytes > maxDocumentBytes)
    issues.push({ field: 'sizeBytes', message: `must be from 1 to ${maxDocumentBytes} bytes` });
  if (issues.length > 0) throw validationFailed(issues);
};

/** Adds a pending document to the contract and answers where to PUT its bytes. */
export const startContractDocument = async (
  deps: ContractDocumentDeps,
  principal: Principal,
  at: ContractRef,
  input: DocumentInput,
): Promise<{ contract: VendorContract; document: ContractDocument; upload: PresignedUrl }> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'contract.manage');
  await eventForChange(deps, at.orgId, at.eventId);
  checkFile(input);
  const document: ContractDocument = {
    documentId: newId('vdoc'),
    ...input,
    status: 'pending_upload',
    uploadedBy: principal.sub,
    createdAt: deps.clock.now().toISOString(),
  };
  const contract = await writeContract(deps, at, (before) => {
    if (before.documents.length >= maxDocuments)
      throw validationFailed([
        { field: 'file', message: `a contract holds at most ${maxDocuments} documents` },
      ]);
    return { ...before, documents: [...before.documents, document], updatedAt: document.createdAt };
  });
  const upload = await deps.vendorFiles.uploadUrl(
    documentKeyOf(contract, document.documentId),
    document.contentType,
    document.sizeBytes,
    uploadUrlSeconds,
  );
  return { contract, document, upload };
};

/**
 * Marks an uploaded document available once the bucket holds an object of the declared size and
 * type; otherwise 422 and it stays pending (the client may upload again). Completed already: answers it.
 */
export const completeContractDocument = async (
  deps: ContractDocumentDeps,
  principal: Principal,
  at: DocumentRef,
): Promise<ContractDocument> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'contract.manage');
  const declared = documentOf(await existingContract(deps, at), at.documentId);
  if (declared.status === 'available') return declared;
  await assertUploaded(deps.vendorFiles, documentKeyOf(at, at.documentId), declared);
  const contract = await writeContract(deps, at, (before) => {
    if (documentOf(before, at.documentId).status === 'available') return undefined;
    return {
      ...before,
      documents: before.documents.map((d) =>
        d.documentId === at.documentId ? { ...d, status: 'available' as const } : d,
      ),
      updatedAt: deps.clock.now().toISOString(),
    };
  });
  return documentOf(contract, at.documentId);
};

/** A presigned GET of a completed document (a pending one is not found: there is nothing to read yet). */
export const downloadContractDocument = async (
  deps: Pick<Deps, 'vendorContracts' | 'vendorFiles'> & EventAccessDeps,
  principal: Principal,
  at: DocumentRef,
): Promise<{ url: string; expiresAt: string }> => {
  await authorizeForEvent(deps, at.orgId, at.eventId, principal, 'contract.read');
  const doc = documentOf(await existingContract(deps, at), at.documentId);
  if (doc.status !== 'available') throw new DomainError('NOT_FOUND', 'the document is not uploaded yet');
  const { url, expiresAt } = await deps.vendorFiles.downloadUrl(
    documentKeyOf(at, at.documentId),
    doc.fileName,
    downloadUrlSeconds,
  );
  return { url, expiresAt };
};
