import { describe, expect, it } from 'vitest';
import { announcementIdOf } from '../../functions/modules/agents/domain/draft-status.js';
import type { DraftRequest, DraftStatus } from '../../functions/modules/agents/domain/model.js';
import { draftStatuses } from '../../functions/modules/agents/domain/model.js';
import {
  draftTransitions,
  missingTools,
  mustMoveDraft,
} from '../../functions/modules/agents/domain/rules.js';
import { templateDraft } from '../../functions/modules/agents/domain/template-drafter.js';

/** The agents' pure rules: the template drafter is deterministic, drafts move only along their flow, tools gate kinds. */

const request = (overrides: Partial<DraftRequest> = {}): DraftRequest => ({
  kind: 'announcement',
  prompt: 'Doors open at six.',
  instructions: 'Be brief.',
  event: {
    title: 'Summit',
    startsAt: '2027-05-01T16:00:00.000Z',
    endsAt: '2027-05-02T20:00:00.000Z',
    venueName: 'Hall One',
  },
  ...overrides,
});

describe('the template drafter', () => {
  it('gives the same draft for the same request, composed of the event and the prompt', () => {
    const a = templateDraft(request());
    expect(templateDraft(request())).toEqual(a);
    expect(a).toEqual({
      title: 'Announcement: Summit',
      body: 'Summit from 2027-05-01 to 2027-05-02 at Hall One.\n\nDoors open at six.\n\nWe look forward to seeing you there.',
    });
    expect(templateDraft(request({ kind: 'marketing_copy' })).title).toBe("Don't miss Summit");
  });

  it('uses nothing of the event when it may not read it', () => {
    const blind = templateDraft(request({ event: null }));
    expect(blind.title).toBe('Announcement: our event');
    expect(blind.body).not.toContain('Summit');
  });
});

describe('draft moves', () => {
  it('allows draft -> approved | rejected and approved -> published only', () => {
    const allowed = draftStatuses.flatMap((from) =>
      draftStatuses.filter((to) => draftTransitions[from].includes(to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(['approved->published', 'draft->approved', 'draft->rejected']);
    const refused = (from: DraftStatus, to: DraftStatus) => () => mustMoveDraft(from, to);
    expect(refused('draft', 'published')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    expect(refused('rejected', 'approved')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    expect(refused('draft', 'approved')).not.toThrow();
  });

  it("derives the announcement's id from the draft's, so a retried publish makes the same one", () => {
    expect(announcementIdOf('agd_aaaaaaaaaaaaaaaaaaaa')).toBe(announcementIdOf('agd_aaaaaaaaaaaaaaaaaaaa'));
    expect(announcementIdOf('agd_aaaaaaaaaaaaaaaaaaaa')).toMatch(/^ann_[0-9a-z]{20}$/);
  });
});

describe('tool gating', () => {
  it('needs the drafting tool of the kind', () => {
    expect(missingTools(['read_event', 'draft_announcement'], 'announcement')).toEqual([]);
    expect(missingTools(['read_event', 'draft_announcement'], 'marketing_copy')).toEqual([
      'draft_marketing_copy',
    ]);
    expect(missingTools([], 'announcement')).toEqual(['draft_announcement']);
  });
});
