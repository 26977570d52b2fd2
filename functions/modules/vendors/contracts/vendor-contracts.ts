import {
  amountMinorSchema,
  calendarDateSchema,
  currencySchema,
  eventParams,
  freeText,
  isoDateTime,
  pageQuerySchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { expenseCategorySchema } from '../../expenses/index.js';
import { contractStatuses, documentContentTypes, maxDocumentBytes } from '../domain/model.js';
import { vendorIdSchema } from './vendors.js';

/** An event's vendor contracts and their documents (docs/vendors.md). */

export const contractIdSchema = z
  .string()
  .regex(/^vct_[0-9a-z]{20}$/, 'must be a contract id (vct_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'vct_5k9m3p7r1t5v9x3z7b1d' });

export const documentIdSchema = z
  .string()
  .regex(/^vdoc_[0-9a-z]{20}$/, 'must be a document id (vdoc_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'vdoc_5k9m3p7r1t5v9x3z7b1d' });

export const contractParams = eventParams.extend({ contractId: contractIdSchema });
export const documentParams = contractParams.extend({ documentId: documentIdSchema });

const statusSchema = z.enum(contractStatuses).openapi('ContractStatus', {
  description: 'draft -> signed -> paid; cancelled from draft or signed; paid and cancelled are final',
});

const installments = z
  .array(z.strictObject({ dueDate: calendarDateSchema, amountMinor: amountMinorSchema }))
  .max(24)
  .openapi({ description: 'Payment due dates; when any, they add up to the amount' });

const title = freeText(z.string().trim().min(1).max(200));
const notes = freeText(z.string().trim().max(4000), { multiline: true });

export const createContractBody = z
  .strictObject({
    vendorId: vendorIdSchema,
    title: title.openapi({ example: 'Lunch for two days' }),
    category: expenseCategorySchema
      .optional()
      .openapi({ description: "The budget category; absent: the one of the vendor's trade" }),
    amountMinor: amountMinorSchema,
    currency: currencySchema,
    installments: installments.optional(),
    notes: notes.nullable().optional(),
  })
  .openapi('CreateVendorContract');

export const updateContractBody = z
  .strictObject({
    vendorId: vendorIdSchema.optional(),
    title: title.optional(),
    category: expenseCategorySchema.optional(),
    amountMinor: amountMinorSchema.optional(),
    currency: currencySchema.optional(),
    installments: installments.optional(),
    notes: notes.nullable().optional(),
    status: statusSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateVendorContract');

export const contractListQuery = pageQuerySchema.extend({
  status: statusSchema.optional(),
  vendorId: vendorIdSchema.optional(),
});

export const startDocumentBody = z
  .strictObject({
    fileName: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,119}$/, 'must be a file name of letters, digits, spaces, . _ -')
      .openapi({ example: 'signed-contract.pdf' }),
    contentType: z
      .string()
      .max(120)
      .openapi({ description: `One of ${documentContentTypes.join(', ')}`, example: 'application/pdf' }),
    sizeBytes: z
      .number()
      .int()
      .min(1)
      .max(maxDocumentBytes)
      .openapi({ description: 'Up to 25 MB', example: 1048576 }),
  })
  .openapi('StartContractDocument');

/** The document is named in the body: the change is the contract's (its document list), as the path says. */
export const completeDocumentBody = z
  .strictObject({ documentId: documentIdSchema })
  .openapi('CompleteContractDocument');

const documentSchema = z
  .object({
    documentId: documentIdSchema,
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    status: z.enum(['pending_upload', 'available']),
    uploadedBy: z.string(),
    createdAt: isoDateTime,
  })
  .openapi('ContractDocument');

export const contractSchema = z
  .object({
    eventId: z.string(),
    contractId: contractIdSchema,
    vendorId: z.string(),
    vendorName: z.string(),
    title: z.string(),
    category: expenseCategorySchema,
    amountMinor: z.number().int(),
    currency: z.string(),
    installments: z.array(z.object({ dueDate: z.string(), amountMinor: z.number().int() })),
    notes: z.string().nullable(),
    status: statusSchema,
    signedAt: isoDateTime.nullable(),
    paidAt: isoDateTime.nullable(),
    cancelledAt: isoDateTime.nullable(),
    documents: z.array(documentSchema),
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('VendorContract');

const presigned = z
  .object({
    url: z.string(),
    expiresAt: isoDateTime,
    headers: z.record(z.string(), z.string()).openapi({ description: 'Send these headers with the PUT' }),
  })
  .openapi('DocumentUpload');

export const startedDocumentSchema = z
  .object({
    document: documentSchema,
    upload: presigned.openapi({ description: 'PUT the file here, then complete' }),
  })
  .openapi('StartedContractDocument');

export const documentSchemaOut = documentSchema;

export const documentDownloadSchema = z
  .object({ url: z.string(), expiresAt: isoDateTime })
  .openapi('ContractDocumentDownload');
