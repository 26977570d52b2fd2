import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import { nextStamp } from '../../../kernel/domain/stamps.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { Deletion } from '../../deletions/index.js';
import { requestDeletion } from '../../deletions/index.js';
import { assertKnownInterests } from '../../discovery/index.js';
import { eventDeleting, invalidTransition, venueDeleting } from './errors.js';
import { markDeletingUnlessLive } from './live-bookings.js';
import {
  defaultEventSettings,
  type Event,
  type EventSettings,
  type EventStatus,
  eventTransitions,
  type PublicEvent,
} from './model.js';
import type { EventFilter, PublicEventFilter } from './ports.js';
import { assertActiveMember } from './references.js';

/** What an organizer gives: the event's own fields, each optional one possibly left out. */
export type CreateEventInput = Pick<
  Event,
  | 'venueId'
  | 'title'
  | 'description'
  | 'defaultDurationMinutes'
  | 'defaultCapacity'
  | 'visibility'
  | 'admission'
  | 'price'
  | 'tags'
  | 'coverImageUrls'
> & {
  /** Interests of the tenant's catalog (none when left out). */
  interestIds?: string[] | undefined;
  hostId?: string | undefined;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  settings: Partial<EventSettings>;
  /** A task template of the organization to generate the event's tasks from (docs/tasks.md). */
  taskTemplateId?: string | undefined;
};

export type UpdateEventInput = {
  [K in Exclude<
    keyof CreateEventInput,
    'hostId' | 'startsAt' | 'endsAt' | 'taskTemplateId' | 'interestIds'
  >]?: CreateEventInput[K] | undefined;
} & {
  interestIds?: string[] | undefined;
  hostId?: string | null | undefined;
  startsAt?: string | null | undefined;
  endsAt?: string | null | undefined;
};

const eventOf = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

/** The venue an event points at must be a venue of the organization that is not being deleted. */
const assertVenue = async (deps: Pick<Deps, 'venues'>, orgId: string, venueId: string) => {
  const venue = await deps.venues.get(orgId, venueId);
  if (!venue) throw validationFailed([{ field: 'venueId', message: 'is not a venue of this organization' }]);
  if (venue.deleting) throw venueDeleting();
  return venue;
};

const assertSpan = (e: Pick<Event, 'startsAt' | 'endsAt'>): void => {
  if (e.startsAt && e.endsAt && e.endsAt <= e.startsAt) {
    throw validationFailed([{ field: 'endsAt', message: 'must be after startsAt' }]);
  }
};

/**
 * Creates the event; with a `taskTemplateId`, then generates its tasks from the template through
 * the tasks module's port (seed 003's event creation flow). The template is checked first, so a
 * wrong one creates nothing; a generation cut off after the event's commit is completed by the
 * event's generate route, which creates only the tasks it lacks.
 */
export const createEvent = async (
  deps: Pick<Deps, 'clock' | 'events' | 'interests' | 'venues' | 'taskGeneration'> & AccessDeps,
  principal: Principal,
  orgId: string,
  input: CreateEventInput,
): Promise<Event> => {
  await authorize(deps, orgId, principal, 'event.manage');
  const interestIds = [...(input.interestIds ?? [])];
  assertKnownInterests(deps.interests, interestIds, 'interestIds');
  const venue = await assertVenue(deps, orgId, input.venueId);
  if (input.hostId) await assertActiveMember(deps, orgId, input.hostId, 'hostId');
  const { settings, hostId, startsAt, endsAt, taskTemplateId, ...fields } = input;
  if (taskTemplateId && !(await deps.taskGeneration.templateExists(orgId, taskTemplateId)))
    throw validationFailed([
      { field: 'taskTemplateId', message: 'is not a task template of this organization' },
    ]);
  const now = deps.clock.now().toISOString();
  const event: Event = {
    ...fields,
    orgId,
    eventId: newId('evt'),
    hostId: hostId ?? null,
    startsAt: startsAt ?? null,
    endsAt: endsAt ?? null,
    tags: [...input.tags],
    interestIds,
    settings: { ...defaultEventSettings, ...givenFields(settings) },
    categoryCount: 0,
    status: 'draft',
    deleting: false,
    createdAt: now,
    updatedAt: now,
  };
  assertSpan(event);
  await deps.events.create(event);
  if (taskTemplateId)
    await deps.taskGeneration.generate({
      orgId,
      eventId: event.eventId,
      templateId: taskTemplateId,
      startsAt: event.startsAt,
      timeZone: venue.timezone,
      by: principal.sub,
    });
  return event;
};

export const getEvent = async (
  deps: Pick<Deps, 'events'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  await authorize(deps, orgId, principal, 'event.read');
  return eventOf(deps, orgId, eventId);
};

export const listEvents = async (
  deps: Pick<Deps, 'events'> & AccessDeps,
  principal: Principal,
  orgId: string,
  filter: EventFilter,
  page: PageRequest,
): Promise<Page<Event>> => {
  await authorize(deps, orgId, principal, 'event.read');
  return deps.events.list(orgId, filter, page);
};

/** Published public events of every organization, for attendee apps; needs no membership. */
export const listPublicEvents = (
  deps: Pick<Deps, 'events'>,
  filter: PublicEventFilter,
  page: PageRequest,
): Promise<Page<PublicEvent>> => deps.events.listPublic(filter, page);

/**
 * Applies `change` to the event as read now (`undefined`: nothing to change); the store refuses
 * the write if the event changed meanwhile.
 */
const changeEvent = async (
  deps: Pick<Deps, 'clock' | 'events'>,
  orgId: string,
  eventId: string,
  change: (current: Event) => Promise<Event | undefined>,
): Promise<Event> => {
  const current = await eventOf(deps, orgId, eventId);
  if (current.deleting) throw eventDeleting();
  const changed = await change(current);
  if (!changed) return current;
  const next: Event = { ...changed, updatedAt: nextStamp(current.updatedAt, deps.clock.now()) };
  await deps.events.replace(current, next);
  return next;
};

export const updateEvent = async (
  deps: Pick<Deps, 'clock' | 'events' | 'interests' | 'venues'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: UpdateEventInput,
): Promise<Event> => {
  await authorize(deps, orgId, principal, 'event.manage');
  if (input.interestIds) assertKnownInterests(deps.interests, input.interestIds, 'interestIds');
  return changeEvent(deps, orgId, eventId, async (current) => {
    const { settings, ...fields } = input;
    if (input.venueId && input.venueId !== current.venueId) await assertVenue(deps, orgId, input.venueId);
    if (input.hostId) await assertActiveMember(deps, orgId, input.hostId, 'hostId');
    const next = {
      ...current,
      ...givenFields(fields),
      settings: { ...current.settings, ...givenFields(settings ?? {}) },
    };
    assertSpan(next);
    return next;
  });
};

/**
 * Moves the event along its lifecycle (see `eventTransitions`). Asking for the status it already
 * has changes nothing, so a retried request answers the same.
 */
export const changeEventStatus = async (
  deps: Pick<Deps, 'clock' | 'events' | 'jobs'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  status: EventStatus,
): Promise<Event> => {
  await authorize(deps, orgId, principal, 'event.manage');
  const event = await changeEvent(deps, orgId, eventId, async (now) => {
    if (now.status === status) return undefined;
    const allowed = eventTransitions[now.status];
    if (!allowed.includes(status)) throw invalidTransition(now.status, status, allowed);
    return { ...now, status };
  });
  // Its sessions (and their bookings) are cancelled in the background. A retry sends the job
  // again, which restarts a lost one; its steps skip what is already cancelled.
  if (status === 'cancelled')
    await deps.jobs.send({ type: 'event.cancel', orgId, eventId, by: principal.sub });
  return event;
};

/**
 * Marks the event deleting (it leaves the public listing and refuses every other change) and
 * starts the cascade that removes it with its sessions. A retried DELETE answers the same deletion.
 */
export const deleteEvent = async (
  deps: Pick<Deps, 'clock' | 'deletions' | 'events' | 'jobs' | 'sessions'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<Deletion> => {
  await authorize(deps, orgId, principal, 'event.manage');
  const event = await eventOf(deps, orgId, eventId);
  await markDeletingUnlessLive(
    deps,
    orgId,
    { kind: 'event', id: eventId },
    {
      mark: () => deps.events.markDeleting(event, deps.clock.now().toISOString()),
      unmark: () => deps.events.unmarkDeleting(event, deps.clock.now().toISOString()),
    },
  );
  return requestDeletion(deps, orgId, { kind: 'event', id: eventId }, principal.sub);
};
