import { freeText, orgIdSchema, stampFields, timeZoneSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

export const orgSettingsSchema = z
  .strictObject({
    defaultTimezone: timeZoneSchema.optional(),
    defaultCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR')
      .optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a locale such as en or en-GB')
      .optional(),
    tax: z
      .strictObject({
        name: freeText(z.string().trim().min(1).max(20)).openapi({ example: 'GST' }),
        ratePercent: z.number().min(0).max(100).multipleOf(0.01).openapi({ example: 18 }),
        number: freeText(z.string().trim().min(1).max(40))
          .optional()
          .openapi({ description: "The organizer's tax registration number", example: '29ABCDE1234F1Z5' }),
      })
      .optional()
      .openapi({ description: 'Tax added to the price of paid bookings, shown on each payment order' }),
  })
  .openapi('OrganizationSettings');

const orgName = freeText(z.string().trim().min(1).max(120)).openapi({ example: 'Riverside Arts' });
const domain = z
  .string()
  .max(253)
  .regex(/^(?!-)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'must be a lowercase domain name such as example.org')
  .openapi({ example: 'riverside.example' });

export const createOrgBody = z
  .strictObject({ name: orgName, domain: domain.optional(), settings: orgSettingsSchema.optional() })
  .openapi('CreateOrganization');

export const updateOrgBody = z
  .strictObject({
    name: orgName.optional(),
    domain: domain.nullable().optional(),
    settings: orgSettingsSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateOrganization');

export const organizationSchema = z
  .object({
    orgId: orgIdSchema,
    name: z.string(),
    domain: z.string().nullable(),
    kind: z.enum(['team', 'personal']).openapi({
      description: "`personal`: a user's own organization for hosting events (POST /v1/me/host)",
    }),
    status: z.enum(['active', 'deleting']),
    settings: orgSettingsSchema,
    ...stampFields,
  })
  .openapi('Organization');

export const deletionAcceptedSchema = z
  .object({ orgId: orgIdSchema, status: z.literal('deleting') })
  .openapi('OrganizationDeletion');

export type CreateOrgBody = z.infer<typeof createOrgBody>;
export type UpdateOrgBody = z.infer<typeof updateOrgBody>;
export type OrgSettings = z.infer<typeof orgSettingsSchema>;
