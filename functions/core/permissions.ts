import { forbidden } from './errors.js';
import { type Role, roles } from './model/roles.js';

/**
 * Who may do what inside an organization. Every org-scoped use case asks `assertAllowed` with one
 * of these actions; there is no other place where roles are compared to actions.
 */
const allRoles = roles;
const managers = ['owner', 'admin'] as const satisfies readonly Role[];

export const permissionTable = {
  'organization.read': allRoles,
  'organization.update': managers,
  'organization.delete': ['owner'],
  'member.list': allRoles,
  'member.update': managers,
  'member.remove': managers,
  /** Leaving an organization yourself. */
  'member.leave': allRoles,
  'invite.create': managers,
  'invite.list': managers,
  'invite.revoke': managers,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissionTable;

export const isAllowed = (role: Role, action: Action): boolean =>
  (permissionTable[action] as readonly Role[]).includes(role);

export const assertAllowed = (role: Role, action: Action): void => {
  if (!isAllowed(role, action)) throw forbidden(action);
};
