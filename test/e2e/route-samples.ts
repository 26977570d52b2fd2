import type { OperationId } from '../../functions/app/routes.js';
import { derivedId } from '../../functions/kernel/domain/ids.js';
import type { Action } from '../../functions/kernel/domain/permissions.js';

/** Ids of the organization the sweeps attack; created by the sweep's setup. */
export interface SweepTarget {
  orgId: string;
  inviteId: string;
  /** A member other than the owner (role `staff`). */
  memberId: string;
  /** A venue with one room, and a draft event at it. */
  venueId: string;
  eventId: string;
  /** The venue's room, and a seated session (seats A1..A10) of the event in it. */
  roomId: string;
  sessionId: string;
  /** Another seated session of the event, for the cancellation (a cancelled session takes no changes). */
  cancelSessionId: string;
  /** An attendee who leads the party `partyId`, and one in no party. */
  attendeeId: string;
  partyId: string;
  guestId: string;
  /** A seated session (A1..A10) of a published, priced event, and a held booking of `attendeeId` in it. */
  bookingSessionId: string;
  bookingId: string;
  /** A second held booking of the same session, with no payment order: staff confirm it. */
  confirmBookingId: string;
  /** A full one-place session of a priced event (its place held for `attendeeId`), and `guestId` waiting for it. */
  waitlistSessionId: string;
  waitlistEntryId: string;
  /** A check-in list of `bookingSessionId`. */
  checkinListId: string;
  /** A ticket category of `eventId`, and another one that no sample deletes. */
  categoryId: string;
  promoCategoryId: string;
  /** A published free event admitting by approval, its session, and a direct invite to it. */
  approvalEventId: string;
  approvalSessionId: string;
  eventInviteId: string;
  /** Pending join requests of `approvalSessionId` (of `attendeeId`, and of a third attendee). */
  requestId: string;
  cancelRequestId: string;
  /** A webhook subscription (to an endpoint nobody answers). */
  webhookSubscriptionId: string;
  /** A speaker and a sponsor of `approvalEventId`. */
  speakerId: string;
  sponsorId: string;
  /**
   * Pending expenses of `approvalEventId` submitted by the admin (the owner decides them): one to
   * approve and then pay, one to reject, one that stays pending for the edit.
   */
  expenseId: string;
  rejectExpenseId: string;
  pendingExpenseId: string;
  /**
   * Materials of `approvalEventId`: a link for attendees, a file for attendees whose bytes the setup
   * uploaded (not completed yet), and a public link.
   */
  materialId: string;
  uploadedMaterialId: string;
  publicMaterialId: string;
  /** Draft announcements of `approvalEventId`: one to send now, one to schedule (then edit), one to cancel. */
  sendAnnouncementId: string;
  scheduleAnnouncementId: string;
  cancelAnnouncementId: string;
  /** Active vendors of the organization: one the contracts name, one the delete sample removes. */
  vendorId: string;
  spareVendorId: string;
  /** A draft contract of `approvalEventId` with `vendorId`, and a document of it whose bytes the setup uploaded (not completed). */
  contractId: string;
  documentId: string;
  /**
   * A task template of two specs, tasks of `approvalEventId`: one to move, read and edit (assigned
   * to nobody, so only task managers move it), one nothing depends on to delete.
   */
  taskTemplateId: string;
  taskId: string;
  deleteTaskId: string;
  /**
   * Sponsorship sales of `approvalEventId`: a package, a deal at proposal_sent (a sample signs it)
   * and a signed deal with its onboarding step and activation.
   */
  sponsorshipPackageId: string;
  signDealId: string;
  dealId: string;
  stepId: string;
  activationId: string;
  /** An agent with every tool, and a draft of its announcement for `approvalEventId` (status draft). */
  agentId: string;
  agentDraftId: string;
  /**
   * Marketing of `approvalEventId`: a draft campaign, a draft post of it on `socialAccountId`, an
   * influencer agreement with one deliverable; a spare social account the delete sample removes.
   */
  campaignId: string;
  postId: string;
  influencerId: string;
  deliverableId: string;
  socialAccountId: string;
  spareSocialAccountId: string;
  /** The owner's user id, whose profile the setup made, and a picture of it whose bytes it uploaded (not completed). */
  ownerUserId: string;
  pictureId: string;
  /** An automation workflow (create a task on a confirmed booking of `eventId`). */
  workflowId: string;
}

export interface Sample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A valid body; the bad-input sweep derives its broken variants from it. */
  body?: Record<string, unknown>;
  /** The permission the route needs inside the target organization; none for tenant-free routes. */
  action?: Action;
  /**
   * Open to every signed-in user of the organization, member or not, and reaching only the
   * caller's own records (`/v1/orgs/{orgId}/me`): the role sweep does not apply.
   */
  selfService?: true;
}

/** The params naming the connection `attendeeId` and `guestId` would have at `eventId`. */
const connectionOf = (t: SweepTarget) => {
  const pair = [t.attendeeId, t.guestId].sort();
  return {
    orgId: t.orgId,
    eventId: t.eventId,
    connectionId: derivedId('cnx', t.orgId, t.eventId, ...pair),
  };
};

/** The sample device: the owner registers it, lists it and removes it (its id derives from the token). */
const sampleDeviceToken = '5f3c'.repeat(16);

/**
 * One valid request per route. Typed as a full record of operation ids, so adding a route to the
 * manifest without a sample here fails the typecheck, and with it the sweeps.
 */
export const routeSamples = (t: SweepTarget): Record<OperationId, Sample> => ({
  getHealth: {},
  getOpenApi: {},
  // Phone sign-in (no token, no organization); verifying needs the code sent: test/e2e/phone-sign-in.test.ts.
  startPhoneSignIn: { body: { phone: '+4915100000001' } },
  verifyPhoneSignIn: {
    body: { phone: '+4915100000001', session: 'sweep-session-0123456789', code: '123456' },
  },
  // A made-up refresh token: refreshing refuses it (test/e2e/phone-sign-in.test.ts refreshes a real
  // one); signing out answers alike for every token.
  refreshSignIn: { body: { refreshToken: 'sweep-refresh-token-0123456789' } },
  signOut: { body: { refreshToken: 'sweep-refresh-token-0123456789' } },
  createOrganization: { body: { name: 'Sweep Org', domain: 'sweep.example' } },
  getOrganization: { params: { orgId: t.orgId }, action: 'organization.read' },
  updateOrganization: {
    params: { orgId: t.orgId },
    body: { name: 'Renamed' },
    action: 'organization.update',
  },
  deleteOrganization: { params: { orgId: t.orgId }, action: 'organization.delete' },
  listMembers: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'member.list' },
  updateMember: {
    params: { orgId: t.orgId, userId: t.memberId },
    body: { role: 'viewer' },
    action: 'member.update',
  },
  removeMember: { params: { orgId: t.orgId, userId: t.memberId }, action: 'member.remove' },
  createInvite: {
    params: { orgId: t.orgId },
    body: { email: 'new@example.com', role: 'viewer' },
    action: 'invite.create',
  },
  listInvites: { params: { orgId: t.orgId }, query: { status: 'pending' }, action: 'invite.list' },
  revokeInvite: { params: { orgId: t.orgId, inviteId: t.inviteId }, action: 'invite.revoke' },
  acceptInvite: { body: { token: `${t.orgId}.${t.inviteId}.not-the-secret-but-long-enough` } },
  listMyMemberships: { query: { limit: '5' } },
  createVenue: {
    params: { orgId: t.orgId },
    body: {
      name: 'Sweep Hall',
      address: 'Sweepstraße 1',
      city: 'Berlin',
      timezone: 'Europe/Berlin',
      geo: { lat: 52.5, lng: 13.4 },
      type: 'theatre',
      rooms: [{ name: 'Main', capacity: 50 }],
      managerId: t.memberId,
    },
    action: 'venue.manage',
  },
  listVenues: { params: { orgId: t.orgId }, query: { managerId: t.memberId }, action: 'venue.read' },
  getVenue: { params: { orgId: t.orgId, venueId: t.venueId }, action: 'venue.read' },
  updateVenue: {
    params: { orgId: t.orgId, venueId: t.venueId },
    // geo, type and managerId take null (it clears them), so they are left out of the null sweep.
    body: {
      name: 'Renamed hall',
      city: 'Hamburg',
      rooms: [{ roomId: t.roomId, name: 'Main' }, { name: 'Annex' }],
    },
    action: 'venue.manage',
  },
  deleteVenue: { params: { orgId: t.orgId, venueId: t.venueId }, action: 'venue.manage' },
  createEvent: {
    params: { orgId: t.orgId },
    body: {
      venueId: t.venueId,
      hostId: t.memberId,
      title: 'Sweep Night',
      description: 'Swept clean.',
      defaultDurationMinutes: 60,
      defaultCapacity: 50,
      visibility: 'public',
      admission: 'open',
      price: { kind: 'paid', amountMinor: 1500, currency: 'EUR' },
      tags: ['sweep'],
      coverImageUrls: ['https://cdn.example/sweep.jpg'],
      startsAt: '2027-06-01T18:00:00Z',
      endsAt: '2027-06-01T21:00:00Z',
      settings: { holdMinutes: 10 },
    },
    action: 'event.manage',
  },
  listEvents: {
    params: { orgId: t.orgId },
    query: { venueId: t.venueId, status: 'draft', from: '2027-01-01T00:00:00Z' },
    action: 'event.read',
  },
  getEvent: { params: { orgId: t.orgId, eventId: t.eventId }, action: 'event.read' },
  createCategory: {
    params: { orgId: t.orgId, eventId: t.eventId },
    body: {
      name: 'VIP',
      description: 'Front rows',
      priceMinor: 4500,
      currency: 'EUR',
      quota: 10,
      salesStartAt: '2027-01-01T00:00:00Z',
      salesEndAt: '2027-01-31T00:00:00Z',
      visibility: 'hidden',
      minPerOrder: 1,
      maxPerOrder: 4,
      priceSteps: [{ kind: 'after_sold', afterSold: 5, unitAmount: 5500 }],
      sortOrder: 1,
    },
    action: 'event.manage',
  },
  listCategories: { params: { orgId: t.orgId, eventId: t.eventId }, action: 'event.read' },
  getCategory: {
    params: { orgId: t.orgId, eventId: t.eventId, categoryId: t.categoryId },
    action: 'event.read',
  },
  updateCategory: {
    params: { orgId: t.orgId, eventId: t.eventId, categoryId: t.categoryId },
    // description, quota and the sale window take null (it clears them): left out of the null sweep.
    body: { name: 'Stalls', priceMinor: 0, maxPerOrder: 6, visibility: 'public', sortOrder: 2 },
    action: 'event.manage',
  },
  deleteCategory: {
    params: { orgId: t.orgId, eventId: t.eventId, categoryId: t.categoryId },
    action: 'event.manage',
  },
  createPromoCode: {
    params: { orgId: t.orgId, eventId: t.eventId },
    body: {
      code: 'sweep10',
      kind: 'percent',
      percent: 12.5,
      categoryIds: [t.promoCategoryId],
      maxUses: 100,
      maxUsesPerPerson: 2,
      validFrom: '2027-01-01T00:00:00Z',
      validUntil: '2027-02-01T00:00:00Z',
      status: 'active',
    },
    action: 'event.manage',
  },
  listPromoCodes: {
    params: { orgId: t.orgId, eventId: t.eventId },
    query: { limit: '10' },
    action: 'event.manage',
  },
  getPromoCode: { params: { orgId: t.orgId, eventId: t.eventId, code: 'SWEEP10' }, action: 'event.manage' },
  updatePromoCode: {
    params: { orgId: t.orgId, eventId: t.eventId, code: 'Sweep10' },
    // Limits, window and categories take null (it removes them): left out of the null sweep.
    body: { status: 'disabled' },
    action: 'event.manage',
  },
  deletePromoCode: {
    params: { orgId: t.orgId, eventId: t.eventId, code: 'SWEEP10' },
    action: 'event.manage',
  },
  updateEvent: {
    params: { orgId: t.orgId, eventId: t.eventId },
    // hostId, startsAt and endsAt take null (it clears them), so they are left out of the null sweep.
    body: { title: 'Renamed event', defaultCapacity: 60, tags: ['renamed'], settings: { offerMinutes: 20 } },
    action: 'event.manage',
  },
  changeEventStatus: {
    params: { orgId: t.orgId, eventId: t.eventId },
    body: { status: 'published' },
    action: 'event.manage',
  },
  deleteEvent: { params: { orgId: t.orgId, eventId: t.eventId }, action: 'event.manage' },
  listPublicEvents: { query: { tag: 'sweep', from: '2027-01-01T00:00:00Z' } },
  getDeletion: {
    params: { orgId: t.orgId, targetId: t.venueId },
    action: 'deletion.read',
  },
  createAttendee: {
    params: { orgId: t.orgId },
    body: { firstName: 'Sam', lastName: 'Sweep', email: 'sam@sweep.example', phone: '+15550000001' },
    action: 'attendee.manage',
  },
  listAttendees: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'attendee.read' },
  getAttendee: { params: { orgId: t.orgId, attendeeId: t.attendeeId }, action: 'attendee.read' },
  updateAttendee: {
    params: { orgId: t.orgId, attendeeId: t.attendeeId },
    // email and phone take null (it removes them), so they are left out of the null sweep.
    body: { firstName: 'Renamed', lastName: 'Target' },
    action: 'attendee.manage',
  },
  deleteAttendee: { params: { orgId: t.orgId, attendeeId: t.attendeeId }, action: 'attendee.delete' },
  getMyAttendee: { params: { orgId: t.orgId }, selfService: true },
  ensureMyAttendee: {
    params: { orgId: t.orgId },
    body: { firstName: 'Sam', lastName: 'Self', phone: '+15550000003' },
    selfService: true,
  },
  createParty: {
    params: { orgId: t.orgId },
    body: { name: 'Sweepers', leaderId: t.guestId, memberIds: [] },
    action: 'party.manage',
  },
  listParties: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'party.read' },
  getParty: { params: { orgId: t.orgId, partyId: t.partyId }, action: 'party.read' },
  updateParty: {
    params: { orgId: t.orgId, partyId: t.partyId },
    body: { name: 'Renamed party' },
    action: 'party.manage',
  },
  deleteParty: { params: { orgId: t.orgId, partyId: t.partyId }, action: 'party.manage' },
  listPartyMembers: { params: { orgId: t.orgId, partyId: t.partyId }, action: 'party.read' },
  addPartyMember: {
    params: { orgId: t.orgId, partyId: t.partyId },
    body: { attendeeId: t.attendeeId, leader: true },
    action: 'party.manage',
  },
  removePartyMember: {
    params: { orgId: t.orgId, partyId: t.partyId, attendeeId: t.attendeeId },
    query: { newLeaderId: t.attendeeId },
    action: 'party.manage',
  },
  createSessions: {
    params: { orgId: t.orgId, eventId: t.eventId },
    body: {
      startsAt: '2027-03-01T19:00',
      endsAt: '2027-03-01T21:00',
      roomId: t.roomId,
      capacity: 10,
      seatingMode: 'seated',
      seatMap: { rows: [{ name: 'A', seats: 10 }] },
      recurrence: { frequency: 'weekly', count: 2 },
      allowOverlap: false,
    },
    action: 'session.manage',
  },
  listSessions: {
    params: { orgId: t.orgId, eventId: t.eventId },
    query: { limit: '10' },
    action: 'session.read',
  },
  getSession: { params: { orgId: t.orgId, sessionId: t.sessionId }, action: 'session.read' },
  updateSession: {
    params: { orgId: t.orgId, sessionId: t.sessionId },
    body: {
      startsAt: '2027-02-01T18:00',
      roomId: t.roomId,
      capacity: 12,
      seatMap: { rows: [{ name: 'A', seats: 12 }] },
      allowOverlap: false,
    },
    action: 'session.manage',
  },
  cancelSession: {
    params: { orgId: t.orgId, sessionId: t.cancelSessionId },
    body: { reason: 'The hall is closed for repairs' },
    action: 'session.manage',
  },
  deleteSession: { params: { orgId: t.orgId, sessionId: t.sessionId }, action: 'session.manage' },
  book: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId },
    body: { attendeeId: t.guestId, seats: 1, seatLabels: ['A5'], joinWaitlistIfFull: false },
    action: 'booking.manage',
  },
  listSessionBookings: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId },
    query: { limit: '10' },
    action: 'booking.read',
  },
  getBooking: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId, bookingId: t.bookingId },
    action: 'booking.read',
  },
  confirmBooking: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId, bookingId: t.confirmBookingId },
    action: 'booking.manage',
  },
  cancelBooking: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId, bookingId: t.bookingId },
    action: 'booking.manage',
  },
  getAvailability: { params: { orgId: t.orgId, sessionId: t.bookingSessionId }, action: 'session.read' },
  listAttendeeBookings: {
    params: { orgId: t.orgId, attendeeId: t.attendeeId },
    query: { limit: '10' },
    action: 'booking.read',
  },
  listMyBookings: { query: { limit: '10' } },
  listMyNotifications: { query: { limit: '10' } },
  // Well-formed but naming nobody's notification: ids carry a commit time no sample can know.
  markNotificationRead: {
    params: {
      notificationId: Buffer.from(JSON.stringify([t.orgId, 'ses', 'at', 'none'])).toString('base64url'),
    },
  },
  // The caller's own devices: no organization, so no role or cross-organization sweep applies.
  registerMyDevice: { body: { platform: 'apns', token: sampleDeviceToken } },
  // The owner's own profile (made by the setup; its pictures need one) and account.
  putMyProfile: {
    body: {
      displayName: 'Sweep Owner',
      privacy: { cityVisibleTo: 'everyone', ageVisibleTo: 'nobody', showInApp: true },
    },
  },
  getMyProfile: {},
  startProfilePictureUpload: { body: { contentType: 'image/png', sizeBytes: 64 } },
  completeProfilePicture: { params: { pictureId: t.pictureId } },
  deleteProfilePicture: { params: { pictureId: t.pictureId } },
  getUserProfile: { params: { userId: t.ownerUserId } },
  deleteMyAccount: { body: { confirm: 'DELETE' } },
  listMyDevices: { query: { limit: '10' } },
  removeMyDevice: { params: { deviceId: derivedId('dev', 'apns', sampleDeviceToken) } },
  getMyNotificationPreferences: { params: { orgId: t.orgId }, selfService: true },
  setMyNotificationPreferences: {
    params: { orgId: t.orgId },
    body: { channels: ['email', 'sms', 'in_app'], quietHours: { start: '22:00', end: '07:00' } },
    selfService: true,
  },
  joinWaitlist: {
    params: { orgId: t.orgId, sessionId: t.waitlistSessionId },
    body: { attendeeId: t.attendeeId, partySize: 1 },
    action: 'booking.manage',
  },
  listSessionWaitlist: {
    params: { orgId: t.orgId, sessionId: t.waitlistSessionId },
    query: { status: 'waiting', limit: '10' },
    action: 'booking.read',
  },
  getWaitlistEntry: { params: { orgId: t.orgId, entryId: t.waitlistEntryId }, action: 'booking.read' },
  leaveWaitlist: { params: { orgId: t.orgId, entryId: t.waitlistEntryId }, action: 'booking.manage' },
  moveWaitlistEntry: {
    params: { orgId: t.orgId, entryId: t.waitlistEntryId },
    body: { position: 1 },
    action: 'booking.manage',
  },
  acceptWaitlistOffer: { params: { orgId: t.orgId, entryId: t.waitlistEntryId }, action: 'booking.manage' },
  declineWaitlistOffer: { params: { orgId: t.orgId, entryId: t.waitlistEntryId }, action: 'booking.manage' },
  listMyWaitlist: { query: { limit: '10' } },
  listMyTickets: { query: { limit: '10' } },
  listBookingTickets: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId, bookingId: t.bookingId },
    action: 'booking.read',
  },
  scanTicket: {
    params: { orgId: t.orgId },
    body: {
      sessionId: t.bookingSessionId,
      method: 'manual',
      attendeeId: t.attendeeId,
      gate: 'North',
      nonce: 'sweep-scan-0001',
    },
    action: 'checkin.scan',
  },
  // The attendee's second booking of the session is confirmed by then (confirmBooking runs first).
  requestCheckinOtp: {
    params: { orgId: t.orgId },
    body: { sessionId: t.bookingSessionId, attendeeId: t.attendeeId },
    action: 'checkin.scan',
  },
  getSessionForecast: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId },
    action: 'forecast.read',
  },
  getAuditSummary: { params: { orgId: t.orgId, day: '2026-12-03' }, action: 'audit.read' },
  listAuditRecords: {
    params: { orgId: t.orgId },
    query: { targetType: 'venue', targetId: t.venueId, limit: '10' },
    action: 'audit.read',
  },
  getSessionAdmissions: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId },
    action: 'admission.read',
  },
  listSessionInside: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId },
    query: { limit: '10' },
    action: 'admission.read',
  },
  exportSessionAdmissions: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId },
    action: 'admission.read',
  },
  listAttendeeAttendance: {
    params: { orgId: t.orgId, attendeeId: t.attendeeId },
    query: { limit: '10' },
    action: 'admission.read',
  },
  createCheckinList: {
    params: { orgId: t.orgId },
    body: {
      name: 'Sweep doors',
      sessionIds: [t.sessionId],
      reentry: false,
      opensMinutesBefore: 30,
      closesMinutesAfter: 15,
    },
    action: 'checkin.manage',
  },
  listCheckinLists: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'checkin.scan' },
  getCheckinList: { params: { orgId: t.orgId, listId: t.checkinListId }, action: 'checkin.scan' },
  updateCheckinList: {
    params: { orgId: t.orgId, listId: t.checkinListId },
    body: { name: 'Renamed doors', reentry: true },
    action: 'checkin.manage',
  },
  deleteCheckinList: { params: { orgId: t.orgId, listId: t.checkinListId }, action: 'checkin.manage' },
  getOfflineCheckinList: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId },
    query: { listId: t.checkinListId },
    action: 'checkin.scan',
  },
  // Long before the doors open: the scan the device let through makes a conflict (outside_window).
  uploadOfflineScans: {
    params: { orgId: t.orgId },
    body: {
      deviceId: 'sweep-scanner',
      scans: [
        {
          sessionId: t.bookingSessionId,
          method: 'manual',
          attendeeId: t.attendeeId,
          gate: 'North',
          scannedAt: '2026-01-01T10:00:00Z',
          nonce: 'sweep-offline-0001',
        },
      ],
    },
    action: 'checkin.scan',
  },
  listCheckinConflicts: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId },
    query: { status: 'open', limit: '10' },
    action: 'checkin.manage',
  },
  // The conflict of the upload above (uploadOfflineScans runs first).
  resolveCheckinConflict: {
    params: { orgId: t.orgId, conflictId: `cfl_${t.bookingSessionId.slice(4)}_sweep-offline-0001` },
    body: { resolution: 'accepted', note: 'Seen at the door' },
    action: 'checkin.manage',
  },
  startPayment: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId, bookingId: t.bookingId },
    body: { provider: 'stripe' },
    action: 'booking.manage',
  },
  refundBooking: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId, bookingId: t.bookingId },
    body: { requestId: 'sweep-refund-1', amountMinor: 100, reason: 'sweep' },
    action: 'booking.manage',
  },
  listFailedPaymentReceipts: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'booking.read' },
  retryPaymentReceipt: {
    params: { orgId: t.orgId, provider: 'stripe', eventId: 'evt_sweep_unknown' },
    action: 'booking.manage',
  },
  listStuckPaymentOrders: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'booking.read' },
  listPaymentsForReview: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'booking.read' },
  decideLatePayment: {
    params: { orgId: t.orgId, sessionId: t.bookingSessionId, bookingId: t.bookingId },
    body: { decision: 'refund' },
    action: 'booking.manage',
  },
  // Unsigned: the sweeps see its refusals; signed deliveries are test/e2e/payments.test.ts.
  receivePaymentWebhook: { params: { provider: 'stripe' }, body: { id: 'evt_sweep', type: 'ping' } },
  createEventInvite: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: { kind: 'link', maxUses: 5, skipApproval: true, unlocksCategoryIds: [] },
    action: 'event.manage',
  },
  listEventInvites: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10' },
    action: 'event.manage',
  },
  revokeEventInvite: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, inviteId: t.eventInviteId },
    action: 'event.manage',
  },
  // Open to every signed-in user with an attendee of the organization: no role is below them.
  redeemEventInvite: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: { token: `${t.eventInviteId}.not-the-secret-but-long-enough` },
    action: 'member.leave',
  },
  acceptEventInvite: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, inviteId: t.eventInviteId },
    action: 'member.leave',
  },
  getMyEventPass: { params: { orgId: t.orgId, eventId: t.approvalEventId }, action: 'member.leave' },
  requestToJoin: {
    params: { orgId: t.orgId, sessionId: t.approvalSessionId },
    body: { attendeeId: t.guestId, partySize: 1, message: 'Two of us' },
    action: 'booking.manage',
  },
  listRequests: {
    params: { orgId: t.orgId, sessionId: t.approvalSessionId },
    query: { status: 'pending', limit: '10' },
    action: 'booking.read',
  },
  countRequests: { params: { orgId: t.orgId, sessionId: t.approvalSessionId }, action: 'booking.read' },
  getRequest: {
    params: { orgId: t.orgId, sessionId: t.approvalSessionId, requestId: t.requestId },
    action: 'booking.read',
  },
  declineRequest: {
    params: { orgId: t.orgId, sessionId: t.approvalSessionId, requestId: t.requestId },
    body: { message: 'Full house, sorry' },
    action: 'booking.manage',
  },
  cancelRequest: {
    params: { orgId: t.orgId, sessionId: t.approvalSessionId, requestId: t.cancelRequestId },
    action: 'booking.manage',
  },
  approveRequest: {
    params: { orgId: t.orgId, sessionId: t.approvalSessionId, requestId: t.requestId },
    body: { message: 'Welcome' },
    action: 'booking.manage',
  },
  // Networking acts as the caller's own attendee, member or not: no role is below it. The sample
  // connection is the one `attendeeId` and `guestId` would have at the event (ids are derived).
  requestConnection: {
    params: { orgId: t.orgId, eventId: t.eventId },
    body: {
      targetId: t.guestId,
      type: 'business',
      message: 'Loved your talk',
      meeting: { at: '2027-02-01T12:30:00Z', place: 'Coffee bar' },
    },
    action: 'member.leave',
  },
  listMyConnections: {
    params: { orgId: t.orgId, eventId: t.eventId },
    query: { status: 'pending', limit: '10' },
    action: 'member.leave',
  },
  listEventConnections: {
    params: { orgId: t.orgId, eventId: t.eventId },
    query: { status: 'accepted', limit: '10' },
    action: 'attendee.read',
  },
  acceptConnection: { params: connectionOf(t), action: 'member.leave' },
  declineConnection: { params: connectionOf(t), action: 'member.leave' },
  blockConnection: { params: connectionOf(t), action: 'member.leave' },
  createWebhookSubscription: {
    params: { orgId: t.orgId },
    body: { url: 'https://hooks.example.com/sweep', eventTypes: ['*'], description: 'Sweep' },
    action: 'webhook.manage',
  },
  listWebhookSubscriptions: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'webhook.manage' },
  getWebhookSubscription: {
    params: { orgId: t.orgId, subscriptionId: t.webhookSubscriptionId },
    action: 'webhook.manage',
  },
  updateWebhookSubscription: {
    params: { orgId: t.orgId, subscriptionId: t.webhookSubscriptionId },
    body: { eventTypes: ['booking.confirmed', 'booking.cancelled'] },
    action: 'webhook.manage',
  },
  pauseWebhookSubscription: {
    params: { orgId: t.orgId, subscriptionId: t.webhookSubscriptionId },
    action: 'webhook.manage',
  },
  resumeWebhookSubscription: {
    params: { orgId: t.orgId, subscriptionId: t.webhookSubscriptionId },
    action: 'webhook.manage',
  },
  rotateWebhookSecret: {
    params: { orgId: t.orgId, subscriptionId: t.webhookSubscriptionId },
    action: 'webhook.manage',
  },
  listWebhookDeliveries: {
    params: { orgId: t.orgId, subscriptionId: t.webhookSubscriptionId },
    query: { limit: '10' },
    action: 'webhook.manage',
  },
  replayWebhookDeliveries: {
    params: { orgId: t.orgId, subscriptionId: t.webhookSubscriptionId },
    body: { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' },
    action: 'webhook.manage',
  },
  deleteWebhookSubscription: {
    params: { orgId: t.orgId, subscriptionId: t.webhookSubscriptionId },
    action: 'webhook.manage',
  },
  // Nullable fields are left out of the bodies: the bad-input sweep sends each field as null.
  createSpeaker: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: {
      name: 'Sweep Speaker',
      expertise: ['engines'],
      links: [{ label: 'Site', url: 'https://ada.example' }],
    },
    action: 'speaker.manage',
  },
  listSpeakers: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10' },
    action: 'event.read',
  },
  getSpeaker: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, speakerId: t.speakerId },
    action: 'event.read',
  },
  updateSpeaker: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, speakerId: t.speakerId },
    body: { status: 'confirmed', name: 'Renamed Speaker' },
    action: 'speaker.manage',
  },
  createSponsor: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: {
      companyName: 'Sweep Ltd',
      tier: 'gold',
      contact: { email: 'deals@sweep.example' },
      benefits: ['Logo'],
      representatives: ['sweep-rep'],
    },
    action: 'sponsor.manage',
  },
  listSponsors: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10' },
    action: 'event.read',
  },
  getSponsor: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, sponsorId: t.sponsorId },
    action: 'event.read',
  },
  updateSponsor: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, sponsorId: t.sponsorId },
    body: { status: 'confirmed', tier: 'platinum' },
    action: 'sponsor.manage',
  },
  setAgendaEntry: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, sessionId: t.approvalSessionId },
    body: {
      title: 'Opening keynote',
      type: 'keynote',
      speakerIds: [t.speakerId],
      tags: ['opening'],
      registrationRequired: false,
      chatEnabled: true,
    },
    action: 'session.manage',
  },
  changeAgendaStatus: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, sessionId: t.approvalSessionId },
    body: { status: 'live' },
    action: 'session.manage',
  },
  getEventAgenda: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { type: 'keynote' },
    action: 'event.read',
  },
  getMyAgenda: { params: { orgId: t.orgId, eventId: t.approvalEventId }, selfService: true },
  getPublicAgenda: { params: { orgId: t.orgId, eventId: t.approvalEventId }, query: { tag: 'opening' } },
  getPublicSponsors: { params: { orgId: t.orgId, eventId: t.approvalEventId } },
  createMaterial: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: {
      title: 'Sweep slides',
      materialType: 'link',
      accessLevel: 'attendees',
      url: 'https://example.com/slides',
    },
    action: 'material.manage',
  },
  completeMaterial: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, materialId: t.uploadedMaterialId },
    action: 'material.manage',
  },
  listMaterials: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10' },
    action: 'event.read',
  },
  getMaterial: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, materialId: t.materialId },
    action: 'event.read',
  },
  // Members with `event.read` always; others by the material's access level (404 otherwise).
  downloadMaterial: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, materialId: t.materialId },
    action: 'event.read',
  },
  deleteMaterial: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, materialId: t.uploadedMaterialId },
    action: 'material.manage',
  },
  listPublicMaterials: { params: { orgId: t.orgId, eventId: t.approvalEventId } },
  downloadPublicMaterial: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, materialId: t.publicMaterialId },
  },
  listEventTeam: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10' },
    action: 'event.read',
  },
  setTeamPlace: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, userId: t.memberId },
    body: { role: 'volunteer', permissions: ['manage_attendees'], status: 'active' },
    action: 'team.manage',
  },
  removeTeamPlace: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, userId: t.memberId },
    action: 'team.manage',
  },
  // Given as the caller's own attendee (open to every signed-in user with one): no role is below it.
  giveFeedback: {
    params: { orgId: t.orgId, eventId: t.eventId },
    body: {
      sessionId: t.sessionId,
      anonymous: true,
      ratings: { overall: 4, content: 5, speaker: 4, venue: 3, organization: 4 },
      comments: 'Great pacing',
      suggestions: 'More breaks',
      bestAspects: 'The speakers',
      improvementAreas: 'Seating',
    },
    action: 'member.leave',
  },
  listFeedback: {
    params: { orgId: t.orgId, eventId: t.eventId },
    query: { sessionId: t.sessionId, limit: '10' },
    action: 'feedback.read',
  },
  getFeedbackSummary: { params: { orgId: t.orgId, eventId: t.eventId }, action: 'feedback.read' },
  createExpense: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: { name: 'Sweep catering', category: 'catering', amountMinor: 45000, currency: 'EUR' },
    action: 'expense.submit',
  },
  // The success sweep runs these POSTs in this order: the approved expense is then paid.
  approveExpense: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, expenseId: t.expenseId },
    action: 'expense.approve',
  },
  rejectExpense: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, expenseId: t.rejectExpenseId },
    body: { reason: 'Over the catering budget' },
    action: 'expense.approve',
  },
  payExpense: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, expenseId: t.expenseId },
    body: { paymentDate: '2027-06-30' },
    action: 'expense.approve',
  },
  listExpenses: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10', status: 'pending', category: 'catering' },
    action: 'expense.read',
  },
  getExpenseSummary: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    action: 'expense.read',
  },
  getExpense: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, expenseId: t.expenseId },
    action: 'expense.read',
  },
  updateExpense: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, expenseId: t.pendingExpenseId },
    body: { name: 'Renamed snacks', amountMinor: 9900 },
    action: 'expense.submit',
  },
  createSponsorshipPackage: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: {
      name: 'Sweep booth',
      tier: 'silver',
      price: { amountMinor: 250000, currency: 'EUR' },
      benefits: ['Booth'],
      quantity: 2,
      onboardingSteps: ['Contract countersigned'],
      activations: [{ name: 'Booth', scheduledDate: '2027-06-30' }],
    },
    action: 'sponsorship.manage',
  },
  listSponsorshipPackages: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10' },
    action: 'sponsorship.read',
  },
  getSponsorshipPackage: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, packageId: t.sponsorshipPackageId },
    action: 'sponsorship.read',
  },
  updateSponsorshipPackage: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, packageId: t.sponsorshipPackageId },
    body: { name: 'Renamed gold', quantity: 6 },
    action: 'sponsorship.manage',
  },
  createSponsorshipDeal: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: {
      packageId: t.sponsorshipPackageId,
      companyName: 'Sweep Corp',
      contact: { name: 'Ada Sweep', email: 'ada@sweep.example', phone: '+4915112345678' },
      amountMinor: 450000,
    },
    action: 'sponsorship.manage',
  },
  listSponsorshipDeals: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10', status: 'proposal_sent', packageId: t.sponsorshipPackageId },
    action: 'sponsorship.read',
  },
  getSponsorshipDeal: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, dealId: t.dealId },
    action: 'sponsorship.read',
  },
  updateSponsorshipDeal: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, dealId: t.dealId },
    body: { companyName: 'Renamed Signed' },
    action: 'sponsorship.manage',
  },
  // Signs the deal at proposal_sent: takes a slot and creates its sponsor.
  moveSponsorshipDeal: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, dealId: t.signDealId },
    body: { status: 'contract_signed' },
    action: 'sponsorship.manage',
  },
  completeSponsorOnboardingStep: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, dealId: t.dealId, stepId: t.stepId },
    body: { completed: true },
    action: 'sponsorship.manage',
  },
  updateSponsorActivation: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, dealId: t.dealId, activationId: t.activationId },
    body: { delivered: true },
    action: 'sponsorship.manage',
  },
  // The refresh (a POST, so the success sweep runs it first) writes the snapshot the reads answer.
  // On the approval event: the sweep's viewer is on the team of `eventId` with every permission.
  refreshEventAnalytics: { params: { orgId: t.orgId, eventId: t.approvalEventId }, action: 'analytics.read' },
  getEventAnalytics: { params: { orgId: t.orgId, eventId: t.approvalEventId }, action: 'analytics.read' },
  exportEventAnalytics: { params: { orgId: t.orgId, eventId: t.approvalEventId }, action: 'analytics.read' },
  createAnnouncement: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: {
      title: 'Sweep doors open',
      content: 'Doors open at nine.',
      priority: 'high',
      audience: 'sessions',
      sessionIds: [t.approvalSessionId],
      channels: ['email', 'in_app'],
    },
    action: 'announcement.manage',
  },
  sendAnnouncement: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, announcementId: t.sendAnnouncementId },
    action: 'announcement.manage',
  },
  scheduleAnnouncement: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, announcementId: t.scheduleAnnouncementId },
    body: { at: '2031-06-30T09:00:00Z' },
    action: 'announcement.manage',
  },
  cancelAnnouncement: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, announcementId: t.cancelAnnouncementId },
    action: 'announcement.manage',
  },
  listAnnouncements: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10' },
    action: 'announcement.manage',
  },
  getAnnouncement: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, announcementId: t.sendAnnouncementId },
    action: 'announcement.manage',
  },
  // Scheduled by the POSTs before it: still editable.
  updateAnnouncement: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, announcementId: t.scheduleAnnouncementId },
    body: { title: 'Doors open at ten', channels: ['email', 'push'] },
    action: 'announcement.manage',
  },
  createVendor: {
    params: { orgId: t.orgId },
    body: { name: 'Sweep Catering', category: 'catering' },
    action: 'vendor.manage',
  },
  listVendors: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'vendor.manage' },
  getVendor: { params: { orgId: t.orgId, vendorId: t.vendorId }, action: 'vendor.manage' },
  updateVendor: {
    params: { orgId: t.orgId, vendorId: t.vendorId },
    body: { name: 'Target Catering Co', status: 'active' },
    action: 'vendor.manage',
  },
  deleteVendor: { params: { orgId: t.orgId, vendorId: t.spareVendorId }, action: 'vendor.manage' },
  createVendorContract: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: {
      vendorId: t.vendorId,
      title: 'Sweep lunch',
      amountMinor: 30000,
      currency: 'EUR',
      installments: [
        { dueDate: '2027-05-01', amountMinor: 10000 },
        { dueDate: '2027-06-01', amountMinor: 20000 },
      ],
    },
    action: 'contract.manage',
  },
  listVendorContracts: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10', status: 'draft' },
    action: 'contract.read',
  },
  getVendorContract: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, contractId: t.contractId },
    action: 'contract.read',
  },
  updateVendorContract: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, contractId: t.contractId },
    body: { title: 'Sweep lunch, two days', status: 'signed' },
    action: 'contract.manage',
  },
  startContractDocument: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, contractId: t.contractId },
    body: { fileName: 'sweep-contract.pdf', contentType: 'application/pdf', sizeBytes: 2048 },
    action: 'contract.manage',
  },
  // The success sweep completes the uploaded document (a POST) before it downloads it (a GET).
  completeContractDocument: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, contractId: t.contractId },
    body: { documentId: t.documentId },
    action: 'contract.manage',
  },
  downloadContractDocument: {
    params: {
      orgId: t.orgId,
      eventId: t.approvalEventId,
      contractId: t.contractId,
      documentId: t.documentId,
    },
    action: 'contract.read',
  },
  getBudget: { params: { orgId: t.orgId, eventId: t.approvalEventId }, action: 'budget.read' },
  putBudgetLine: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, category: 'catering' },
    body: { plannedMinor: 500000, currency: 'EUR' },
    action: 'budget.manage',
  },
  deleteBudgetLine: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, category: 'catering' },
    action: 'budget.manage',
  },
  createTask: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    // Nullable fields (description, assigneeId, dueAt) left out: the bad-input sweep tries null on each.
    body: { title: 'Sweep signage', priority: 'high', dependsOn: [t.taskId] },
    action: 'task.manage',
  },
  generateTasks: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    body: { templateId: t.taskTemplateId },
    action: 'task.manage',
  },
  moveTask: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, taskId: t.taskId },
    body: { status: 'in_progress' },
    action: 'task.manage',
  },
  listTasks: {
    params: { orgId: t.orgId, eventId: t.approvalEventId },
    query: { limit: '10', status: 'todo' },
    action: 'task.read',
  },
  getTask: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, taskId: t.taskId },
    action: 'task.read',
  },
  updateTask: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, taskId: t.taskId },
    body: { title: 'Sweep caterer booked', priority: 'urgent' },
    action: 'task.manage',
  },
  deleteTask: {
    params: { orgId: t.orgId, eventId: t.approvalEventId, taskId: t.deleteTaskId },
    action: 'task.manage',
  },
  createTaskTemplate: {
    params: { orgId: t.orgId },
    body: {
      name: 'Sweep checklist',
      specs: [
        { key: 'venue', title: 'Confirm the venue', offsetDays: -30, timeOfDay: '09:00' },
        { key: 'signs', title: 'Print signs', offsetDays: -2, timeOfDay: '17:30', dependsOn: ['venue'] },
      ],
    },
    action: 'taskTemplate.manage',
  },
  listTaskTemplates: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'taskTemplate.manage' },
  getTaskTemplate: {
    params: { orgId: t.orgId, templateId: t.taskTemplateId },
    action: 'taskTemplate.manage',
  },
  replaceTaskTemplate: {
    params: { orgId: t.orgId, templateId: t.taskTemplateId },
    body: {
      name: 'Sweep checklist v2',
      specs: [
        { key: 'venue', title: 'Confirm the venue', priority: 'urgent', offsetDays: -21, timeOfDay: '08:30' },
      ],
    },
    action: 'taskTemplate.manage',
  },
  deleteTaskTemplate: {
    params: { orgId: t.orgId, templateId: t.taskTemplateId },
    action: 'taskTemplate.manage',
  },
  createAgent: {
    params: { orgId: t.orgId },
    body: {
      name: 'Sweep Copywriter',
      purpose: 'marketing_copy',
      instructions: 'Upbeat, two paragraphs.',
      tools: ['read_event', 'draft_marketing_copy'],
    },
    action: 'agent.manage',
  },
  listAgents: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'agent.use' },
  getAgent: { params: { orgId: t.orgId, agentId: t.agentId }, action: 'agent.use' },
  updateAgent: {
    params: { orgId: t.orgId, agentId: t.agentId },
    body: { name: 'Target Announcer v2', status: 'active' },
    action: 'agent.manage',
  },
  createAgentDraft: {
    params: { orgId: t.orgId, agentId: t.agentId },
    body: { eventId: t.approvalEventId, kind: 'marketing_copy', prompt: 'Early tickets are limited.' },
    action: 'agent.use',
  },
  listAgentDrafts: {
    params: { orgId: t.orgId, agentId: t.agentId },
    query: { limit: '10' },
    action: 'agent.use',
  },
  getAgentDraft: {
    params: { orgId: t.orgId, agentId: t.agentId, draftId: t.agentDraftId },
    action: 'agent.use',
  },
  moveAgentDraft: {
    params: { orgId: t.orgId, agentId: t.agentId, draftId: t.agentDraftId },
    body: { status: 'approved' },
    action: 'agentDraft.approve',
  },
  ...marketingSamples(t),
  ...automationSamples(t),
  ...discoverySamples,
});

/** The marketing module's routes (docs/marketing.md). */
const marketingSamples = (t: SweepTarget) => {
  const event = { orgId: t.orgId, eventId: t.approvalEventId };
  const campaign = { ...event, campaignId: t.campaignId };
  const influencer = { ...campaign, influencerId: t.influencerId };
  const account = { orgId: t.orgId, accountId: t.socialAccountId };
  return {
    createCampaign: {
      params: event,
      body: {
        name: 'Sweep campaign',
        channel: 'social',
        startsAt: '2027-03-01T00:00:00Z',
        endsAt: '2027-04-01T00:00:00Z',
        budget: { amountMinor: 50000, currency: 'EUR' },
        goal: { bookings: 100 },
      },
      action: 'marketing.manage',
    },
    listCampaigns: { params: event, query: { limit: '10' }, action: 'marketing.read' },
    getCampaign: { params: campaign, action: 'marketing.read' },
    updateCampaign: { params: campaign, body: { name: 'Target campaign v2' }, action: 'marketing.manage' },
    moveCampaign: { params: campaign, body: { status: 'active' }, action: 'marketing.manage' },
    getCampaignResults: { params: campaign, action: 'marketing.read' },
    createCampaignPost: {
      params: campaign,
      body: { accountId: t.socialAccountId, text: 'Tickets are out', link: 'https://example.com/gala' },
      action: 'marketing.manage',
    },
    listCampaignPosts: { params: campaign, query: { limit: '10' }, action: 'marketing.read' },
    getCampaignPost: { params: { ...campaign, postId: t.postId }, action: 'marketing.read' },
    scheduleCampaignPost: {
      params: { ...campaign, postId: t.postId },
      body: { at: '2099-01-01T10:00:00Z' },
      action: 'marketing.manage',
    },
    cancelCampaignPost: { params: { ...campaign, postId: t.postId }, action: 'marketing.manage' },
    createInfluencerCampaign: {
      params: campaign,
      body: {
        name: 'Sweep Influencer',
        handle: '@sweep',
        platform: 'instagram',
        fee: { amountMinor: 20000, currency: 'EUR' },
        deliverables: [{ kind: 'story', dueDate: '2027-03-15' }],
      },
      action: 'marketing.manage',
    },
    listInfluencerCampaigns: { params: campaign, action: 'marketing.read' },
    updateInfluencerCampaign: { params: influencer, body: { status: 'agreed' }, action: 'marketing.manage' },
    markInfluencerDeliverable: {
      params: influencer,
      body: { deliverableId: t.deliverableId, delivered: true, url: 'https://example.com/story' },
      action: 'marketing.manage',
    },
    createSocialAccount: {
      params: { orgId: t.orgId },
      body: { platform: 'x', handle: '@sweep', displayName: 'Sweep', accessToken: 'sweep-token-123456' },
      action: 'socialAccount.manage',
    },
    listSocialAccounts: {
      params: { orgId: t.orgId },
      query: { limit: '10' },
      action: 'socialAccount.manage',
    },
    getSocialAccount: { params: account, action: 'socialAccount.manage' },
    updateSocialAccount: {
      params: account,
      body: { displayName: 'Target v2' },
      action: 'socialAccount.manage',
    },
    rotateSocialToken: {
      params: account,
      body: { accessToken: 'rotated-token-98765' },
      action: 'socialAccount.manage',
    },
    deleteSocialAccount: {
      params: { orgId: t.orgId, accountId: t.spareSocialAccountId },
      action: 'socialAccount.manage',
    },
  } satisfies Record<string, Sample>;
};

/**
 * Discovery (docs/discovery.md): the caller's own interests, searches near a point and their
 * personal organization. No organization in the path: no role or cross-organization sweep applies.
 */
const discoverySamples = {
  listInterests: {},
  getMyInterests: {},
  setMyInterests: { body: { interestIds: ['music', 'food'] } },
  discoverEvents: {
    query: {
      lat: '52.52',
      lng: '13.405',
      radiusKm: '10',
      interest: 'music',
      maxPriceMinor: '5000',
      currency: 'EUR',
      limit: '10',
    },
  },
  eventsForYou: { query: { lat: '52.52', lng: '13.405', limit: '10' } },
  hostAsMe: {},
} satisfies Record<string, Sample>;

const automationSamples = (t: SweepTarget) => {
  const workflow = { orgId: t.orgId, workflowId: t.workflowId };
  const action = 'automation.manage' as const;
  return {
    createAutomation: {
      params: { orgId: t.orgId },
      body: {
        name: 'Sweep follow-up',
        trigger: 'booking.confirmed',
        conditions: [{ field: 'seats', op: 'gte', value: 2 }],
        actions: [{ type: 'add_tag', tag: 'group' }],
      },
      action,
    },
    listAutomations: { params: { orgId: t.orgId }, query: { limit: '10' }, action },
    getAutomation: { params: workflow, action },
    updateAutomation: { params: workflow, body: { name: 'Target follow-up v2' }, action },
    deleteAutomation: { params: workflow, action },
    pauseAutomation: { params: workflow, action },
    resumeAutomation: { params: workflow, action },
    listAutomationRuns: { params: workflow, query: { limit: '10' }, action },
    getAutomationSigningSecret: { params: workflow, action },
  } satisfies Record<string, Sample>;
};

export const fillPath = (path: string, params: Record<string, string> = {}): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
