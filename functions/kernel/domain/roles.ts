/** `door`: check-in staff, who may scan tickets (and so read the names of who arrives), nothing else. */
export const roles = ['owner', 'admin', 'organizer', 'staff', 'viewer', 'door'] as const;
export type Role = (typeof roles)[number];

/** Higher outranks lower; a member may only manage members and invites ranked below them (owners: all). */
const rank: Record<Role, number> = { owner: 5, admin: 4, organizer: 3, staff: 2, viewer: 1, door: 1 };

export const outranks = (actor: Role, target: Role): boolean =>
  actor === 'owner' || rank[actor] > rank[target];
