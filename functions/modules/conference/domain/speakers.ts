import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, transitionRefused, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import { isAllowed } from '../../../kernel/domain/permissions.js';
import type { Role } from '../../../kernel/domain/roles.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange, eventForRead } from '../../catalog/index.js';
import { type Link, type Money, type Speaker, type SpeakerStatus, statusMoves } from './model.js';

/** Speakers of an event: organizers manage them (`speaker.manage`); every member reads them. */

export interface SpeakerInput {
  name: string;
  userId?: string | null | undefined;
  attendeeId?: string | null | undefined;
  bio?: string | null | undefined;
  expertise?: string[] | undefined;
  links?: Link[] | undefined;
  headshotUrl?: string | null | undefined;
  presentationTitle?: string | null | undefined;
  presentationDescription?: string | null | undefined;
  presentationMinutes?: number | null | undefined;
  fee?: Money | null | undefined;
  travelNotes?: string | null | undefined;
}

export type SpeakerChange = Partial<SpeakerInput> & { status?: SpeakerStatus | undefined };

type SpeakerDeps = Pick<Deps, 'speakers' | 'events' | 'attendees' | 'clock'> & EventAccessDeps;
type SpeakerReadDeps = Pick<Deps, 'speakers' | 'events'> & EventAccessDeps;

/** Rounds of read-and-write before a speaker that keeps changing answers CONFLICT. */
const attempts = 3;

/** An attendee named as the speaker must be one of this organization's. */
const checkAttendee = async (
  deps: Pick<Deps, 'attendees'>,
  orgId: string,
  attendeeId: string | null | undefined,
): Promise<void> => {
  if (!attendeeId) return;
  if (!(await deps.attendees.get(orgId, attendeeId)))
    throw validationFailed([{ field: 'attendeeId', message: 'no such attendee in this organization' }]);
};

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

export const createSpeaker = async (
  deps: SpeakerDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: SpeakerInput,
): Promise<Speaker> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'speaker.manage');
  await eventForChange(deps, orgId, eventId);
  await checkAttendee(deps, orgId, input.attendeeId);
  const now = deps.clock.now().toISOString();
  const speaker: Speaker = {
    orgId,
    eventId,
    speakerId: newId('spk'),
    userId: orNull(input.userId),
    attendeeId: orNull(input.attendeeId),
    name: input.name,
    bio: orNull(input.bio),
    expertise: input.expertise ?? [],
    links: input.links ?? [],
    headshotUrl: orNull(input.headshotUrl),
    presentationTitle: orNull(input.presentationTitle),
    presentationDescription: orNull(input.presentationDescription),
    presentationMinutes: orNull(input.presentationMinutes),
    status: 'pending',
    fee: orNull(input.fee),
    travelNotes: orNull(input.travelNotes),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.speakers.create(speaker);
  return speaker;
};

export const existingSpeaker = async (
  deps: Pick<Deps, 'speakers'>,
  orgId: string,
  eventId: string,
  speakerId: string,
): Promise<Speaker> => {
  const speaker = await deps.speakers.get(orgId, eventId, speakerId);
  if (!speaker) throw notFound('speaker');
  return speaker;
};

export const getSpeaker = async (
  deps: SpeakerReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  speakerId: string,
): Promise<{ speaker: Speaker; organizer: boolean }> => {
  const { actor } = await authorizeForEvent(deps, orgId, eventId, principal, 'event.read');
  await eventForRead(deps, orgId, eventId);
  return {
    speaker: await existingSpeaker(deps, orgId, eventId, speakerId),
    organizer: isOrganizer(actor.role),
  };
};

export const listSpeakers = async (
  deps: SpeakerReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<{ page: Page<Speaker>; organizer: boolean }> => {
  const { actor } = await authorizeForEvent(deps, orgId, eventId, principal, 'event.read');
  await eventForRead(deps, orgId, eventId);
  return { page: await deps.speakers.list(orgId, eventId, page), organizer: isOrganizer(actor.role) };
};

/** Fee and travel notes are for those who manage speakers. */
const isOrganizer = (role: Role): boolean => isAllowed(role, 'speaker.manage');

export const updateSpeaker = async (
  deps: SpeakerDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  speakerId: string,
  change: SpeakerChange,
): Promise<Speaker> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'speaker.manage');
  await eventForChange(deps, orgId, eventId);
  await checkAttendee(deps, orgId, change.attendeeId);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const before = await existingSpeaker(deps, orgId, eventId, speakerId);
    if (change.status !== undefined && change.status !== before.status) {
      const allowed = statusMoves[before.status];
      if (!allowed.includes(change.status))
        throw transitionRefused('speaker', before.status, change.status, allowed);
    }
    const after: Speaker = {
      ...before,
      ...givenFields(change),
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    if (await deps.speakers.save(before, after)) return after;
  }
  throw new DomainError('CONFLICT', 'the speaker keeps changing; try again');
};
