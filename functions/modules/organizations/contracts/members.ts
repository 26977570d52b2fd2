import {
  emailSchema,
  freeText,
  isoDateTime,
  orgIdSchema,
  orgParams,
  roleSchema,
  userIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

export const memberParams = orgParams.extend({ userId: userIdSchema });

export const memberSchema = z
  .object({
    orgId: orgIdSchema,
    userId: userIdSchema,
    name: z.string(),
    email: z.string().openapi({
      description: "From the member's token when they joined; empty if it carried no verified email",
    }),
    role: roleSchema,
    status: z.enum(['active', 'suspended']),
    joinedAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('Member');

export const updateMemberBody = z
  .strictObject({
    role: roleSchema.optional(),
    name: freeText(z.string().trim().min(1).max(120)).optional(),
    status: z.enum(['active', 'suspended']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateMember');

export const membershipSchema = z
  .object({
    orgId: orgIdSchema,
    role: roleSchema,
    status: z.enum(['active', 'suspended']),
    joinedAt: isoDateTime,
  })
  .openapi('Membership');

export { emailSchema };
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;
