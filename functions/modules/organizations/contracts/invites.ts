import {
  emailSchema,
  inviteIdSchema,
  isoDateTime,
  orgIdSchema,
  orgParams,
  roleSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { memberSchema } from './members.js';

export const inviteParams = orgParams.extend({ inviteId: inviteIdSchema });

export const createInviteBody = z
  .strictObject({
    email: emailSchema,
    role: roleSchema,
    expiresInHours: z.number().int().min(1).max(720).default(168).openapi({ example: 168 }),
  })
  .openapi('CreateInvite');

export const inviteStatusSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);

export const inviteSchema = z
  .object({
    orgId: orgIdSchema,
    inviteId: inviteIdSchema,
    email: z
      .string()
      .nullable()
      .openapi({ description: 'null once the account that accepted it was erased' }),
    role: roleSchema,
    status: inviteStatusSchema,
    invitedBy: z.string(),
    expiresAt: isoDateTime,
    createdAt: isoDateTime,
    respondedAt: isoDateTime.nullable(),
    acceptedBy: z.string().nullable(),
  })
  .openapi('Invite');

export const createdInviteSchema = inviteSchema
  .extend({
    token: z.string().openapi({ description: 'The raw invite token. Shown once; only its hash is stored.' }),
  })
  .openapi('CreatedInvite');

export const inviteListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
  status: inviteStatusSchema.optional(),
});

export const acceptInviteBody = z
  .strictObject({
    token: z.string().min(20).max(512).openapi({
      example: 'org_0h3k5m7n9p1q3r5s7t9v.inv_1a2b3c4d5e6f7g8h9j0k.Xq3v8b0cXHk2a7ZpQeY5sW1mN4tR6uJ9',
    }),
  })
  .openapi('AcceptInvite');

export const acceptedInviteSchema = z.object({ member: memberSchema }).openapi('AcceptedInvite');

export type CreateInviteBody = z.infer<typeof createInviteBody>;
export type InviteStatus = z.infer<typeof inviteStatusSchema>;
