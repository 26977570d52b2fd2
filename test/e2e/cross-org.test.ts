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

/** The sample aimed at an organization that does not exist. */
const missingOrgOf = (sample: Sample): Sample => ({
  ...sample,
  params: { ...sample.params, orgId: missingOrgId },
});

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

  // The viewer holds every team permission on the target's draft event (sweep-target.ts): on any
  // other event, a route their role does not allow stays closed to them.
  // Chosen before the world is built: a target whose every id is its own name tells which event
  // a sample acts on.
  const namedIds = new Proxy({}, { get: (_, name) => String(name) }) as SweepTarget;
  const otherEventRoutes = new Set(
    orgScoped
      .filter((r) => {
        const sample = routeSamples(namedIds)[r.operationId as keyof ReturnType<typeof routeSamples>];
        const eventId = sample.params?.eventId;
        return (
          eventId !== undefined &&
          eventId !== 'eventId' &&
          sample.action !== undefined &&
          sample.action in eventPermissionTable &&
          !isAllowed('viewer', sample.action)
        );
      })
      .map((r) => r.operationId),
  );

  it('has event routes to try a team member of another event on', () => {
    expect(otherEventRoutes.size).toBeGreaterThan(0);
  });

  /**
   * One route's callers in turn: the owner of another organization (also asking for an
   * organization that does not exist) and every role too low for it (the viewer, where the route
   * acts on another event than theirs, as a team member of another event). The table is compared
   * once, after all of them: a change fails the route, naming each caller and its answer.
   */
  it.each(orgScoped.map((r) => [r.operationId, r] as const))(
    "%s: refused to the owner of another organization, to every role below it and to another event's team",
    async (id, route) => {
      const sample = sweep.samples[id as keyof typeof sweep.samples];
      const action = sample.action!;
      const callers: [string, string, Sample][] = [
        ['outsider', sweep.world.outsider, sample],
        ['outsider, missing organization', sweep.world.outsider, missingOrgOf(sample)],
        // The viewer is among them wherever the route acts on an event: a team member of another.
        ...roles
          .filter((role) => !isAllowed(role, action))
          .map((role): [string, string, Sample] => [role, sweep.world.tokens[role], sample]),
      ];
      if (otherEventRoutes.has(id)) expect(sample.params?.eventId).not.toBe(sweep.world.target.eventId);
      const answers = await unchangedBy(
        async () => {
          const out: [string, ApiResponse][] = [];
          for (const [who, token, s] of callers) out.push([who, await request(route, s, token)]);
          return out;
        },
        (out) => `${id} (${out.map(([who, res]) => `${who}: ${res.status}`).join(', ')})`,
      );
      for (const [who, res] of answers) {
        expect([403, 404], `${who} ${id}: ${res.status} ${res.text}`).toContain(res.status);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      // The outsider learns nothing an absent organization would not tell: the same answer.
      const [[, outsider], [, absent]] = answers as [[string, ApiResponse], [string, ApiResponse]];
      expect(absent.status, absent.text).toBe(404);
      // `instance` is the request path, which names the organization asked for.
      expect(problemOf(outsider), outsider.text).toEqual(problemOf(absent));
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
