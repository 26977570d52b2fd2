/**
 * The conference side of an event (docs/conference.md): its speakers, its sponsors and its agenda
 * (what each session is about and who speaks). Times come from the catalog's sessions; the
 * agenda never copies them, so a moved session is where the catalog says it is.
 */

export type SpeakerStatus = 'pending' | 'confirmed' | 'cancelled';
export type SponsorStatus = 'pending' | 'confirmed' | 'cancelled';
export type SponsorTier = 'platinum' | 'gold' | 'silver' | 'bronze' | 'partner';
export type AgendaSessionType = 'keynote' | 'workshop' | 'panel' | 'networking' | 'break' | 'talk';
export type AgendaLevel = 'beginner' | 'intermediate' | 'advanced';
/** Set by organizers on an agenda entry; a cancelled session is the catalog's and shows as `cancelled`. */
export type AgendaStatus = 'scheduled' | 'live' | 'completed';

export const sponsorTiers: readonly SponsorTier[] = ['platinum', 'gold', 'silver', 'bronze', 'partner'];

export interface Link {
  label: string;
  url: string;
}

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Speaker {
  orgId: string;
  eventId: string;
  speakerId: string;
  /** The signed-in user who is this speaker (they see their own sessions), if any. */
  userId: string | null;
  /** The organization's attendee record of the speaker, if any. */
  attendeeId: string | null;
  name: string;
  bio: string | null;
  expertise: string[];
  links: Link[];
  headshotUrl: string | null;
  presentationTitle: string | null;
  presentationDescription: string | null;
  presentationMinutes: number | null;
  status: SpeakerStatus;
  /** Organizers only: never in a public or speaker's view. */
  fee: Money | null;
  travelNotes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SponsorContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface Sponsor {
  orgId: string;
  eventId: string;
  sponsorId: string;
  companyName: string;
  tier: SponsorTier;
  /** Organizers only. */
  contact: SponsorContact;
  /**
   * The signed-in users who represent the sponsor (organizers only): they download the event's
   * sponsors-only materials and receive its announcements to sponsors.
   */
  representatives: string[];
  amount: Money | null;
  benefits: string[];
  logoUrl: string | null;
  websiteUrl: string | null;
  links: Link[];
  status: SponsorStatus;
  createdAt: string;
  updatedAt: string;
}

/** What a session is about: one entry per session that has one. */
export interface AgendaEntry {
  orgId: string;
  eventId: string;
  sessionId: string;
  title: string;
  description: string | null;
  type: AgendaSessionType;
  level: AgendaLevel | null;
  speakerIds: string[];
  tags: string[];
  /** Shown to readers; the deadline that closes registration is the catalog session's. */
  registrationRequired: boolean;
  recordingUrl: string | null;
  chatEnabled: boolean;
  status: AgendaStatus;
  createdAt: string;
  updatedAt: string;
}

/** Where a speaker or sponsor may go from each status; cancelled is final. */
export const statusMoves: Record<SpeakerStatus, readonly SpeakerStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['cancelled'],
  cancelled: [],
};

/** An agenda entry runs scheduled -> live -> completed (or straight to completed). */
export const agendaMoves: Record<AgendaStatus, readonly AgendaStatus[]> = {
  scheduled: ['live', 'completed'],
  live: ['completed'],
  completed: [],
};
