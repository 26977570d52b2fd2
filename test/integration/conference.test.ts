import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createEvent } from '../../functions/modules/catalog/domain/events.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import { createVenue } from '../../functions/modules/catalog/domain/venues.js';
import { changeAgendaStatus, setAgendaEntry } from '../../functions/modules/conference/domain/agenda.js';
import { eventAgenda } from '../../functions/modules/conference/domain/agenda-reads.js';
import { createSpeaker, updateSpeaker } from '../../functions/modules/conference/domain/speakers.js';
import { createSponsor } from '../../functions/modules/conference/domain/sponsors.js';
import { eventInput, orgWith } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * The conference stores on DynamoDB Local: a speaker given overlapping sessions by concurrent
 * agenda writes gets exactly one of them (each write guards the speaker's version), concurrent
 * changes of one speaker all land, and an event's conference items are purged page by page.
 */

const owner = user('conf-boss');

describe('conference on DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let orgId: string;
  let eventId: string;
  /** Four sessions at the same hour in four rooms: every two overlap. */
  let sessions: string[];
  let roomIds: string[];

  /** One session at `startsAt` in each of the first `rooms` rooms: every two overlap. */
  const sessionsAt = async (startsAt: string, rooms: number): Promise<string[]> => {
    const ids: string[] = [];
    for (const roomId of roomIds.slice(0, rooms)) {
      const created = await createSessions(c.deps, owner, orgId, eventId, { startsAt, roomId });
      ids.push(created.sessions[0]!.sessionId);
    }
    return ids;
  };

  beforeAll(async () => {
    c = await freshContainer();
    orgId = await orgWith(c, owner.sub);
    const venue = await createVenue(c.deps, owner, orgId, {
      name: 'Centre',
      address: 'Uferstraße 12',
      city: 'Berlin',
      timezone: 'Europe/Berlin',
      rooms: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }],
    });
    ({ eventId } = await createEvent(c.deps, owner, orgId, eventInput(venue.venueId, { title: 'Conf' })));
    roomIds = venue.rooms.map((r) => r.roomId);
    sessions = await sessionsAt('2027-05-01T10:00', 4);
  });

  it('gives a speaker exactly one of four overlapping sessions assigned at once', async () => {
    const speaker = await createSpeaker(c.deps, owner, orgId, eventId, { name: 'Ada' });
    const results = await Promise.allSettled(
      sessions.map((sessionId) =>
        setAgendaEntry(c.deps, owner, orgId, eventId, sessionId, {
          title: `Talk in ${sessionId}`,
          type: 'talk',
          speakerIds: [speaker.speakerId],
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toMatch(/^(SPEAKER_DOUBLE_BOOKED|CONFLICT)$/);
    }
    const agenda = await eventAgenda(c.deps, owner, orgId, eventId, {});
    expect(agenda.filter((i) => i.entry.speakerIds.includes(speaker.speakerId))).toHaveLength(1);
  });

  it('refuses a speaker whose other overlapping session was committed right after the speakers were read', async () => {
    const later = await sessionsAt('2027-05-01T15:00', 2);
    const speaker = await createSpeaker(c.deps, owner, orgId, eventId, { name: 'Lin' });
    const first = later[0]!;
    const second = later[1]!;
    const talk = (sessionId: string) => ({
      title: `Talk in ${sessionId}`,
      type: 'talk' as const,
      speakerIds: [speaker.speakerId],
    });
    // The other assignment commits as this write reads the speakers, and before it reads the
    // entries: it must then see that entry (or find the speaker's version moved).
    let interleaved = false;
    const speakers = {
      ...c.deps.speakers,
      list: async (...args: Parameters<typeof c.deps.speakers.list>) => {
        if (!interleaved) {
          interleaved = true;
          await setAgendaEntry(c.deps, owner, orgId, eventId, first, talk(first));
        }
        return c.deps.speakers.list(...args);
      },
    };
    await expect(
      setAgendaEntry({ ...c.deps, speakers }, owner, orgId, eventId, second, talk(second)),
    ).rejects.toMatchObject({ code: 'SPEAKER_DOUBLE_BOOKED', details: { sessionId: first } });
    expect(interleaved).toBe(true);
    const agenda = await eventAgenda(c.deps, owner, orgId, eventId, { speakerId: speaker.speakerId });
    expect(agenda.map((i) => i.entry.sessionId)).toEqual([first]);
  });

  it('never writes back an entry changed since read: a status move after a speaker was moved elsewhere keeps the move', async () => {
    const [here, there] = (await sessionsAt('2027-05-01T18:00', 2)) as [string, string];
    const speaker = await createSpeaker(c.deps, owner, orgId, eventId, { name: 'Mae' });
    const talk = (speakerIds: string[]) => ({ title: 'Talk', type: 'talk' as const, speakerIds });
    await setAgendaEntry(c.deps, owner, orgId, eventId, here, talk([speaker.speakerId]));
    // While the status move holds its read: the speaker leaves `here` and is given `there`.
    let interleaved = false;
    const agenda = {
      ...c.deps.agenda,
      get: async (...args: Parameters<typeof c.deps.agenda.get>) => {
        const read = await c.deps.agenda.get(...args);
        if (!interleaved) {
          interleaved = true;
          await setAgendaEntry(c.deps, owner, orgId, eventId, here, talk([]));
          await setAgendaEntry(c.deps, owner, orgId, eventId, there, talk([speaker.speakerId]));
        }
        return read;
      },
    };
    const moved = await changeAgendaStatus({ ...c.deps, agenda }, owner, orgId, eventId, here, 'live');
    expect(interleaved).toBe(true);
    expect(moved.entry).toMatchObject({ status: 'live', speakerIds: [] });
    const speaking = await eventAgenda(c.deps, owner, orgId, eventId, { speakerId: speaker.speakerId });
    expect(speaking.map((i) => i.entry.sessionId)).toEqual([there]);
  });

  it('applies concurrent changes of one speaker each in turn', async () => {
    const speaker = await createSpeaker(c.deps, owner, orgId, eventId, { name: 'Grace' });
    await Promise.all([
      updateSpeaker(c.deps, owner, orgId, eventId, speaker.speakerId, { bio: 'Compilers' }),
      updateSpeaker(c.deps, owner, orgId, eventId, speaker.speakerId, { presentationTitle: 'COBOL' }),
      updateSpeaker(c.deps, owner, orgId, eventId, speaker.speakerId, { status: 'confirmed' }),
    ]);
    const after = await c.deps.speakers.get(orgId, eventId, speaker.speakerId);
    expect(after).toMatchObject({
      bio: 'Compilers',
      presentationTitle: 'COBOL',
      status: 'confirmed',
      version: 4,
    });
  });

  it('purges an event’s speakers, sponsors and agenda page by page', async () => {
    for (let i = 0; i < 3; i++)
      await createSponsor(c.deps, owner, orgId, eventId, { companyName: `S${i}`, tier: 'gold' });
    const before = await c.deps.agenda.listByEvent(orgId, eventId);
    expect(before.length).toBeGreaterThan(0);
    // The items the file's tests left: agenda entries, speakers and the three sponsors.
    const speakers = (await c.deps.speakers.list(orgId, eventId, { limit: 100 })).items;
    const total = before.length + speakers.length + 3;
    let pages = 0;
    let removed = 0;
    for (;;) {
      const n = await c.deps.agenda.purgeEvent(orgId, eventId, 2);
      removed += n;
      pages += 1;
      if (n < 2) break;
    }
    expect(removed).toBe(total);
    expect(pages).toBe(Math.floor(total / 2) + 1);
    expect(await c.deps.agenda.listByEvent(orgId, eventId)).toEqual([]);
    expect((await c.deps.speakers.list(orgId, eventId, { limit: 10 })).items).toEqual([]);
    expect(await c.deps.sponsors.listAll(orgId, eventId)).toEqual([]);
  });
});
