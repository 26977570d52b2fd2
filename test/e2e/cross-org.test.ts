import { describe, expect, it } from 'vitest';
import { type RouteDefinition, routes } from '../../functions/app/routes.js';
import { eventPermissionTable, isAllowed } from '../../functions/kernel/domain/permissions.js';
import { roles } from '../../functions/kernel/domain/roles.js';
import type { ApiResponse } from '../../scripts/local/api-client.js';
import { routeSamples, type Sample, type SweepTarget } from './route-samples.js';
import { tableGuard, tableSnapshot, urlOf, useSweepWorld } from './sweep-target.js';

/**
 * Every org-scoped route of the manifest, called by the owner of another organization and by
 * every role of the target organization too low for it: always 403/404 problem+json, and the
 * table is byte for byte what it was. New routes join the sweep through their sample.
 */

const sweep = useSweepWorld('xorg');
const { rt } = sweep;

const request = (route: RouteDefinition, sample: Sample, token: string): Promise<ApiResponse> => {
  return rt.call(route.method, urlOf(route, sample.params, sample.query), {
    token,
    ...(sample.body ? { body: sample.body } : {}),
  });
};

/** A well-formed organization id that names no organization. */
const missingOrgId = 'org_00000000000000000000';

/** The problem body without `instance`, the one member that names the path. */
const problemOf = (res: ApiResponse): Record<string, unknown> => {
  const { instance: _instance, ...rest } = JSON.parse(res.text) as Record<string, unknown>;
  return { status: res.status, ...rest };
};

const unchangedBy = tableGuard(rt);

const expectRefusedAndUnchanged = async (call: () => Promise<ApiResponse>, label: string) => {
  const res = await unchangedBy(call, () => label);
  expect([403, 404], `${label}: ${res.status} ${res.text}`).toContain(res.status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
};

// Public routes name an organization too (a published event's agenda): open to anyone by design
// (their `publicBecause`), tested on their own (test/e2e/conference.test.ts).
const allOrgScoped = (routes as readonly RouteDefinition[]).filter(
  (r) => r.path.includes('{orgId}') && r.auth !== 'none',
);
/**
 * Self-service routes (`/me`, `/me/...`) are open to every signed-in user the organization knows:
 * tested on their own (below, and in test/e2e/notifications.test.ts).
 */
// Markers do not depend on ids, so the sweep.samples of a target whose every id is '' tell them.
const placeholderIds = new Proxy({}, { get: () => '' }) as SweepTarget;
const isSelfService = (r: RouteDefinition): boolean =>
  routeSamples(placeholderIds)[r.operationId as keyof ReturnType<typeof routeSamples>]?.selfService === true;
const orgScoped = allOrgScoped.filter((r) => !isSelfService(r));

describe('cross-organization sweep', () => {
  it('knows the permission of every org-scoped route that is not self-service', () => {
    expect(orgScoped.length).toBeGreaterThan(0);
    expect(allOrgScoped.filter(isSelfService).map((r) => r.path)).toEqual(
      allOrgScoped.filter((r) => /\/\{orgId\}\/me(\/|$)/.test(r.path)).map((r) => r.path),
    );
    for (const route of orgScoped) {
      expect(
        sweep.samples[route.operationId as keyof typeof sweep.samples].action,
        route.operationId,
      ).toBeDefined();
    }
  });

  it.each(orgScoped.map((r) => [r.operationId, r] as const))(
    '%s: the owner of another organization is refused',
    async (id, route) => {
      const sample = sweep.samples[id as keyof typeof sweep.samples];
      await expectRefusedAndUnchanged(() => request(route, sample, sweep.world.outsider), `outsider ${id}`);
    },
  );

  it.each(orgScoped.map((r) => [r.operationId, r] as const))(
    '%s: every role below the one it needs is refused',
    async (id, route) => {
      const sample = sweep.samples[id as keyof typeof sweep.samples];
      const action = sample.action!;
      const tooLow = roles.filter((role) => !isAllowed(role, action));
      for (const role of tooLow) {
        await expectRefusedAndUnchanged(
          () => request(route, sample, sweep.world.tokens[role]),
          `${role} ${id}`,
        );
      }
    },
  );

  it.each(orgScoped.map((r) => [r.operationId, r] as const))(
    '%s: the owner of another organization gets the answer of a missing organization',
    async (id, route) => {
      const sample = sweep.samples[id as keyof typeof sweep.samples];
      const missing = { ...sample, params: { ...sample.params, orgId: missingOrgId } };
      const outsider = await request(route, sample, sweep.world.outsider);
      const absent = await request(route, missing, sweep.world.outsider);
      expect(absent.status, absent.text).toBe(404);
      // `instance` is the request path, which names the organization asked for.
      expect(problemOf(outsider), outsider.text).toEqual(problemOf(absent));
    },
  );

  // The viewer holds every team permission on the target's draft event (sweep-target.ts): on any
  // other event, a route their role does not allow stays closed to them.
  // Chosen before the world is built: a target whose every id is its own name tells which event
  // a sample acts on.
  const namedIds = new Proxy({}, { get: (_, name) => String(name) }) as SweepTarget;
  const otherEventRoutes = orgScoped.filter((r) => {
    const sample = routeSamples(namedIds)[r.operationId as keyof ReturnType<typeof routeSamples>];
    const eventId = sample.params?.eventId;
    return (
      eventId !== undefined &&
      eventId !== 'eventId' &&
      sample.action !== undefined &&
      sample.action in eventPermissionTable &&
      !isAllowed('viewer', sample.action)
    );
  });

  it('has event routes to try a team member of another event on', () => {
    expect(otherEventRoutes.length).toBeGreaterThan(0);
  });

  it.each(otherEventRoutes.map((r) => [r.operationId, r] as const))(
    '%s: a team member of another event is refused',
    async (id, route) => {
      const sample = sweep.samples[id as keyof typeof sweep.samples];
      expect(sample.params?.eventId).not.toBe(sweep.world.target.eventId);
      await expectRefusedAndUnchanged(
        () => request(route, sample, sweep.world.tokens.viewer),
        `team member of another event: ${id}`,
      );
    },
  );

  it('an invite token is no key to an organization it does not belong to', async () => {
    const sample = sweep.samples.acceptInvite;
    const route = routes.find((r) => r.operationId === 'acceptInvite')!;
    const before = await tableSnapshot(rt);
    const res = await request(route, sample, sweep.world.outsider);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await tableSnapshot(rt)).toBe(before);
  });

  it("/me never hands anyone another user's attendee", async () => {
    const me = `/v1/orgs/${sweep.world.target.orgId}/me`;
    const owner = await rt.mintToken({ sub: 'xorg-self', email: 'self@sweep.example' });
    const body = { firstName: 'Self', lastName: 'Owner' };
    const mine = await rt.call<{ attendeeId: string; userId: string }>('POST', me, { token: owner, body });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json.userId).toBe('xorg-self');

    const stranger = await rt.mintToken({ sub: 'xorg-stranger', email: 'stranger@sweep.example' });
    for (const token of [stranger, sweep.world.outsider, sweep.world.tokens.owner]) {
      const before = await tableSnapshot(rt);
      const res = await rt.call('GET', me, { token });
      expect(res.status, res.text).toBe(404);
      expect(res.text).not.toContain(mine.json.attendeeId);
      expect(await tableSnapshot(rt)).toBe(before);
    }
    const own = await rt.call<{ attendeeId: string; userId: string }>('POST', me, {
      token: sweep.world.outsider,
      body: { firstName: 'Out', lastName: 'Sider' },
    });
    expect(own.status, own.text).toBe(200);
    expect(own.json.attendeeId).not.toBe(mine.json.attendeeId);
    expect(own.json.userId).not.toBe('xorg-self');

    // Holding the same email in the token is no way in either, nor a way to learn the holder.
    const lookalike = await rt.mintToken({ sub: 'xorg-lookalike', email: 'SELF@sweep.example' });
    const before = await tableSnapshot(rt);
    const clash = await rt.call('POST', me, { token: lookalike, body });
    expect(clash.status, clash.text).toBe(409);
    expect(clash.text).not.toContain(mine.json.attendeeId);
    expect((await rt.call('GET', me, { token: lookalike })).status).toBe(404);
    expect(await tableSnapshot(rt)).toBe(before);
  });

  it("the outsider's memberships never list the target organization", async () => {
    const res = await rt.call<{ items: { orgId: string }[] }>('GET', '/v1/me/memberships', {
      token: sweep.world.outsider,
    });
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(1);
    expect(res.json.items.map((m) => m.orgId)).not.toContain(sweep.world.target.orgId);
  });
});
