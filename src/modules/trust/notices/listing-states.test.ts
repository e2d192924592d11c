import { describe, expect, it } from 'vitest';
import { canTransition } from '../../../kernel/state-machine.ts';
import { listingOutcome, NOTICE_LISTING_STATES, NOTICE_LISTING_TRANSITIONS } from './listing-states.ts';

describe('a notice listing’s states', () => {
  it('runs pending_review → taken_down → counter_noticed → reinstated | removed, or rejected', () => {
    const t = NOTICE_LISTING_TRANSITIONS;
    expect(canTransition(t, 'pending_review', 'taken_down')).toBe(true);
    expect(canTransition(t, 'pending_review', 'rejected')).toBe(true);
    expect(canTransition(t, 'taken_down', 'counter_noticed')).toBe(true);
    expect(canTransition(t, 'counter_noticed', 'reinstated')).toBe(true);
    expect(canTransition(t, 'counter_noticed', 'removed')).toBe(true);
    expect(canTransition(t, 'pending_review', 'removed')).toBe(false);
    expect(canTransition(t, 'counter_noticed', 'taken_down')).toBe(false);
    for (const end of ['reinstated', 'rejected'] as const) expect(t[end]).toEqual([]);
    expect(Object.keys(t).sort()).toEqual([...NOTICE_LISTING_STATES].sort());
  });

  it('counts for accuracy: agent takedowns and standing removals are upheld, a trusted takedown waits', () => {
    expect(listingOutcome('taken_down', 'notice.agent_upheld')).toBe('upheld');
    expect(listingOutcome('counter_noticed', 'notice.agent_upheld')).toBe('upheld');
    expect(listingOutcome('removed', 'notice.trusted_reporter')).toBe('upheld');
    expect(listingOutcome('taken_down', 'notice.trusted_reporter')).toBe('undecided');
    expect(listingOutcome('pending_review', null)).toBe('undecided');
    expect(listingOutcome('rejected', null)).toBe('not_upheld');
    expect(listingOutcome('reinstated', 'notice.agent_upheld')).toBe('not_upheld');
  });
});
