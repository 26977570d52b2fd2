/**
 * Every entity of the table, each under the name stores and transactions know it by
 * (`service.entities.<name>`, `tx.<name>`). A service holds some of them (kernel/dynamo/service.ts):
 * a function's holds those of the ports it wires (app/port-wiring.ts), so that its cold start
 * builds no other. Import this file as a namespace (`import * as entity`) and name each entity
 * (`entity.booking`): a bundle then keeps only the entities it names.
 */

export { agentEntity as agent } from '../../modules/agents/adapters/entities/agent.js';
export { agentDraftEntity as agentDraft } from '../../modules/agents/adapters/entities/agent-draft.js';
export { analyticsSnapshotEntity as analyticsSnapshot } from '../../modules/analytics/adapters/entities/analytics-snapshot.js';
export { announcementEntity as announcement } from '../../modules/announcements/adapters/entities/announcement.js';
export {
  auditChainEntity as auditChain,
  auditRecordEntity as auditRecord,
} from '../../modules/audit/adapters/entities/audit-record.js';
export { auditSummaryEntity as auditSummary } from '../../modules/audit/adapters/entities/audit-summary.js';
export { automationRunEntity as automationRun } from '../../modules/automations/adapters/entities/automation-run.js';
export { automationWorkflowEntity as automationWorkflow } from '../../modules/automations/adapters/entities/automation-workflow.js';
export { bookingEntity as booking } from '../../modules/bookings/adapters/entities/booking.js';
export { bookingSeatEntity as bookingSeat } from '../../modules/bookings/adapters/entities/booking-seat.js';
export { holderCountEntity as holderCount } from '../../modules/bookings/adapters/entities/holder-count.js';
export { waitlistEntryEntity as waitlistEntry } from '../../modules/bookings/adapters/entities/waitlist-entry.js';
export {
  waitlistHolderEntity as waitlistHolder,
  waitlistMetaEntity as waitlistMeta,
  waitlistSlotEntity as waitlistSlot,
} from '../../modules/bookings/adapters/entities/waitlist-line.js';
export { budgetLineEntity as budgetLine } from '../../modules/budgets/adapters/entities/budget-line.js';
export { eventEntity as event } from '../../modules/catalog/adapters/entities/event.js';
export { eventListingEntity as eventListing } from '../../modules/catalog/adapters/entities/event-listing.js';
export {
  roomSlotEntity as roomSlot,
  roomVersionEntity as roomVersion,
} from '../../modules/catalog/adapters/entities/room-schedule.js';
export { sessionEntity as session } from '../../modules/catalog/adapters/entities/session.js';
export { sessionClaimEntity as sessionClaim } from '../../modules/catalog/adapters/entities/session-claim.js';
export { sessionCounterEntity as sessionCounter } from '../../modules/catalog/adapters/entities/session-counter.js';
export { sessionCounterShardEntity as sessionCounterShard } from '../../modules/catalog/adapters/entities/session-counter-shard.js';
export { venueEntity as venue } from '../../modules/catalog/adapters/entities/venue.js';
export { agendaEntryEntity as agendaEntry } from '../../modules/conference/adapters/entities/agenda-entry.js';
export { speakerEntity as speaker } from '../../modules/conference/adapters/entities/speaker.js';
export { sponsorEntity as sponsor } from '../../modules/conference/adapters/entities/sponsor.js';
export { deletionEntity as deletion } from '../../modules/deletions/adapters/entities/deletion.js';
export { discoveryItemEntity as discoveryItem } from '../../modules/discovery/adapters/entities/discovery-item.js';
export { userInterestsEntity as userInterests } from '../../modules/discovery/adapters/entities/user-interests.js';
export { expenseEntity as expense } from '../../modules/expenses/adapters/entities/expense.js';
export { expenseTotalsEntity as expenseTotals } from '../../modules/expenses/adapters/entities/expense-totals.js';
export {
  feedbackEntity as feedback,
  feedbackGiverEntity as feedbackGiver,
  feedbackTotalsEntity as feedbackTotals,
} from '../../modules/feedback/adapters/entities/feedback.js';
export { forecastModelEntity as forecastModel } from '../../modules/forecasts/adapters/entities/forecast-model.js';
export { sessionForecastEntity as sessionForecast } from '../../modules/forecasts/adapters/entities/session-forecast.js';
export { sessionOutcomeEntity as sessionOutcome } from '../../modules/forecasts/adapters/entities/session-outcome.js';
// Identity (phone sign-in).
export { signInChallengeEntity as signInChallenge } from '../../modules/identity/adapters/entities/sign-in-challenge.js';
export { signInRefreshTokenEntity as signInRefreshToken } from '../../modules/identity/adapters/entities/sign-in-refresh-token.js';
export { signInWindowEntity as signInWindow } from '../../modules/identity/adapters/entities/sign-in-window.js';
export { eventInviteEntity as eventInvite } from '../../modules/invitations/adapters/entities/event-invite.js';
export { eventPassEntity as eventPass } from '../../modules/invitations/adapters/entities/event-pass.js';
export {
  joinRequestEntity as joinRequest,
  joinRequestHolderEntity as joinRequestHolder,
} from '../../modules/invitations/adapters/entities/join-request.js';
export { marketingCampaignEntity as marketingCampaign } from '../../modules/marketing/adapters/entities/campaign.js';
export { influencerCampaignEntity as influencerCampaign } from '../../modules/marketing/adapters/entities/influencer.js';
export { marketingPostEntity as marketingPost } from '../../modules/marketing/adapters/entities/post.js';
export { socialAccountEntity as socialAccount } from '../../modules/marketing/adapters/entities/social-account.js';
export { trackingCodeClaimEntity as trackingCodeClaim } from '../../modules/marketing/adapters/entities/tracking-code.js';
export { materialEntity as material } from '../../modules/materials/adapters/entities/material.js';
export {
  connectionEntity as connection,
  connectionSideEntity as connectionSide,
} from '../../modules/networking/adapters/entities/connection.js';
export { nightlyChunkEntity as nightlyChunk } from '../../modules/nightly/adapters/entities/nightly-chunk.js';
export { nightlyRunEntity as nightlyRun } from '../../modules/nightly/adapters/entities/nightly-run.js';
export { notificationPreferenceEntity as notificationPreference } from '../../modules/notifications/adapters/entities/notification-preference.js';
export { outboxEntity as outbox } from '../../modules/notifications/adapters/entities/outbox.js';
export { pushDeviceEntity as pushDevice } from '../../modules/notifications/adapters/entities/push-device.js';
export { inviteEntity as invite } from '../../modules/organizations/adapters/entities/invite.js';
export { memberEntity as member } from '../../modules/organizations/adapters/entities/member.js';
export { organizationEntity as organization } from '../../modules/organizations/adapters/entities/organization.js';
export { paymentOrderEntity as paymentOrder } from '../../modules/payments/adapters/entities/payment-order.js';
export { paymentTransactionEntity as paymentTransaction } from '../../modules/payments/adapters/entities/payment-transaction.js';
export { refundRequestEntity as refundRequest } from '../../modules/payments/adapters/entities/refund-request.js';
export { webhookReceiptEntity as webhookReceipt } from '../../modules/payments/adapters/entities/webhook-receipt.js';
export { attendeeEntity as attendee } from '../../modules/people/adapters/entities/attendee.js';
export { attendeeUniqueEntity as attendeeUnique } from '../../modules/people/adapters/entities/attendee-unique.js';
export { partyEntity as party } from '../../modules/people/adapters/entities/party.js';
export { categoryCounterEntity as categoryCounter } from '../../modules/pricing/adapters/entities/category-counter.js';
export { categorySetEntity as categorySet } from '../../modules/pricing/adapters/entities/category-set.js';
export { promoCodeEntity as promoCode } from '../../modules/pricing/adapters/entities/promo-code.js';
export {
  promoRedemptionEntity as promoRedemption,
  promoUseEntity as promoUse,
} from '../../modules/pricing/adapters/entities/promo-use.js';
export { ticketCategoryEntity as ticketCategory } from '../../modules/pricing/adapters/entities/ticket-category.js';
export { profileEntity as profile } from '../../modules/profiles/adapters/entities/profile.js';
export { sponsorActivationEntity as sponsorActivation } from '../../modules/sponsorships/adapters/entities/activation.js';
export { sponsorOnboardingStepEntity as sponsorOnboardingStep } from '../../modules/sponsorships/adapters/entities/onboarding-step.js';
export { sponsorshipDealEntity as sponsorshipDeal } from '../../modules/sponsorships/adapters/entities/sponsorship-deal.js';
export { sponsorshipPackageEntity as sponsorshipPackage } from '../../modules/sponsorships/adapters/entities/sponsorship-package.js';
export { taskEntity as task } from '../../modules/tasks/adapters/entities/task.js';
export { taskGraphEntity as taskGraph } from '../../modules/tasks/adapters/entities/task-graph.js';
export { taskTemplateEntity as taskTemplate } from '../../modules/tasks/adapters/entities/task-template.js';
export { teamPlaceEntity as teamPlace } from '../../modules/teams/adapters/entities/team-place.js';
export { admissionEntity as admission } from '../../modules/tickets/adapters/entities/admission.js';
export { checkinConflictEntity as checkinConflict } from '../../modules/tickets/adapters/entities/checkin-conflict.js';
export { checkinListEntity as checkinList } from '../../modules/tickets/adapters/entities/checkin-list.js';
export { checkinOtpEntity as checkinOtp } from '../../modules/tickets/adapters/entities/checkin-otp.js';
export { checkinScanEntity as checkinScan } from '../../modules/tickets/adapters/entities/checkin-scan.js';
export { vendorEntity as vendor } from '../../modules/vendors/adapters/entities/vendor.js';
export { vendorContractEntity as vendorContract } from '../../modules/vendors/adapters/entities/vendor-contract.js';
export { webhookDeliveryEntity as webhookDelivery } from '../../modules/webhooks/adapters/entities/webhook-delivery.js';
export { webhookSubscriptionEntity as webhookSubscription } from '../../modules/webhooks/adapters/entities/webhook-subscription.js';
export { idempotencyEntity as idempotency } from './idempotency-entity.js';
