import type { AgendaItem } from '../domain/agenda.js';
import type { Speaker, Sponsor } from '../domain/model.js';

/** What each reader sees: organizers everything, other members no money or travel, the public less. */

export const speakerView = ({ version: _v, fee, travelNotes, ...s }: Speaker, organizer: boolean) =>
  organizer ? { ...s, fee, travelNotes } : s;

export const publicSpeakerView = (s: Speaker) => ({
  speakerId: s.speakerId,
  name: s.name,
  bio: s.bio,
  expertise: s.expertise,
  links: s.links,
  headshotUrl: s.headshotUrl,
  presentationTitle: s.presentationTitle,
});

export const sponsorView = ({ contact, amount, representatives, ...s }: Sponsor, organizer: boolean) =>
  organizer ? { ...s, contact, amount, representatives } : s;

export const publicSponsorView = (s: Sponsor) => ({
  sponsorId: s.sponsorId,
  companyName: s.companyName,
  tier: s.tier,
  benefits: s.benefits,
  logoUrl: s.logoUrl,
  websiteUrl: s.websiteUrl,
  links: s.links,
});

export const agendaItemView = ({ entry, session, status, day, speakers }: AgendaItem) => ({
  sessionId: entry.sessionId,
  title: entry.title,
  description: entry.description,
  type: entry.type,
  level: entry.level,
  tags: entry.tags,
  registrationRequired: entry.registrationRequired,
  registrationDeadline: session.registrationDeadline,
  recordingUrl: entry.recordingUrl,
  chatEnabled: entry.chatEnabled,
  status,
  day,
  startsAt: session.startsAt,
  endsAt: session.endsAt,
  timezone: session.timezone,
  venueId: session.venueId,
  roomId: session.roomId,
  speakers: speakers.map(publicSpeakerView),
  updatedAt: entry.updatedAt,
});
