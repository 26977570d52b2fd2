import { interestCatalogSchema } from '../contracts/interests.js';
import { defaultInterests } from '../domain/default-interests.js';
import type { Interest } from '../domain/model.js';
import type { InterestCatalog } from '../domain/ports.js';

/**
 * The tenant's interests: the tenant config's `interests`, which CDK passes as the INTERESTS
 * variable (JSON), else the default catalog. Operators change them by changing the config and
 * deploying; events and users keep ids a later catalog drops (they simply match nothing new).
 */
export const configuredInterests = (json: string | undefined): InterestCatalog => {
  const list: readonly Interest[] = json ? interestCatalogSchema.parse(JSON.parse(json)) : defaultInterests;
  const ids = new Set(list.map((i) => i.interestId));
  return { list: () => list, unknown: (wanted) => wanted.filter((id) => !ids.has(id)) };
};
