import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { AgendaEntry, Speaker, Sponsor } from './model.js';

/** An event's speakers. Writes of a speaker are guarded by its `version`. */
export interface SpeakerStore {
  create(speaker: Speaker): Promise<void>;
  get(orgId: string, eventId: string, speakerId: string): Promise<Speaker | undefined>;
  list(orgId: string, eventId: string, page: PageRequest): Promise<Page<Speaker>>;
  /** Every speaker entry of one user in the organization (one per event they speak at). */
  listByUser(orgId: string, userId: string): Promise<Speaker[]>;
  /** Writes `after` if the stored speaker is still at `before.version`; false if it changed. */
  save(before: Speaker, after: Speaker): Promise<boolean>;
}

export interface SponsorStore {
  create(sponsor: Sponsor): Promise<void>;
  /**
   * Puts the sponsor unless one with its id is there; false when it was (a sponsor created for a
   * signed sponsorship deal, whose id the deal's derives, is created once however often asked).
   */
  createOnce(sponsor: Sponsor): Promise<boolean>;
  get(orgId: string, eventId: string, sponsorId: string): Promise<Sponsor | undefined>;
  list(orgId: string, eventId: string, page: PageRequest): Promise<Page<Sponsor>>;
  /** Every sponsor of the event (the public list groups them by tier). */
  listAll(orgId: string, eventId: string): Promise<Sponsor[]>;
  replace(next: Sponsor): Promise<void>;
}

/** A speaker assigned by an agenda write, at the version its overlap check read. */
export interface SpeakerGuard {
  speakerId: string;
  version: number;
}

export interface AgendaStore {
  get(orgId: string, eventId: string, sessionId: string): Promise<AgendaEntry | undefined>;
  /** Every agenda entry of the event, strongly consistent (one partition). */
  listByEvent(orgId: string, eventId: string): Promise<AgendaEntry[]>;
  /**
   * Writes the entry in one transaction with a bump of each guarded speaker's version, conditional
   * on the version it was checked at: two writes that give one speaker two sessions cannot both
   * pass their overlap check. The entry itself must be as read (`before`'s `updatedAt`, or none),
   * so a write built on an old read never puts back speakers or a status changed meanwhile. False
   * when the entry or a speaker changed meanwhile.
   */
  put(entry: AgendaEntry, guards: readonly SpeakerGuard[], before: AgendaEntry | undefined): Promise<boolean>;
  /**
   * Deletes up to `limit` conference items of the event (speakers, sponsors, agenda entries);
   * fewer means none is left.
   */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}
