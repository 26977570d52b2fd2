import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import { writeGuarded } from '../../../kernel/domain/guarded.js';
import { hashSecret, newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { SocialAccount, SocialPlatform } from './model.js';
import { tokenMarks } from './rules.js';

/**
 * The organization's social accounts. The access token goes into its own secret (the
 * `socialTokens` port) and nowhere else: the item keeps the secret's name, the token's last 4
 * characters and a digest prefix. Rotating replaces the secret's value; deleting deletes it.
 */

export interface SocialAccountInput {
  platform: SocialPlatform;
  handle: string;
  displayName: string;
  accessToken: string;
}

export type SocialAccountChange = Partial<Pick<SocialAccountInput, 'handle' | 'displayName'>>;

type AccountReadDeps = Pick<Deps, 'socialAccounts'> & AccessDeps;
type AccountWriteDeps = AccountReadDeps & Pick<Deps, 'socialTokens' | 'clock'>;

const existing = async (deps: Pick<Deps, 'socialAccounts'>, orgId: string, accountId: string) => {
  const account = await deps.socialAccounts.get(orgId, accountId);
  if (!account) throw notFound('social account');
  return account;
};

export const createSocialAccount = async (
  deps: AccountWriteDeps,
  principal: Principal,
  orgId: string,
  input: SocialAccountInput,
): Promise<SocialAccount> => {
  await authorize(deps, orgId, principal, 'socialAccount.manage');
  const accountId = newId('soc');
  const tokenRef = deps.socialTokens.nameOf(orgId, accountId);
  const now = deps.clock.now().toISOString();
  const account: SocialAccount = {
    orgId,
    accountId,
    platform: input.platform,
    handle: input.handle,
    displayName: input.displayName,
    tokenRef,
    ...tokenMarks(input.accessToken, hashSecret),
    rotatedAt: now,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.socialTokens.put(tokenRef, input.accessToken);
  try {
    await deps.socialAccounts.create(account);
  } catch (error) {
    // No account names the secret: it goes too.
    await deps.socialTokens.remove(tokenRef);
    throw error;
  }
  return account;
};

export const getSocialAccount = async (
  deps: AccountReadDeps,
  principal: Principal,
  orgId: string,
  accountId: string,
): Promise<SocialAccount> => {
  await authorize(deps, orgId, principal, 'socialAccount.manage');
  return existing(deps, orgId, accountId);
};

export const listSocialAccounts = async (
  deps: AccountReadDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<SocialAccount>> => {
  await authorize(deps, orgId, principal, 'socialAccount.manage');
  return deps.socialAccounts.list(orgId, page);
};

const saveAccount = (
  deps: AccountWriteDeps,
  orgId: string,
  accountId: string,
  next: (before: SocialAccount) => Partial<SocialAccount>,
) =>
  writeGuarded(
    () => existing(deps, orgId, accountId),
    (before) => ({
      before,
      after: {
        ...before,
        ...next(before),
        version: before.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      },
    }),
    (w) => deps.socialAccounts.save(w.before, w.after),
    (w) => w.after,
  );

export const updateSocialAccount = async (
  deps: AccountWriteDeps,
  principal: Principal,
  orgId: string,
  accountId: string,
  change: SocialAccountChange,
): Promise<SocialAccount> => {
  await authorize(deps, orgId, principal, 'socialAccount.manage');
  return saveAccount(deps, orgId, accountId, () => givenFields(change));
};

/** Replaces the token: the secret's value first, then the marks of the new one. */
export const rotateSocialToken = async (
  deps: AccountWriteDeps,
  principal: Principal,
  orgId: string,
  accountId: string,
  accessToken: string,
): Promise<SocialAccount> => {
  await authorize(deps, orgId, principal, 'socialAccount.manage');
  const account = await existing(deps, orgId, accountId);
  await deps.socialTokens.put(account.tokenRef, accessToken);
  return saveAccount(deps, orgId, accountId, () => ({
    ...tokenMarks(accessToken, hashSecret),
    rotatedAt: deps.clock.now().toISOString(),
  }));
};

/** Deletes the account and its secret (a retry finds nothing and answers the same). */
export const deleteSocialAccount = async (
  deps: AccountWriteDeps,
  principal: Principal,
  orgId: string,
  accountId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'socialAccount.manage');
  const account = await deps.socialAccounts.get(orgId, accountId);
  if (!account) return;
  await deps.socialTokens.remove(account.tokenRef);
  await deps.socialAccounts.remove(orgId, accountId);
};
