import type { Deps } from '../../../kernel/domain/deps.js';
import { validationFailed } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { type Interest, maxUserInterests, type UserInterests } from './model.js';
import type { InterestCatalog } from './ports.js';

/** The tenant's interests; anyone may read them (the catalog is its configuration). */
export const listInterests = (deps: Pick<Deps, 'interests'>): readonly Interest[] => deps.interests.list();

/** Refuses ids outside the catalog, naming `field` (an event's `interestIds`, a user's). */
export const assertKnownInterests = (catalog: InterestCatalog, ids: readonly string[], field: string) => {
  const unknown = catalog.unknown(ids);
  if (unknown.length > 0)
    throw validationFailed([
      { field, message: `are not interests of this deployment: ${unknown.join(', ')}` },
    ]);
};

export const getMyInterests = async (
  deps: Pick<Deps, 'userInterests'>,
  principal: Principal,
): Promise<UserInterests> =>
  (await deps.userInterests.get(principal.sub)) ?? { userId: principal.sub, interestIds: [], updatedAt: '' };

/** Replaces the caller's interests (a retry writes the same list). */
export const setMyInterests = async (
  deps: Pick<Deps, 'clock' | 'interests' | 'userInterests'>,
  principal: Principal,
  interestIds: readonly string[],
): Promise<UserInterests> => {
  const unique = [...new Set(interestIds)];
  if (unique.length > maxUserInterests)
    throw validationFailed([{ field: 'interestIds', message: `at most ${maxUserInterests} interests` }]);
  assertKnownInterests(deps.interests, unique, 'interestIds');
  const picked: UserInterests = {
    userId: principal.sub,
    interestIds: unique,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.userInterests.put(picked);
  return picked;
};
