import type { TransitionTable } from '../../../kernel/state-machine.ts';

/** Where each listing a notice names stands. */
export const NOTICE_LISTING_STATES = [
  'pending_review',
  'taken_down',
  'counter_noticed',
  'reinstated',
  'removed',
  'rejected',
] as const;
export type NoticeListingStatus = (typeof NOTICE_LISTING_STATES)[number];

/**
 * pending_review → taken_down → counter_noticed → reinstated | removed; or rejected. An agent who
 * rejects a notice after its listing went down (a trusted reporter's takedown, or a court later
 * finding for the seller) reinstates it, which is why taken_down and removed reach reinstated.
 */
export const NOTICE_LISTING_TRANSITIONS: TransitionTable<NoticeListingStatus> = {
  pending_review: ['taken_down', 'rejected'],
  taken_down: ['counter_noticed', 'removed', 'reinstated'],
  counter_noticed: ['reinstated', 'removed'],
  removed: ['reinstated'],
  reinstated: [],
  rejected: [],
};

/** The listing is down because of the notice (its hold and escrow freeze are the notice's). */
export const DOWN_STATES: readonly NoticeListingStatus[] = ['taken_down', 'counter_noticed', 'removed'];

export const TAKEDOWN_RULES = ['notice.trusted_reporter', 'notice.agent_upheld'] as const;
export type TakedownRule = (typeof TAKEDOWN_RULES)[number];

/**
 * Whether a listing counts for its reporter's accuracy: upheld when an agent took it down or its
 * removal stood; not upheld when rejected or reinstated; a trusted reporter's own takedown is
 * undecided until the removal stands or is reversed.
 */
export function listingOutcome(
  status: NoticeListingStatus,
  takedownRule: string | null,
): 'upheld' | 'not_upheld' | 'undecided' {
  if (status === 'removed') return 'upheld';
  if (status === 'rejected' || status === 'reinstated') return 'not_upheld';
  if ((status === 'taken_down' || status === 'counter_noticed') && takedownRule === 'notice.agent_upheld')
    return 'upheld';
  return 'undecided';
}

/** The escrow-freeze reference of one listing of a notice. */
export const freezeReference = (noticeId: string, productId: string) => `notice:${noticeId}:${productId}`;

/** The queue subject of one listing of a notice (its counter-notice, its frozen orders). */
export const noticeListingSubject = (noticeId: string, productId: string) => `${noticeId}:${productId}`;
