import type { Role } from './roles.js';

export interface Principal {
  /** JWT `sub`: the user id across organizations. */
  sub: string;
  /** Present only when the token's `email_verified` claim is true. */
  email?: string;
  /** E.164; present only when the token's `phone_number_verified` claim is true. */
  phone?: string;
  name?: string;
}

export interface OrgSettings {
  defaultTimezone?: string;
  defaultCurrency?: string;
  locale?: string;
  /** Tax on paid bookings (GST, VAT): a percentage of the price and the organizer's number. */
  tax?: { name: string; ratePercent: number; number?: string };
}

export type OrgStatus = 'active' | 'deleting';

/** `team`: created through the organizations API; `personal`: a user's own, for hosting (discovery). */
export type OrgKind = 'team' | 'personal';

export interface Organization {
  orgId: string;
  name: string;
  domain: string | null;
  kind: OrgKind;
  status: OrgStatus;
  settings: OrgSettings;
  createdAt: string;
  updatedAt: string;
}

export type MemberStatus = 'active' | 'suspended';

export interface Member {
  orgId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  status: MemberStatus;
  joinedAt: string;
  updatedAt: string;
}

export type InviteStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invite {
  orgId: string;
  inviteId: string;
  /** The invitee's address; null once the account that accepted it was erased. */
  email: string | null;
  role: Role;
  /** Stored status; a `pending` invite past `expiresAt` is reported as `expired` (see inviteView). */
  status: InviteStatus;
  tokenHash: string;
  invitedBy: string;
  expiresAt: string;
  createdAt: string;
  respondedAt: string | null;
  /** The user who accepted it. */
  acceptedBy: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
