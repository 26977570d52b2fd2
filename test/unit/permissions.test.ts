import { describe, expect, it } from 'vitest';
import { isAllowed, permissionTable } from '../../functions/kernel/domain/permissions.js';
import { outranks, roles } from '../../functions/kernel/domain/roles.js';
import type { Member } from '../../functions/kernel/domain/types.js';
import { ownerDeltaOf } from '../../functions/modules/organizations/domain/members.js';

describe('permission table', () => {
  it('lets every role but the door read and list, but only owners delete an organization', () => {
    for (const role of roles) {
      expect(isAllowed(role, 'organization.read')).toBe(role !== 'door');
      expect(isAllowed(role, 'member.list')).toBe(role !== 'door');
      expect(isAllowed(role, 'organization.delete')).toBe(role === 'owner');
    }
  });

  it('lets the door scan tickets (and leave), nothing else', () => {
    const actions = Object.keys(permissionTable) as (keyof typeof permissionTable)[];
    expect(actions.filter((a) => isAllowed('door', a))).toEqual(['member.leave', 'checkin.scan']);
    for (const role of ['owner', 'admin', 'organizer', 'staff'] as const) {
      expect(isAllowed(role, 'checkin.scan')).toBe(true);
    }
    expect(isAllowed('viewer', 'checkin.scan')).toBe(false);
  });

  it('reserves member and invite management to owners and admins', () => {
    const managing = [
      'organization.update',
      'member.update',
      'member.remove',
      'invite.create',
      'invite.list',
      'invite.revoke',
    ] as const;
    for (const action of managing) {
      expect(roles.filter((r) => isAllowed(r, action))).toEqual(['owner', 'admin']);
    }
  });

  it('names only known roles', () => {
    for (const allowed of Object.values(permissionTable)) {
      for (const role of allowed) expect(roles).toContain(role);
    }
  });

  it('ranks roles strictly, owners outranking everyone including owners', () => {
    expect(outranks('admin', 'organizer')).toBe(true);
    expect(outranks('admin', 'admin')).toBe(false);
    expect(outranks('staff', 'admin')).toBe(false);
    expect(outranks('owner', 'owner')).toBe(true);
  });
});

describe('owner counting', () => {
  const m = (role: Member['role'], status: Member['status'] = 'active') => ({ role, status }) as Member;
  it('counts active owners only', () => {
    expect(ownerDeltaOf(m('owner'), m('admin'))).toBe(-1);
    expect(ownerDeltaOf(m('admin'), m('owner'))).toBe(1);
    expect(ownerDeltaOf(m('owner'), m('owner', 'suspended'))).toBe(-1);
    expect(ownerDeltaOf(m('owner', 'suspended'), m('owner'))).toBe(1);
    expect(ownerDeltaOf(m('staff'), m('viewer'))).toBe(0);
  });
});
