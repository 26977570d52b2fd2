import {
  emailSchema,
  freeText,
  orgParams,
  pageQuerySchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { vendorCategories, vendorStatuses } from '../domain/model.js';

/** An organization's vendors (docs/vendors.md). */

export const vendorIdSchema = z
  .string()
  .regex(/^vnd_[0-9a-z]{20}$/, 'must be a vendor id (vnd_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'vnd_5k9m3p7r1t5v9x3z7b1d' });

export const vendorParams = orgParams.extend({ vendorId: vendorIdSchema });

const categorySchema = z.enum(vendorCategories).openapi('VendorCategory');
const statusSchema = z.enum(vendorStatuses).openapi('VendorStatus', {
  description: 'archived: kept on its contracts, takes no new one',
});

const name = freeText(z.string().trim().min(1).max(200));
const contactBody = z
  .strictObject({
    name: name.nullable().optional(),
    email: emailSchema.nullable().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()./-]{3,40}$/, 'must be a phone number (digits, spaces, + ( ) . / -)')
      .nullable()
      .optional()
      .openapi({ example: '+49 30 1234567' }),
  })
  .openapi('VendorContactInput');

const rating = z.number().int().min(1).max(5).openapi({ description: '1 (poor) to 5 (excellent)' });
const notes = freeText(z.string().trim().max(4000), { multiline: true });

export const createVendorBody = z
  .strictObject({
    name: name.openapi({ example: 'Bakery Brandt' }),
    category: categorySchema,
    contact: contactBody.optional(),
    rating: rating.nullable().optional(),
    notes: notes.nullable().optional(),
  })
  .openapi('CreateVendor');

export const updateVendorBody = z
  .strictObject({
    name: name.optional(),
    category: categorySchema.optional(),
    contact: contactBody.optional(),
    rating: rating.nullable().optional(),
    notes: notes.nullable().optional(),
    status: statusSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateVendor');

export const vendorListQuery = pageQuerySchema;

export const vendorSchema = z
  .object({
    orgId: z.string(),
    vendorId: vendorIdSchema,
    name: z.string(),
    category: categorySchema,
    contact: z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    rating: z.number().int().nullable(),
    notes: z.string().nullable(),
    status: statusSchema,
    ...stampFields,
  })
  .openapi('Vendor');
