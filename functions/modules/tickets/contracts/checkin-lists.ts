import {
  freeText,
  orgIdSchema,
  orgParams,
  sessionIdSchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

export const checkinListIdSchema = z
  .string()
  .regex(/^chl_[0-9a-z]{20}$/, 'must be a check-in list id (chl_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'chl_8d2f6h0k4m8p2r6t0v4x' });

export const checkinListParams = orgParams.extend({ listId: checkinListIdSchema });

/** A day either way is the widest door window a list may set. */
const minutes = (description: string) =>
  z.number().int().min(0).max(1440).openapi({ description, example: 30 });

const listFields = {
  name: freeText(z.string().trim().min(1).max(120)).openapi({ example: 'Main entrance' }),
  sessionIds: z
    .array(sessionIdSchema)
    .min(1)
    .max(50)
    .openapi({ description: 'The sessions whose tickets the list admits (1 to 50)' }),
  reentry: z.boolean().openapi({ description: 'Whether someone who went out may come in again' }),
  opensMinutesBefore: minutes('Doors open this many minutes before the session starts'),
  closesMinutesAfter: minutes('Doors close this many minutes after the session ends'),
};

export const createCheckinListBody = z
  .strictObject({
    ...listFields,
    reentry: listFields.reentry.default(true),
    opensMinutesBefore: listFields.opensMinutesBefore.default(60),
    closesMinutesAfter: listFields.closesMinutesAfter.default(0),
  })
  .openapi('CreateCheckinList');

export const updateCheckinListBody = z
  .strictObject({
    name: listFields.name.optional(),
    sessionIds: listFields.sessionIds.optional(),
    reentry: listFields.reentry.optional(),
    opensMinutesBefore: listFields.opensMinutesBefore.optional(),
    closesMinutesAfter: listFields.closesMinutesAfter.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateCheckinList');

export const checkinListSchema = z
  .object({
    orgId: orgIdSchema,
    listId: checkinListIdSchema,
    ...listFields,
    ...stampFields,
  })
  .openapi('CheckinList', {
    description:
      'Ticket categories do not exist yet: a list admits every ticket of its sessions (a later version lets it name categories)',
  });
