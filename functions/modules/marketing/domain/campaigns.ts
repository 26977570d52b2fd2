import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { writeGuarded } from '../../../kernel/domain/guarded.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange, eventForRead } from '../../catalog/index.js';
import {
  type Campaign,
  type CampaignChannel,
  type CampaignGoal,
  type CampaignStatus,
  campaignMoves,
  type Money,
} from './model.js';
import type { CampaignRef } from './ports.js';
import { assertPeriod, newTrackingCode, normalTrackingCode } from './rules.js';

/** An event's campaigns: organizers (and the event's team with `manage_event` or `send_announcements`). */

export interface CampaignInput {
  name: string;
  channel: CampaignChannel;
  startsAt: string;
  endsAt: string;
  budget: Money;
  goal?: Partial<CampaignGoal> | undefined;
  /** Given: checked unique in the organization; else one is made. */
  trackingCode?: string | undefined;
}

export type CampaignChange = Partial<Omit<CampaignInput, 'trackingCode'>>;

type CampaignWriteDeps = Pick<Deps, 'marketing' | 'events' | 'clock'> & EventAccessDeps;
type CampaignReadDeps = Pick<Deps, 'marketing' | 'events'> & EventAccessDeps;

/** Made codes that clash are made again a few times; a given one that clashes is refused. */
const codeAttempts = 3;

const goalOf = (goal: Partial<CampaignGoal> | undefined, base?: CampaignGoal): CampaignGoal => ({
  bookings: goal?.bookings !== undefined ? goal.bookings : (base?.bookings ?? null),
  revenue: goal?.revenue !== undefined ? goal.revenue : (base?.revenue ?? null),
});

export const createCampaign = async (
  deps: CampaignWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: CampaignInput,
): Promise<Campaign> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'marketing.manage');
  await eventForChange(deps, orgId, eventId);
  assertPeriod(input.startsAt, input.endsAt);
  const now = deps.clock.now().toISOString();
  const given = input.trackingCode ? normalTrackingCode(input.trackingCode) : undefined;
  for (let i = 0; ; i++) {
    const campaign: Campaign = {
      orgId,
      eventId,
      campaignId: newId('mkc'),
      name: input.name,
      channel: input.channel,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      budget: input.budget,
      goal: goalOf(input.goal),
      trackingCode: given ?? newTrackingCode(),
      status: 'draft',
      createdBy: principal.sub,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await deps.marketing.createCampaign(campaign);
      return campaign;
    } catch (error) {
      const clash = error instanceof DomainError && error.code === 'TRACKING_CODE_TAKEN';
      if (!clash || given || i + 1 >= codeAttempts) throw error;
    }
  }
};

export const existingCampaign = async (
  deps: Pick<Deps, 'marketing'>,
  ref: CampaignRef,
): Promise<Campaign> => {
  const campaign = await deps.marketing.getCampaign(ref);
  if (!campaign) throw notFound('campaign');
  return campaign;
};

/** The gate and the event check of every campaign read. */
export const readableCampaign = async (
  deps: CampaignReadDeps,
  principal: Principal,
  ref: CampaignRef,
): Promise<Campaign> => {
  await authorizeForEvent(deps, ref.orgId, ref.eventId, principal, 'marketing.read');
  await eventForRead(deps, ref.orgId, ref.eventId);
  return existingCampaign(deps, ref);
};

export const listCampaigns = async (
  deps: CampaignReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<Page<Campaign>> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'marketing.read');
  await eventForRead(deps, orgId, eventId);
  return deps.marketing.listCampaigns(orgId, eventId, page);
};

/** Completed and cancelled campaigns take no edit and no new or moved post. */
export const assertCampaignOpen = (campaign: Campaign): void => {
  if (campaignMoves[campaign.status].length === 0)
    throw new DomainError('CAMPAIGN_CLOSED', `the campaign is ${campaign.status}`, {
      status: campaign.status,
    });
};

/** Edits a draft or active campaign (its tracking code stays: bookings carry it). */
export const updateCampaign = async (
  deps: CampaignWriteDeps,
  principal: Principal,
  ref: CampaignRef,
  change: CampaignChange,
): Promise<Campaign> => {
  await authorizeForEvent(deps, ref.orgId, ref.eventId, principal, 'marketing.manage');
  await eventForChange(deps, ref.orgId, ref.eventId);
  const { goal, ...rest } = change;
  return writeGuarded(
    () => existingCampaign(deps, ref),
    (before) => {
      assertCampaignOpen(before);
      const after: Campaign = {
        ...before,
        ...givenFields(rest),
        goal: goalOf(goal, before.goal),
        version: before.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      assertPeriod(after.startsAt, after.endsAt);
      return { before, after };
    },
    (w) => deps.marketing.saveCampaign(w.before, w.after),
    (w) => w.after,
  );
};

/** Moves a campaign along `draft -> active -> completed | cancelled`; asked again, answers it. */
export const moveCampaign = async (
  deps: CampaignWriteDeps,
  principal: Principal,
  ref: CampaignRef,
  status: CampaignStatus,
): Promise<Campaign> => {
  await authorizeForEvent(deps, ref.orgId, ref.eventId, principal, 'marketing.manage');
  await eventForChange(deps, ref.orgId, ref.eventId);
  return writeGuarded(
    () => existingCampaign(deps, ref),
    (before) => {
      if (before.status === status) return undefined;
      if (!campaignMoves[before.status].includes(status))
        throw new DomainError('INVALID_TRANSITION', `a ${before.status} campaign cannot become ${status}`, {
          from: before.status,
          to: status,
        });
      const after: Campaign = {
        ...before,
        status,
        version: before.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      return { before, after };
    },
    (w) => deps.marketing.saveCampaign(w.before, w.after),
    (w) => w.after,
  );
};
