import {
  attendeeIdSchema,
  freeText,
  orgIdSchema,
  orgParams,
  partyIdSchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

const partyName = freeText(z.string().trim().min(1).max(120)).openapi({ example: 'The Lovelaces' });

export const partyParams = orgParams.extend({ partyId: partyIdSchema });
export const partyMemberParams = partyParams.extend({ attendeeId: attendeeIdSchema });

export const createPartyBody = z
  .strictObject({
    name: partyName,
    leaderId: attendeeIdSchema.openapi({ description: 'The attendee who leads the party (a member)' }),
    memberIds: z
      .array(attendeeIdSchema)
      .max(19)
      .optional()
      .openapi({ description: 'Further members; a party has at most 20' }),
  })
  .openapi('CreateParty');

export const updatePartyBody = z
  .strictObject({
    name: partyName.optional(),
    leaderId: attendeeIdSchema.optional().openapi({ description: 'Hands the lead to another member' }),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateParty');

export const addPartyMemberBody = z
  .strictObject({
    attendeeId: attendeeIdSchema,
    leader: z.boolean().optional().openapi({ description: 'Make the new member the leader', example: false }),
  })
  .openapi('AddPartyMember');

export const removePartyMemberQuery = z.strictObject({
  newLeaderId: attendeeIdSchema
    .optional()
    .openapi({ description: 'Required when removing the leader while other members remain' }),
});

export const partySchema = z
  .object({
    orgId: orgIdSchema,
    partyId: partyIdSchema,
    name: z.string().openapi({ example: 'The Lovelaces' }),
    leaderId: attendeeIdSchema.nullable().openapi({ description: 'null only when the party is empty' }),
    memberIds: z.array(attendeeIdSchema),
    ...stampFields,
  })
  .openapi('Party');
