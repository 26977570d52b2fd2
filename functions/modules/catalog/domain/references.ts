import type { Deps } from '../../../kernel/domain/deps.js';
import { validationFailed } from '../../../kernel/domain/errors.js';

/** A member named by a catalog item (a venue's manager, an event's host) must be an active member. */
export const assertActiveMember = async (
  deps: Pick<Deps, 'members'>,
  orgId: string,
  userId: string,
  field: string,
): Promise<void> => {
  const member = await deps.members.get(orgId, userId);
  if (member?.status !== 'active') {
    throw validationFailed([{ field, message: 'is not an active member of this organization' }]);
  }
};
