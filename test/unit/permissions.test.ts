import { describe, expect, it } from 'vitest';
import { mayActOnEvent, type TeamGrant } from '../../functions/kernel/domain/event-access.js';
import {
  defaultTeamPermissions,
  type EventAction,
  eventPermissionTable,
  isAllowed,
  permissionTable,
  type TeamPermission,
  teamAllows,
  teamPermissions,
  teamRoles,
} from '../../functions/kernel/domain/permissions.js';
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

describe('event permission table', () => {
  const eventActions = Object.keys(eventPermissionTable) as EventAction[];
  const opened = (p: TeamPermission) => eventActions.filter((a) => teamAllows([p], a)).sort();

  it('says what each team permission opens on its event (docs/teams.md)', () => {
    expect(Object.fromEntries(teamPermissions.map((p) => [p, opened(p)]))).toEqual({
      manage_event: [
        'budget.manage',
        'budget.read',
        'contract.manage',
        'contract.read',
        'event.read',
        'marketing.manage',
        'marketing.read',
        'sponsor.manage',
        'sponsorship.manage',
        'sponsorship.read',
        'task.manage',
        'task.read',
        'team.manage',
      ],
      manage_sessions: ['event.read', 'session.manage', 'speaker.manage', 'task.read'],
      manage_attendees: ['admission.read', 'checkin.scan', 'event.read', 'task.read'],
      view_analytics: ['analytics.read', 'event.read', 'marketing.read', 'task.read'],
      manage_materials: ['event.read', 'material.manage', 'task.read'],
      send_announcements: [
        'announcement.manage',
        'event.read',
        'marketing.manage',
        'marketing.read',
        'task.read',
      ],
    });
  });

  it('gives the door work of the event to the roles whose defaults hold manage_attendees', () => {
    const doorRoles = teamRoles.filter((r) => teamAllows(defaultTeamPermissions[r], 'checkin.scan'));
    expect(doorRoles).toEqual(['organizer', 'coordinator', 'volunteer', 'registration']);
    for (const r of teamRoles) {
      expect(teamAllows(defaultTeamPermissions[r], 'admission.read'), r).toBe(doorRoles.includes(r));
    }
  });

  describe('the gate on what was read', () => {
    const org = { status: 'active' as const };
    const volunteer: TeamGrant = { status: 'active', permissions: defaultTeamPermissions.volunteer };
    const codeOf = (act: () => unknown): string | undefined => {
      try {
        act();
        return undefined;
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };

    it('every role, placed as a volunteer: allowed what its role or manage_attendees allows', () => {
      for (const role of roles) {
        const actor = { role, status: 'active' as const };
        for (const action of eventActions) {
          const allowed = isAllowed(role, action) || teamAllows(volunteer.permissions, action);
          expect(
            codeOf(() => mayActOnEvent(org, actor, volunteer, action)),
            `${role} ${action}`,
          ).toBe(allowed ? undefined : 'FORBIDDEN');
        }
      }
    });

    it('a viewer scans and reads admissions by the team alone, and says so', () => {
      const viewer = { role: 'viewer' as const, status: 'active' as const };
      expect(mayActOnEvent(org, viewer, volunteer, 'checkin.scan').byTeam).toBe(true);
      expect(mayActOnEvent(org, viewer, volunteer, 'admission.read').byTeam).toBe(true);
      expect(mayActOnEvent(org, { ...viewer, role: 'staff' }, volunteer, 'checkin.scan').byTeam).toBe(false);
    });

    it('no place, an inactive place, a suspended member or a deleting organization open nothing', () => {
      const viewer = { role: 'viewer' as const, status: 'active' as const };
      expect(codeOf(() => mayActOnEvent(org, viewer, undefined, 'checkin.scan'))).toBe('FORBIDDEN');
      expect(
        codeOf(() => mayActOnEvent(org, viewer, { ...volunteer, status: 'inactive' }, 'checkin.scan')),
      ).toBe('FORBIDDEN');
      expect(
        codeOf(() =>
          mayActOnEvent(org, { ...viewer, status: 'suspended' as const }, volunteer, 'checkin.scan'),
        ),
      ).toBe('NOT_FOUND');
      expect(codeOf(() => mayActOnEvent(undefined, viewer, volunteer, 'checkin.scan'))).toBe('NOT_FOUND');
      expect(
        codeOf(() => mayActOnEvent({ status: 'deleting' as const }, viewer, volunteer, 'checkin.scan')),
      ).toBe('ORGANIZATION_DELETING');
    });
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
