import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { writeGuarded } from '../../../kernel/domain/guarded.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { eventForChange } from '../../catalog/index.js';
import { assertCampaignOpen, existingCampaign, readableCampaign } from './campaigns.js';
import type {
  DeliverableKind,
  InfluencerCampaign,
  InfluencerStatus,
  Money,
  SocialPlatform,
} from './model.js';
import type { CampaignRef, InfluencerRef } from './ports.js';

/** A campaign's influencer agreements: who, the agreed fee, the deliverables and their delivery. */

export interface InfluencerInput {
  name: string;
  handle: string;
  platform: SocialPlatform;
  fee: Money;
  deliverables?: Array<{ kind: DeliverableKind; dueDate: string }> | undefined;
}

export type InfluencerChange = Partial<Omit<InfluencerInput, 'deliverables'>> & {
  status?: InfluencerStatus | undefined;
};

/** Where an agreement may go; completed and cancelled are final. */
export const influencerMoves: Record<InfluencerStatus, readonly InfluencerStatus[]> = {
  proposed: ['agreed', 'cancelled'],
  agreed: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

type InfluencerWriteDeps = Pick<Deps, 'marketing' | 'events' | 'clock'> & EventAccessDeps;
type InfluencerReadDeps = Pick<Deps, 'marketing' | 'events'> & EventAccessDeps;

const gate = async (deps: InfluencerWriteDeps, principal: Principal, ref: CampaignRef) => {
  await authorizeForEvent(deps, ref.orgId, ref.eventId, principal, 'marketing.manage');
  await eventForChange(deps, ref.orgId, ref.eventId);
  return existingCampaign(deps, ref);
};

const existing = async (deps: Pick<Deps, 'marketing'>, ref: InfluencerRef): Promise<InfluencerCampaign> => {
  const found = await deps.marketing.getInfluencer(ref);
  if (!found) throw notFound('influencer campaign');
  return found;
};

export const createInfluencer = async (
  deps: InfluencerWriteDeps,
  principal: Principal,
  ref: CampaignRef,
  input: InfluencerInput,
): Promise<InfluencerCampaign> => {
  assertCampaignOpen(await gate(deps, principal, ref));
  const now = deps.clock.now().toISOString();
  const influencer: InfluencerCampaign = {
    ...ref,
    influencerId: newId('mki'),
    name: input.name,
    handle: input.handle,
    platform: input.platform,
    fee: input.fee,
    deliverables: (input.deliverables ?? []).map((d) => ({
      deliverableId: newId('mkd'),
      kind: d.kind,
      dueDate: d.dueDate,
      delivered: false,
      url: null,
      deliveredAt: null,
    })),
    status: 'proposed',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.marketing.createInfluencer(influencer);
  return influencer;
};

export const listInfluencers = async (
  deps: InfluencerReadDeps,
  principal: Principal,
  ref: CampaignRef,
): Promise<InfluencerCampaign[]> => {
  await readableCampaign(deps, principal, ref);
  return deps.marketing.listInfluencers(ref);
};

const save = (
  deps: InfluencerWriteDeps,
  ref: InfluencerRef,
  next: (before: InfluencerCampaign) => InfluencerCampaign | undefined,
) =>
  writeGuarded(
    () => existing(deps, ref),
    (before) => {
      const after = next(before);
      return (
        after && {
          before,
          after: { ...after, version: before.version + 1, updatedAt: deps.clock.now().toISOString() },
        }
      );
    },
    (w) => deps.marketing.saveInfluencer(w.before, w.after),
    (w) => w.after,
  );

/** Edits an agreement or moves its status (`proposed -> agreed -> completed`, `cancelled`). */
export const updateInfluencer = async (
  deps: InfluencerWriteDeps,
  principal: Principal,
  ref: InfluencerRef,
  change: InfluencerChange,
): Promise<InfluencerCampaign> => {
  await gate(deps, principal, ref);
  return save(deps, ref, (before) => {
    const { status, ...rest } = givenFields(change);
    if (status && status !== before.status && !influencerMoves[before.status].includes(status))
      throw new DomainError('INVALID_TRANSITION', `a ${before.status} agreement cannot become ${status}`, {
        from: before.status,
        to: status,
      });
    return { ...before, ...rest, status: status ?? before.status };
  });
};

/** Marks a deliverable delivered (with its URL) or not; the same mark again changes nothing. */
export const markDeliverable = async (
  deps: InfluencerWriteDeps,
  principal: Principal,
  ref: InfluencerRef & { deliverableId: string },
  mark: { delivered: boolean; url?: string | undefined },
): Promise<InfluencerCampaign> => {
  await gate(deps, principal, ref);
  return save(deps, ref, (before) => {
    const item = before.deliverables.find((d) => d.deliverableId === ref.deliverableId);
    if (!item) throw notFound('deliverable');
    const url = mark.delivered ? (mark.url ?? item.url) : null;
    if (item.delivered === mark.delivered && item.url === url) return undefined;
    const deliveredAt = mark.delivered ? (item.deliveredAt ?? deps.clock.now().toISOString()) : null;
    return {
      ...before,
      deliverables: before.deliverables.map((d) =>
        d === item ? { ...d, delivered: mark.delivered, url, deliveredAt } : d,
      ),
    };
  });
};
