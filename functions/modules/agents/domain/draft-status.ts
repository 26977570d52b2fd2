import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import { derivedId } from '../../../kernel/domain/ids.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Announcement } from '../../announcements/index.js';
import { eventForChange } from '../../catalog/index.js';
import { existingDraft } from './drafts.js';
import type { AgentDraft, DraftStatus } from './model.js';
import type { DraftRef } from './ports.js';
import { mustMoveDraft } from './rules.js';

/**
 * A person moves a draft: `draft -> approved | rejected`, `approved -> published` (the right
 * `agentDraft.approve`; no agent ever calls this). Publishing an announcement draft creates a
 * *draft* announcement of the event (its id derived from the draft's, so a retry makes none
 * more); nothing is sent until a person sends it there. Marketing copy is only marked published.
 * Asked to move to the status it has, a draft answers as it is.
 */

type StatusDeps = Pick<Deps, 'agents' | 'announcements' | 'events' | 'clock'> & AccessDeps;

const attempts = 5;

export const announcementIdOf = (draftId: string): string => derivedId('ann', draftId);

const announcementOf = (draft: AgentDraft, by: string, now: string): Announcement => ({
  orgId: draft.orgId,
  eventId: draft.eventId,
  announcementId: announcementIdOf(draft.draftId),
  title: draft.output.title,
  content: draft.output.body,
  priority: 'normal',
  audience: 'attendees',
  sessionIds: [],
  channels: ['email', 'in_app'],
  status: 'draft',
  scheduledFor: null,
  sendingAt: null,
  sentAt: null,
  recipientCount: null,
  cancelledAt: null,
  createdBy: by,
  createdAt: now,
  updatedAt: now,
});

export const moveDraft = async (
  deps: StatusDeps,
  principal: Principal,
  ref: DraftRef,
  to: Exclude<DraftStatus, 'draft'>,
): Promise<AgentDraft> => {
  await authorize(deps, ref.orgId, principal, 'agentDraft.approve');
  for (let i = 0; i < attempts; i++) {
    const before = await existingDraft(deps, ref);
    if (before.status === to) return before;
    mustMoveDraft(before.status, to);
    const now = deps.clock.now().toISOString();
    let announcementId: string | null = null;
    if (to === 'published' && before.kind === 'announcement') {
      await eventForChange(deps, ref.orgId, before.eventId);
      const announcement = announcementOf(before, principal.sub, now);
      // Made once: a retry (or a concurrent publish) finds it there.
      await deps.announcements.createOnce(announcement);
      announcementId = announcement.announcementId;
    }
    const after: AgentDraft = {
      ...before,
      status: to,
      ...(to === 'published'
        ? { publishedAt: now, announcementId }
        : { decidedBy: principal.sub, decidedAt: now }),
      updatedAt: now,
    };
    if (await deps.agents.saveDraft(before, after)) return after;
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the draft kept changing; retry shortly');
};
