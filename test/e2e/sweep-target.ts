import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, expect } from 'vitest';
import type { RouteDefinition } from '../../functions/app/routes.js';
import type { Role } from '../../functions/kernel/domain/roles.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import type { ApiResponse } from '../../scripts/local/api-client.js';
import { type TestRuntime, useLocalRuntime } from '../support/local-runtime.js';
import { fillPath, routeSamples, type SweepTarget } from './route-samples.js';

/**
 * The organization the cross-organization and bad-input sweeps attack: an owner, one member of
 * every other role (the callers of the role sweep), a separate staff member as the target of
 * member routes, and a pending invite. Built through the public API only.
 */

export interface SweepWorld {
  target: SweepTarget;
  /** Tokens of the target's members by role. */
  tokens: Record<Role, string>;
  /** The owner's subject (who their token says they are). */
  ownerSub: string;
  /** The owner of another organization. */
  outsider: string;
}

const expect2xx = <T>(res: ApiResponse<T>, step: string): T => {
  if (res.status >= 300) throw new Error(`sweep setup failed at ${step}: HTTP ${res.status} ${res.text}`);
  return res.json;
};

const user = (sub: string) => ({ sub, email: `${sub}@sweep.example`, name: sub });

const join = async (rt: TestRuntime, owner: string, orgId: string, sub: string, role: Role) => {
  const invite = expect2xx(
    await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
      token: owner,
      body: { email: user(sub).email, role },
    }),
    `invite ${sub}`,
  );
  const token = await rt.mintToken(user(sub));
  expect2xx(
    await rt.call('POST', '/v1/invites/accept', { token, body: { token: invite.token } }),
    `join ${sub}`,
  );
  return token;
};

/** A Berlin venue with one room; returns the venue and room ids. */
const venueWithRoom = async (rt: TestRuntime, owner: string, orgId: string, name: string) => {
  const { venueId, rooms } = expect2xx(
    await rt.call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
      token: owner,
      body: {
        name,
        address: 'Sweep 1',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        rooms: [{ name: `${name} room`, capacity: 100 }],
      },
    }),
    `venue ${name}`,
  );
  return { venueId, roomId: rooms[0]!.roomId };
};

/** A seated session (A1..A10) of `eventId` at venue-local `startsAt`; returns its id. */
const seatedSession = async (
  rt: TestRuntime,
  owner: string,
  at: { orgId: string; eventId: string; roomId: string },
  startsAt: string,
) => {
  const { sessions } = expect2xx(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${at.orgId}/events/${at.eventId}/sessions`,
      {
        token: owner,
        body: {
          startsAt,
          roomId: at.roomId,
          seatingMode: 'seated',
          seatMap: { rows: [{ name: 'A', seats: 10 }] },
        },
      },
    ),
    `session at ${startsAt}`,
  );
  return sessions[0]!.sessionId;
};

/**
 * A published, priced event with a seated session (A1..A10) and two held bookings of
 * `attendeeId`, at a venue of its own: the target venue must stay deletable, and a live booking
 * would keep it from being deleted. Staff confirm the second: the first gets a payment order
 * (attendees paying online), which staff may not confirm over.
 */
const bookable = async (rt: TestRuntime, owner: string, orgId: string, attendeeId: string) => {
  const { eventId, roomId } = await pricedEvent(rt, owner, orgId, 'Box office hall');
  const bookingSessionId = await seatedSession(rt, owner, { orgId, eventId, roomId }, '2027-02-02T19:00');
  const hold = async () =>
    expect2xx(
      await rt.call<{ bookingId: string }>(
        'POST',
        `/v1/orgs/${orgId}/sessions/${bookingSessionId}/bookings`,
        {
          token: owner,
          body: { attendeeId, seats: 2 },
        },
      ),
      'booking',
    ).bookingId;
  return { bookingSessionId, bookingId: await hold(), confirmBookingId: await hold() };
};

/**
 * A full session with one place (held for `attendeeId`) and `guestId` on its waitlist, at a venue
 * of its own; the held booking never ends during a sweep, so the entry stays waiting.
 */
const waitlisted = async (
  rt: TestRuntime,
  owner: string,
  orgId: string,
  attendeeId: string,
  guestId: string,
) => {
  const { eventId, roomId } = await pricedEvent(rt, owner, orgId, 'Waitlist hall');
  const { sessions } = expect2xx(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
      {
        token: owner,
        body: { startsAt: '2027-02-04T19:00', roomId, capacity: 1 },
      },
    ),
    'waitlist session',
  );
  const waitlistSessionId = sessions[0]!.sessionId;
  const path = `/v1/orgs/${orgId}/sessions/${waitlistSessionId}`;
  expect2xx(
    await rt.call('POST', `${path}/bookings`, { token: owner, body: { attendeeId, seats: 1 } }),
    'fill the waitlist session',
  );
  const { entryId } = expect2xx(
    await rt.call<{ entryId: string }>('POST', `${path}/waitlist`, {
      token: owner,
      body: { attendeeId: guestId },
    }),
    'waitlist entry',
  );
  return { waitlistSessionId, waitlistEntryId: entryId };
};

/**
 * A published free event that admits by approval, with a session of ten places at a venue of its
 * own, an invite to it, and two pending join requests (of `attendeeId` and of a third attendee).
 */
/** A task template of the organization and two tasks of `eventId` (route-samples.ts says what for). */
const sweepTasks = async (rt: TestRuntime, owner: string, orgId: string, eventId: string) => {
  const { templateId: taskTemplateId } = expect2xx(
    await rt.call<{ templateId: string }>('POST', `/v1/orgs/${orgId}/task-templates`, {
      token: owner,
      body: {
        name: 'Target checklist',
        specs: [
          { key: 'book', title: 'Book the caterer', offsetDays: -14, timeOfDay: '09:00' },
          { key: 'menu', title: 'Choose the menu', offsetDays: -7, timeOfDay: '12:00', dependsOn: ['book'] },
        ],
      },
    }),
    'task template',
  );
  const task = async (title: string) =>
    expect2xx(
      await rt.call<{ taskId: string }>('POST', `/v1/orgs/${orgId}/events/${eventId}/tasks`, {
        token: owner,
        body: { title },
      }),
      `task ${title}`,
    ).taskId;
  return { taskTemplateId, taskId: await task('Target caterer'), deleteTaskId: await task('Target flowers') };
};

const approvalEvent = async (rt: TestRuntime, owner: string, orgId: string, attendeeId: string) => {
  const { venueId, roomId } = await venueWithRoom(rt, owner, orgId, 'Approval hall');
  const { eventId } = expect2xx(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token: owner,
      body: { venueId, title: 'By approval', defaultCapacity: 10, admission: 'approval' },
    }),
    'approval event',
  );
  const { sessions } = expect2xx(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
      {
        token: owner,
        body: { startsAt: '2027-02-05T19:00', roomId },
      },
    ),
    'approval session',
  );
  expect2xx(
    await rt.call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
      token: owner,
      body: { status: 'published' },
    }),
    'publish the approval event',
  );
  const approvalSessionId = sessions[0]!.sessionId;
  const { inviteId: eventInviteId } = expect2xx(
    await rt.call<{ inviteId: string }>('POST', `/v1/orgs/${orgId}/events/${eventId}/invites`, {
      token: owner,
      body: { kind: 'direct', email: 'invited@sweep.example' },
    }),
    'event invite',
  );
  const { attendeeId: requesterId } = expect2xx(
    await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token: owner,
      body: { firstName: 'Rey', lastName: 'Requester', email: 'rey@sweep.example' },
    }),
    'requester',
  );
  const request = async (who: string) =>
    expect2xx(
      await rt.call<{ requestId: string }>(
        'POST',
        `/v1/orgs/${orgId}/sessions/${approvalSessionId}/requests`,
        {
          token: owner,
          body: { attendeeId: who, partySize: 1 },
        },
      ),
      'join request',
    ).requestId;
  return {
    approvalEventId: eventId,
    approvalSessionId,
    eventInviteId,
    requestId: await request(attendeeId),
    cancelRequestId: await request(requesterId),
  };
};

/** A published, priced event at a venue of its own; returns the event and the venue's room. */
const pricedEvent = async (rt: TestRuntime, owner: string, orgId: string, venueName: string) => {
  const { venueId, roomId } = await venueWithRoom(rt, owner, orgId, venueName);
  const { eventId } = expect2xx(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token: owner,
      body: {
        venueId,
        title: 'Bookable event',
        defaultCapacity: 10,
        price: { kind: 'paid', amountMinor: 1200, currency: 'EUR' },
        // The sweep's booking routes act on two bookings of one attendee per session.
        settings: { bookingsPerAttendee: 2 },
      },
    }),
    'bookable event',
  );
  expect2xx(
    await rt.call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
      token: owner,
      body: { status: 'published' },
    }),
    'publish',
  );
  return { eventId, roomId };
};

export const buildSweepWorld = async (rt: TestRuntime, name: string): Promise<SweepWorld> => {
  const owner = await rt.mintToken(user(`${name}-owner`));
  const outsider = await rt.mintToken(user(`${name}-outsider`));
  const { orgId } = expect2xx(
    await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token: owner, body: { name: `${name} target` } }),
    'create target',
  );
  expect2xx(
    await rt.call('POST', '/v1/orgs', { token: outsider, body: { name: `${name} other` } }),
    'other org',
  );
  const others = ['admin', 'organizer', 'staff', 'viewer', 'door'] as const;
  const joined = await Promise.all(others.map((role) => join(rt, owner, orgId, `${name}-${role}`, role)));
  const memberId = `${name}-target-staff`;
  await join(rt, owner, orgId, memberId, 'staff');
  const { inviteId } = expect2xx(
    await rt.call<{ inviteId: string }>('POST', `/v1/orgs/${orgId}/invites`, {
      token: owner,
      body: { email: 'pending@sweep.example', role: 'viewer' },
    }),
    'pending invite',
  );
  const { attendeeId } = expect2xx(
    await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token: owner,
      body: { firstName: 'Pat', lastName: 'Target', email: 'pat@sweep.example' },
    }),
    'attendee',
  );
  const { attendeeId: guestId } = expect2xx(
    await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token: owner,
      body: { firstName: 'Gil', lastName: 'Guest', email: 'gil@sweep.example' },
    }),
    'guest',
  );
  const { partyId } = expect2xx(
    await rt.call<{ partyId: string }>('POST', `/v1/orgs/${orgId}/parties`, {
      token: owner,
      body: { name: 'Target party', leaderId: attendeeId },
    }),
    'party',
  );
  const { venueId, roomId } = await venueWithRoom(rt, owner, orgId, 'Target hall');
  const { eventId } = expect2xx(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token: owner,
      body: { venueId, title: 'Target event', defaultCapacity: 50 },
    }),
    'event',
  );
  const sessionId = await seatedSession(rt, owner, { orgId, eventId, roomId }, '2027-02-01T19:00');
  const cancelSessionId = await seatedSession(rt, owner, { orgId, eventId, roomId }, '2027-02-03T19:00');
  const { bookingSessionId, bookingId, confirmBookingId } = await bookable(rt, owner, orgId, attendeeId);
  const { waitlistSessionId, waitlistEntryId } = await waitlisted(rt, owner, orgId, attendeeId, guestId);
  const { categoryId } = expect2xx(
    await rt.call<{ categoryId: string }>('POST', `/v1/orgs/${orgId}/events/${eventId}/categories`, {
      token: owner,
      body: { name: 'Target seats', priceMinor: 0, currency: 'EUR', quota: 20 },
    }),
    'ticket category',
  );
  // A second category, which no route sample deletes: the one the promo code samples name.
  const { categoryId: promoCategoryId } = expect2xx(
    await rt.call<{ categoryId: string }>('POST', `/v1/orgs/${orgId}/events/${eventId}/categories`, {
      token: owner,
      body: { name: 'Promo seats', priceMinor: 0, currency: 'EUR' },
    }),
    'promo category',
  );
  const approval = await approvalEvent(rt, owner, orgId, attendeeId);
  const { listId: checkinListId } = expect2xx(
    await rt.call<{ listId: string }>('POST', `/v1/orgs/${orgId}/checkin-lists`, {
      token: owner,
      body: { name: 'Target doors', sessionIds: [bookingSessionId] },
    }),
    'check-in list',
  );
  const { subscription } = expect2xx(
    await rt.call<{ subscription: { subscriptionId: string } }>('POST', `/v1/orgs/${orgId}/webhooks`, {
      token: owner,
      body: { url: 'https://hooks.example.com/evently', eventTypes: ['booking.confirmed'] },
    }),
    'webhook subscription',
  );
  const webhookSubscriptionId = subscription.subscriptionId;
  const conferencePath = `/v1/orgs/${orgId}/events/${approval.approvalEventId}`;
  const { speakerId } = expect2xx(
    await rt.call<{ speakerId: string }>('POST', `${conferencePath}/speakers`, {
      token: owner,
      body: { name: 'Target Speaker', fee: { amountMinor: 50000, currency: 'EUR' } },
    }),
    'speaker',
  );
  const { sponsorId } = expect2xx(
    await rt.call<{ sponsorId: string }>('POST', `${conferencePath}/sponsors`, {
      token: owner,
      body: { companyName: 'Target Sponsor', tier: 'silver' },
    }),
    'sponsor',
  );
  const materials = await sweepMaterials(rt, owner, `${conferencePath}/materials`);
  const sponsorships = await sweepSponsorships(rt, owner, conferencePath);
  // The viewer is on the team of the target's draft event with every permission: a team of one
  // event opens none of another's routes (the cross-organization sweep checks it).
  expect2xx(
    await rt.call('PUT', `/v1/orgs/${orgId}/events/${eventId}/team/${name}-viewer`, {
      token: owner,
      body: { role: 'organizer' },
    }),
    'team place',
  );
  // The session's agenda entry, so a status change (a POST, swept before the PUT that sets it) has one.
  expect2xx(
    await rt.call('PUT', `${conferencePath}/agenda/${approval.approvalSessionId}`, {
      token: owner,
      body: { title: 'Target talk', type: 'talk' },
    }),
    'agenda entry',
  );
  // Expenses submitted by the admin, so that the owner may decide them (never one's own): one to
  // approve and pay, one to reject, one left pending to edit.
  const expense = async (name: string) =>
    expect2xx(
      await rt.call<{ expenseId: string }>('POST', `${conferencePath}/expenses`, {
        token: joined[0],
        body: { name, category: 'catering', amountMinor: 12500, currency: 'EUR' },
      }),
      `expense ${name}`,
    ).expenseId;
  const expenseId = await expense('Target coffee');
  const rejectExpenseId = await expense('Target flowers');
  const pendingExpenseId = await expense('Target snacks');
  // Draft announcements to the everyone of the approval event: sent, scheduled and cancelled by samples.
  const announcement = async (title: string) =>
    expect2xx(
      await rt.call<{ announcementId: string }>('POST', `${conferencePath}/announcements`, {
        token: owner,
        body: { title, content: 'Target announcement', audience: 'attendees', channels: ['in_app'] },
      }),
      `announcement ${title}`,
    ).announcementId;
  const sendAnnouncementId = await announcement('Target send');
  const scheduleAnnouncementId = await announcement('Target schedule');
  const cancelAnnouncementId = await announcement('Target cancel');
  const operations = await sweepOperations(rt, owner, orgId, conferencePath);
  const tasks = await sweepTasks(rt, owner, orgId, approval.approvalEventId);
  const agents = await sweepAgents(rt, owner, orgId, approval.approvalEventId);
  const marketing = await sweepMarketing(rt, owner, orgId, conferencePath);
  const workflowId = await sweepAutomation(rt, owner, orgId, eventId);
  const profile = await sweepProfile(rt, owner, `${name}-owner`);
  const tokens = { owner, ...Object.fromEntries(others.map((role, i) => [role, joined[i]])) } as Record<
    Role,
    string
  >;
  return {
    target: {
      orgId,
      inviteId,
      memberId,
      attendeeId,
      partyId,
      guestId,
      venueId,
      eventId,
      roomId,
      sessionId,
      cancelSessionId,
      bookingSessionId,
      bookingId,
      confirmBookingId,
      waitlistSessionId,
      waitlistEntryId,
      checkinListId,
      categoryId,
      promoCategoryId,
      webhookSubscriptionId,
      speakerId,
      sponsorId,
      expenseId,
      rejectExpenseId,
      pendingExpenseId,
      ...materials,
      ...sponsorships,
      sendAnnouncementId,
      scheduleAnnouncementId,
      cancelAnnouncementId,
      ...operations,
      ...tasks,
      ...agents,
      ...marketing,
      workflowId,
      ...approval,
      ...profile,
    },
    tokens,
    ownerSub: `${name}-owner`,
    outsider,
  };
};

const sortedKeys = (_key: string, value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
    : value;

/** Every item of the runtime's table, in a stable order, to prove that a request changed nothing. */
export const tableSnapshot = async (rt: TestRuntime): Promise<string> => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: rt.runtime.dynamoEndpoint });
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: rt.runtime.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items
    .flatMap(asChanged)
    .map((item) => JSON.stringify(item, sortedKeys))
    .sort()
    .join('\n');
};

/** The links of the audit trail's hash chains, which the sealer writes after each commit. */
const sealerFields = new Set(['seq', 'prevId', 'prevHash', 'hash']);

/**
 * An item as a request may change it: the audit trail's chain heads and its records' links are
 * written by the sealer after their commit, in the background, so they are left out. A record
 * itself is not: a refused request that wrote one would show.
 */
const asChanged = (item: Record<string, unknown>): Record<string, unknown>[] => {
  if (item.__edb_e__ === 'auditChain') return [];
  if (item.__edb_e__ !== 'auditRecord') return [item];
  return [Object.fromEntries(Object.entries(item).filter(([name]) => !sealerFields.has(name)))];
};

/**
 * Proves that requests change nothing with one scan per request rather than two: the snapshot
 * taken after an unchanged request is the one before the next, as long as no other request was
 * sent through the runtime in between (a test that writes on purpose makes the guard scan afresh).
 */
export const tableGuard = (rt: TestRuntime) => {
  let last: { snapshot: string; requestsSent: number } | undefined;
  return async <T>(call: () => Promise<T>, label: (result: T) => string): Promise<T> => {
    const before = last?.requestsSent === rt.requestsSent ? last.snapshot : await tableSnapshot(rt);
    last = undefined;
    const result = await call();
    const after = await tableSnapshot(rt);
    expect(after, `${label(result)} changed the table`).toBe(before);
    last = { snapshot: after, requestsSent: rt.requestsSent };
    return result;
  };
};

/**
 * Waits until the table stops changing: notifications of the setup are delivered in the
 * background (queue consumers), and a sweep must start from a table nothing else still writes.
 */
const untilQuiet = async (rt: TestRuntime, quietMs = 1500, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let before = await tableSnapshot(rt);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = await tableSnapshot(rt);
    if (now === before) return;
    before = now;
  }
  throw new Error('the sweep world kept changing after its setup');
};

/**
 * A local runtime and a sweep world built in `beforeAll` of the calling file, with the route
 * samples aimed at it; `world` and `samples` are read inside tests.
 */
export const useSweepWorld = (name: string) => {
  const rt = useLocalRuntime();
  let built: { world: SweepWorld; samples: ReturnType<typeof routeSamples> } | undefined;
  beforeAll(async () => {
    const world = await buildSweepWorld(rt, name);
    await untilQuiet(rt);
    built = { world, samples: routeSamples(world.target) };
  });
  const current = () => {
    if (!built) throw new Error('the sweep world is built in beforeAll; read it inside tests');
    return built;
  };
  return {
    rt,
    get world() {
      return current().world;
    },
    get samples() {
      return current().samples;
    },
  };
};

/** The path and query of a route called with `params` and `query`. */
export const urlOf = (
  route: RouteDefinition,
  params?: Record<string, string>,
  query?: Record<string, string>,
) => `${fillPath(route.path, params)}${query ? `?${new URLSearchParams(query)}` : ''}`;

/**
 * The sweep's vendors (one the contract names, one to delete), a draft contract of the event, and a
 * document of it whose bytes are uploaded here through its presigned URL, so that completing it succeeds.
 */
const sweepOperations = async (rt: TestRuntime, token: string, orgId: string, eventPath: string) => {
  const vendor = async (name: string) =>
    expect2xx(
      await rt.call<{ vendorId: string }>('POST', `/v1/orgs/${orgId}/vendors`, {
        token,
        body: { name, category: 'catering' },
      }),
      `vendor ${name}`,
    ).vendorId;
  const vendorId = await vendor('Target Catering');
  const spareVendorId = await vendor('Target Spare');
  const contract = expect2xx(
    await rt.call<{ contractId: string }>('POST', `${eventPath}/vendor-contracts`, {
      token,
      body: { vendorId, title: 'Target lunch', amountMinor: 20000, currency: 'EUR' },
    }),
    'contract',
  );
  const bytes = Buffer.from('%PDF-1.4 target contract');
  const started = expect2xx(
    await rt.call<{ document: { documentId: string }; upload: { url: string } }>(
      'POST',
      `${eventPath}/vendor-contracts/${contract.contractId}/documents`,
      { token, body: { fileName: 'target.pdf', contentType: 'application/pdf', sizeBytes: bytes.length } },
    ),
    'contract document',
  );
  const put = await fetch(started.upload.url, {
    method: 'PUT',
    headers: { 'content-type': 'application/pdf' },
    body: bytes,
  });
  if (!put.ok) throw new Error(`contract document upload: ${put.status} ${await put.text()}`);
  return {
    vendorId,
    spareVendorId,
    contractId: contract.contractId,
    documentId: started.document.documentId,
  };
};

/**
 * The owner's profile and a picture of it whose bytes are uploaded here through its presigned URL,
 * so that completing it succeeds. The owner is a member: a booking naming no holder stays refused
 * for them, profile or not (the bad-input sweep sends one).
 */
const sweepProfile = async (rt: TestRuntime, token: string, ownerUserId: string) => {
  expect2xx(
    await rt.call('PUT', '/v1/me/profile', { token, body: { displayName: 'Target Owner' } }),
    'profile',
  );
  const bytes = Buffer.from('\x89PNG target picture');
  const started = expect2xx(
    await rt.call<{ picture: { pictureId: string }; upload: { url: string } }>(
      'POST',
      '/v1/me/profile/pictures',
      {
        token,
        body: { contentType: 'image/png', sizeBytes: bytes.length },
      },
    ),
    'profile picture',
  );
  const put = await fetch(started.upload.url, {
    method: 'PUT',
    headers: { 'content-type': 'image/png' },
    body: bytes,
  });
  if (!put.ok) throw new Error(`profile picture upload: ${put.status} ${await put.text()}`);
  return { ownerUserId, pictureId: started.picture.pictureId };
};

/** The sweep's agent (every tool) and a draft of its announcement for the event, waiting for approval. */
const sweepAgents = async (rt: TestRuntime, token: string, orgId: string, eventId: string) => {
  const agent = expect2xx(
    await rt.call<{ agentId: string }>('POST', `/v1/orgs/${orgId}/agents`, {
      token,
      body: {
        name: 'Target Announcer',
        purpose: 'announcement_drafting',
        instructions: 'Short and friendly.',
        tools: ['read_event', 'draft_announcement', 'draft_marketing_copy'],
      },
    }),
    'agent',
  );
  const draft = expect2xx(
    await rt.call<{ draftId: string }>('POST', `/v1/orgs/${orgId}/agents/${agent.agentId}/drafts`, {
      token,
      body: { eventId, kind: 'announcement', prompt: 'Doors open at six.' },
    }),
    'agent draft',
  );
  return { agentId: agent.agentId, agentDraftId: draft.draftId };
};

/** The sweep's automation workflow: a task for each confirmed booking of the event. */
const sweepAutomation = async (rt: TestRuntime, token: string, orgId: string, eventId: string) =>
  expect2xx(
    await rt.call<{ workflowId: string }>('POST', `/v1/orgs/${orgId}/automations`, {
      token,
      body: {
        name: 'Target follow-up',
        trigger: 'booking.confirmed',
        conditions: [{ field: 'eventId', op: 'eq', value: eventId }],
        actions: [{ type: 'create_task', title: 'Call {{bookingId}}', dueInDays: 2 }],
      },
    }),
    'automation workflow',
  ).workflowId;

/**
 * The sweep's marketing: two social accounts (one for the delete sample), a draft campaign of the
 * event (a sample activates it), a draft post and an influencer agreement with one deliverable.
 */
const sweepMarketing = async (rt: TestRuntime, token: string, orgId: string, eventPath: string) => {
  const account = async (handle: string) =>
    expect2xx(
      await rt.call<{ accountId: string }>('POST', `/v1/orgs/${orgId}/social-accounts`, {
        token,
        body: {
          platform: 'instagram',
          handle,
          displayName: 'Target',
          accessToken: `target-token-${handle}-QZXW`,
        },
      }),
      'social account',
    ).accountId;
  const socialAccountId = await account('target');
  const spareSocialAccountId = await account('spare');
  const { campaignId } = expect2xx(
    await rt.call<{ campaignId: string }>('POST', `${eventPath}/campaigns`, {
      token,
      body: {
        name: 'Target campaign',
        channel: 'social',
        startsAt: '2027-03-01T00:00:00Z',
        endsAt: '2027-04-01T00:00:00Z',
        budget: { amountMinor: 100000, currency: 'EUR' },
      },
    }),
    'campaign',
  );
  const path = `${eventPath}/campaigns/${campaignId}`;
  const { postId } = expect2xx(
    await rt.call<{ postId: string }>('POST', `${path}/posts`, {
      token,
      body: { accountId: socialAccountId, text: 'Target post' },
    }),
    'post',
  );
  const influencer = expect2xx(
    await rt.call<{ influencerId: string; deliverables: Array<{ deliverableId: string }> }>(
      'POST',
      `${path}/influencers`,
      {
        token,
        body: {
          name: 'Target Influencer',
          handle: '@target',
          platform: 'tiktok',
          fee: { amountMinor: 30000, currency: 'EUR' },
          deliverables: [{ kind: 'video', dueDate: '2027-03-20' }],
        },
      },
    ),
    'influencer campaign',
  );
  return {
    socialAccountId,
    spareSocialAccountId,
    campaignId,
    postId,
    influencerId: influencer.influencerId,
    deliverableId: influencer.deliverables[0]?.deliverableId ?? '',
  };
};

/**
 * The sweep's materials: a link and a public link (available at once), and a file whose bytes are
 * uploaded here through its presigned URL, so that completing it succeeds.
 */
const sweepMaterials = async (rt: TestRuntime, token: string, path: string) => {
  const create = async (body: Record<string, unknown>) =>
    expect2xx(
      await rt.call<{ material: { materialId: string }; upload: { url: string } | null }>('POST', path, {
        token,
        body: { title: 'Target material', ...body },
      }),
      'material',
    );
  const link = await create({ materialType: 'link', accessLevel: 'attendees', url: 'https://example.com/a' });
  const open = await create({ materialType: 'link', accessLevel: 'public', url: 'https://example.com/b' });
  const bytes = Buffer.from('target handout');
  const file = await create({
    materialType: 'document',
    accessLevel: 'attendees',
    contentType: 'text/plain',
    sizeBytes: bytes.length,
  });
  const put = await fetch(file.upload?.url ?? '', {
    method: 'PUT',
    headers: { 'content-type': 'text/plain' },
    body: bytes,
  });
  if (!put.ok) throw new Error(`material upload: ${put.status} ${await put.text()}`);
  return {
    materialId: link.material.materialId,
    publicMaterialId: open.material.materialId,
    uploadedMaterialId: file.material.materialId,
  };
};

/**
 * The sweep's sponsorship sales: a package (one step, one activation, slots to spare), a deal at
 * proposal_sent that a sample signs, and a signed deal whose step and activation samples change.
 */
const sweepSponsorships = async (rt: TestRuntime, token: string, eventPath: string) => {
  const { packageId } = expect2xx(
    await rt.call<{ packageId: string }>('POST', `${eventPath}/sponsorship-packages`, {
      token,
      body: {
        name: 'Target gold',
        tier: 'gold',
        price: { amountMinor: 500000, currency: 'EUR' },
        quantity: 5,
        onboardingSteps: ['Logo received'],
        activations: [{ name: 'Logo on website' }],
      },
    }),
    'sponsorship package',
  );
  const deals = `${eventPath}/sponsorship-deals`;
  const dealAt = async (company: string, statuses: string[]) => {
    const { dealId } = expect2xx(
      await rt.call<{ dealId: string }>('POST', deals, { token, body: { packageId, companyName: company } }),
      `deal ${company}`,
    );
    for (const status of statuses)
      expect2xx(await rt.call('POST', `${deals}/${dealId}/status`, { token, body: { status } }), status);
    return dealId;
  };
  const signDealId = await dealAt('Target Proposal', ['proposal_sent']);
  const dealId = await dealAt('Target Signed', ['proposal_sent', 'contract_signed']);
  const detail = expect2xx(
    await rt.call<{ steps: Array<{ stepId: string }>; activations: Array<{ activationId: string }> }>(
      'GET',
      `${deals}/${dealId}`,
      { token },
    ),
    'signed deal',
  );
  return {
    sponsorshipPackageId: packageId,
    signDealId,
    dealId,
    stepId: detail.steps[0]?.stepId ?? '',
    activationId: detail.activations[0]?.activationId ?? '',
  };
};
