import { type ApiCall, type ApiResponse, api } from './api-client.js';
import type { MintTokenInput } from './auth.js';

/**
 * A demo organization for a fresh local database, created only through the public API so it
 * exercises (and never bypasses) the same rules a client would meet.
 */

export const DEV_USERS = {
  owner: { sub: 'dev-owner', email: 'owner@demo.local', name: 'Demo Owner' },
  staff: { sub: 'dev-staff', email: 'staff@demo.local', name: 'Demo Staff' },
  user: { sub: 'dev-user', email: 'user@demo.local', name: 'Demo User' },
} as const satisfies Record<string, MintTokenInput>;

export type DevUser = keyof typeof DEV_USERS;
export type MintToken = (input: MintTokenInput) => Promise<string>;

export interface SeedResult {
  orgId: string;
  /** False when the owner already had a membership (an earlier start seeded the data). */
  created: boolean;
}

interface Membership {
  orgId: string;
  role: string;
}

const expectStatus = <T>(res: ApiResponse<T>, status: number, step: string): T => {
  if (res.status !== status) throw new Error(`seeding failed at "${step}": HTTP ${res.status} ${res.text}`);
  return res.json;
};

const existingOrg = async (call: ApiCall, ownerToken: string): Promise<string | undefined> => {
  const res = await call<{ items: Membership[] }>('GET', '/v1/me/memberships', { token: ownerToken });
  const { items } = expectStatus(res, 200, 'list memberships');
  return (items.find((m) => m.role === 'owner') ?? items[0])?.orgId;
};

const createDemoOrg = async (call: ApiCall, mint: MintToken): Promise<string> => {
  const owner = await mint(DEV_USERS.owner);
  const org = expectStatus(
    await call<{ orgId: string }>('POST', '/v1/orgs', { token: owner, body: { name: 'Demo Org' } }),
    201,
    'create organization',
  );
  const invite = expectStatus(
    await call<{ token: string; inviteId: string }>('POST', `/v1/orgs/${org.orgId}/invites`, {
      token: owner,
      body: { email: DEV_USERS.staff.email, role: 'staff' },
    }),
    201,
    'invite staff',
  );
  const staff = await mint(DEV_USERS.staff);
  expectStatus(
    await call('POST', '/v1/invites/accept', { token: staff, body: { token: invite.token } }),
    201,
    'accept invite',
  );
  return org.orgId;
};

export const seedDemo = async (baseUrl: string, mint: MintToken): Promise<SeedResult> => {
  const call = api(baseUrl);
  const found = await existingOrg(call, await mint(DEV_USERS.owner));
  if (found) return { orgId: found, created: false };
  return { orgId: await createDemoOrg(call, mint), created: true };
};
