import { describe, expect, it } from 'vitest';
import { type RouteDefinition, routes } from '../../functions/app/routes.js';
import {
  auditRecordsByRequest,
  requestIdOf,
  type StoredAuditRecord,
  sensitiveValues,
} from '../support/audit-records.js';
import type { ApiResponse } from '../support/local-runtime.js';
import { urlOf, useSweepWorld } from './sweep-target.js';

/**
 * Every route of the manifest, called by the target's owner with its valid sample: it answers the
 * status the manifest documents, with a body that satisfies the documented schema. Routes run in
 * an order a client could follow: creations, reads, changes, then deletions (children first,
 * the organization last), then the progress of the deletions.
 */

const sweep = useSweepWorld('ok');
const { rt } = sweep;

/** Routes whose sample cannot succeed by construction; each is exercised by a dedicated test. */
const exercisedElsewhere = new Set<string>([
  // The sample token is made up (a real one is shown once, to its invitee): test/e2e/readme.test.ts.
  'acceptInvite',
  // An offer needs released places and the offer engine: test/e2e/waitlist.test.ts.
  'acceptWaitlistOffer',
  'declineWaitlistOffer',
  // A notification id carries its commit time: test/e2e/notifications.test.ts reads one and marks it.
  'markNotificationRead',
  // A delivery is signed with the provider's webhook secret, and a refund needs a paid booking:
  // test/e2e/payments.test.ts.
  'receivePaymentWebhook',
  'refundBooking',
  // A receipt to retry must have failed, a decision needs a late payment: test/integration/payment-*.
  'retryPaymentReceipt',
  'decideLatePayment',
  // Written by the nightly run (a forecast needs the organization's history): test/e2e/nightly.test.ts.
  'getSessionForecast',
  'getAuditSummary',
  // Redeeming, accepting and reading a pass need the caller's own attendee and a real token, and
  // an approved request's reservation is a live booking that would keep the organization from
  // being deleted: test/e2e/private-events.test.ts and test/e2e/join-requests.test.ts.
  'redeemEventInvite',
  'acceptEventInvite',
  'getMyEventPass',
  'approveRequest',
  // Networking acts as the caller's own attendee holding a live booking of the event; the owner of
  // the sweep world has no attendee (the cross-organization sweep checks that /me finds none):
  // test/e2e/networking.test.ts calls each route, checks its status, schema and audit record.
  'requestConnection',
  'listMyConnections',
  'acceptConnection',
  'declineConnection',
  'blockConnection',
  // The sweep's owner alone owns the target organization, so their account's deletion is refused
  // (409 LAST_OWNER): test/e2e/account-deletion.test.ts deletes an account.
  'deleteMyAccount',
  // Feedback is given by the caller's own attendee after a booking or an admission of theirs, and
  // the owner has no attendee when the sweep starts (the /me sweep needs that): test/e2e/feedback.test.ts.
  'giveFeedback',
  // Verifying takes the code the start sent by SMS: test/e2e/phone-sign-in.test.ts reads it from
  // the local delivery log.
  'verifyPhoneSignIn',
  // Refreshing takes the refresh token a sign-in answered: test/e2e/phone-sign-in.test.ts signs in first.
  'refreshSignIn',
]);

const phaseOf = (r: RouteDefinition): number => {
  if (r.operationId === 'deleteOrganization') return 5;
  if (r.operationId === 'getDeletion') return 4;
  return { POST: 0, GET: 1, PUT: 2, PATCH: 2, DELETE: 3 }[r.method];
};

/** Deletions run children first: a parent's cascade would otherwise take its children along. */
const deletionOrder = [
  'removePartyMember',
  'deleteParty',
  'deleteAttendee',
  'deleteSession',
  'deleteEvent',
  'deleteVenue',
];
const deletionRank = (r: RouteDefinition) => deletionOrder.indexOf(r.operationId);

const ordered = (routes as readonly RouteDefinition[])
  .filter((r) => !exercisedElsewhere.has(r.operationId))
  .sort((a, b) => phaseOf(a) - phaseOf(b) || (phaseOf(a) === 3 ? deletionRank(a) - deletionRank(b) : 0));

/**
 * Live bookings keep an organization from being deleted; an organizer cancels them first, after
 * emptying the waitlist (else the places released would be offered to it, as new live holds).
 */
const cancelLiveBookings = async () => {
  const { orgId, bookingSessionId, waitlistSessionId } = sweep.world.target;
  const token = sweep.world.tokens.owner;
  const waiting = await rt.call<{ items: { entryId: string }[] }>(
    'GET',
    `/v1/orgs/${orgId}/sessions/${waitlistSessionId}/waitlist?status=waiting&limit=100`,
    { token },
  );
  for (const e of waiting.json.items) {
    expect((await rt.call('DELETE', `/v1/orgs/${orgId}/waitlist/${e.entryId}`, { token })).status).toBe(200);
  }
  for (const sessionId of [bookingSessionId, waitlistSessionId]) {
    const base = `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`;
    const list = await rt.call<{ items: { bookingId: string; status: string }[] }>(
      'GET',
      `${base}?limit=100`,
      {
        token,
      },
    );
    for (const b of list.json.items.filter((i) => i.status === 'held' || i.status === 'confirmed')) {
      expect((await rt.call('POST', `${base}/${b.bookingId}/cancel`, { token })).status).toBe(200);
    }
  }
};

/**
 * Samples that change nothing, so write no audit record (test/e2e/audit-trail.test.ts makes each
 * of these routes change something and finds its one record).
 */
const changesNothing = new Set([
  // The sample's attendee already leads the party.
  'addPartyMember',
  // The sample's entry is the only one of its line, so already first.
  'moveWaitlistEntry',
  // The sample's range holds no delivery: nothing to resend (test/e2e/webhooks.test.ts replays).
  'replayWebhookDeliveries',
  // Recomputes figures from the facts: the snapshot it writes is bookkeeping, no fact changes
  // (kernel/audit/write-facts.ts).
  'refreshEventAnalytics',
]);

/**
 * Writes of the caller's own items outside every organization (push devices, their profile and
 * interests, a sign-in's challenge and rate-limit counters): no organization's trail records them
 * (changeOf in kernel/audit/write-facts.ts), so they write no audit record.
 */
const outsideOrganizations = new Set([
  'registerMyDevice',
  'removeMyDevice',
  'putMyProfile',
  'startProfilePictureUpload',
  'completeProfilePicture',
  'deleteProfilePicture',
  'setMyInterests',
  'startPhoneSignIn',
  'signOut',
]);

interface AnsweredWrite {
  route: RouteDefinition;
  label: string;
  res: ApiResponse;
  sample: { params?: Record<string, string>; body?: unknown };
}

/**
 * Each write wrote exactly one audit record, in the caller's name, holding none of the secret or
 * personal values the request or its answer carried.
 */
const auditProblems = (
  records: StoredAuditRecord[],
  { route, label, res, sample }: AnsweredWrite,
): string[] => {
  const expected =
    changesNothing.has(route.operationId) || outsideOrganizations.has(route.operationId) ? 0 : 1;
  if (records.length !== expected) {
    const what = records.map((r) => `${r.targetType}.${r.change}`).join(', ');
    return [`${label}: ${records.length} audit records (${what})`];
  }
  if (expected === 0) return [];
  const [record] = records as [StoredAuditRecord];
  const problems: string[] = [];
  if (record.actorType !== 'user' || record.actorId !== sweep.world.ownerSub)
    problems.push(`${label}: audit record names ${record.actorType} ${record.actorId}, not the caller`);
  const text = JSON.stringify(record);
  // What a path names is no secret: a promo code is the id of its resource, which its routes name.
  const code = (res.json as { code?: unknown } | undefined)?.code;
  const created = route.path.includes('/promo-codes') && typeof code === 'string' ? [code] : [];
  const named = new Set([...Object.values(sample.params ?? {}), ...created]);
  for (const value of sensitiveValues(sample.body, res.json))
    if (!named.has(value) && text.includes(value)) problems.push(`${label}: audit record holds "${value}"`);
  return problems;
};

describe('success sweep', () => {
  it('calls every route but those exercised elsewhere', () => {
    expect(ordered.length + exercisedElsewhere.size).toBe(routes.length);
  });

  it('answers every route with its documented status and schema', async () => {
    const failures: string[] = [];
    const writes: AnsweredWrite[] = [];
    for (const route of ordered) {
      if (route.operationId === 'deleteOrganization') await cancelLiveBookings();
      const sample = sweep.samples[route.operationId as keyof typeof sweep.samples];
      const res = await rt.call(route.method, urlOf(route, sample.params, sample.query), {
        ...(route.auth === 'jwt' ? { token: sweep.world.tokens.owner } : {}),
        ...(sample.body ? { body: sample.body } : {}),
      });
      const label = `${route.method} ${route.path} (${route.operationId})`;
      if (res.status !== route.success.status) {
        failures.push(`${label}: ${res.status} ${res.text.slice(0, 700)}`);
        continue;
      }
      if (route.method !== 'GET') writes.push({ route, label, res, sample });
      // A text answer (a CSV export) is checked as the text it is.
      const parsed = route.success.schema?.safeParse(route.success.contentType ? res.text : res.json);
      if (parsed && !parsed.success) failures.push(`${label}: body off schema: ${parsed.error.message}`);
    }
    // The audit trail outlives the organization: each write's records, read in one scan at the end.
    const records = await auditRecordsByRequest(rt);
    for (const write of writes)
      failures.push(...auditProblems(records.get(requestIdOf(write.res)) ?? [], write));
    expect(failures).toEqual([]);
  }, 120_000);
});
