import type { EntityItem } from 'electrodb';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { AgendaEntry, Speaker, Sponsor } from '../domain/model.js';
import type { agendaEntryEntity } from './entities/agenda-entry.js';
import type { speakerEntity } from './entities/speaker.js';
import type { sponsorEntity } from './entities/sponsor.js';

/** Between the conference's domain objects and their items (money and contacts stored flat). */

type SpeakerItem = EntityItem<typeof speakerEntity>;
type SponsorItem = EntityItem<typeof sponsorEntity>;
type AgendaItem = EntityItem<typeof agendaEntryEntity>;

export const storedSpeaker = ({ fee, ...s }: Speaker) => ({
  ...toStored(s),
  listedUser: s.userId ?? unlisted,
  ...(fee ? { feeMinor: fee.amountMinor, feeCurrency: fee.currency } : {}),
});

const speakerFields = fromStored<Omit<Speaker, 'fee'>, Omit<SpeakerItem, 'feeMinor' | 'feeCurrency'>>({
  nullable: {
    userId: true,
    attendeeId: true,
    bio: true,
    headshotUrl: true,
    presentationTitle: true,
    presentationDescription: true,
    presentationMinutes: true,
    travelNotes: true,
  },
  itemOnly: { listedUser: true },
});

export const toSpeaker = ({ feeMinor, feeCurrency, ...item }: SpeakerItem): Speaker => ({
  ...speakerFields(item),
  fee:
    feeMinor !== undefined && feeCurrency !== undefined
      ? { amountMinor: feeMinor, currency: feeCurrency }
      : null,
});

export const storedSponsor = ({ contact, amount, ...s }: Sponsor) => ({
  ...toStored(s),
  ...toStored({ contactName: contact.name, contactEmail: contact.email, contactPhone: contact.phone }),
  ...(amount ? { amountMinor: amount.amountMinor, currency: amount.currency } : {}),
});

const sponsorFields = fromStored<
  Omit<Sponsor, 'contact' | 'amount'>,
  Omit<SponsorItem, 'contactName' | 'contactEmail' | 'contactPhone' | 'amountMinor' | 'currency'>
>({
  nullable: { logoUrl: true, websiteUrl: true },
  itemOnly: {},
});

export const toSponsor = ({
  contactName,
  contactEmail,
  contactPhone,
  amountMinor,
  currency,
  ...item
}: SponsorItem): Sponsor => ({
  ...sponsorFields(item),
  representatives: item.representatives ?? [],
  contact: { name: contactName ?? null, email: contactEmail ?? null, phone: contactPhone ?? null },
  amount: amountMinor !== undefined && currency !== undefined ? { amountMinor, currency } : null,
});

export const storedAgendaEntry = (e: AgendaEntry) => toStored(e);

export const toAgendaEntry = fromStored<AgendaEntry, AgendaItem>({
  nullable: { description: true, level: true, recordingUrl: true },
  itemOnly: {},
});
