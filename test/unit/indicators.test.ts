// Indicators (LEGAL.md L16) from case statistics, every expected figure counted by hand in the
// comment beside it. Nearest-rank percentile: the value at rank ceil(p/100 × n) of the sorted list.
import { describe, expect, it } from 'vitest';
import { caseStatistics, type CaseStatistics, type TombstoneFacts } from '../../src/domain/case-tombstone.ts';
import { computeIndicators, monthsOf, percentile } from '../../src/domain/indicators.ts';

describe('percentile (nearest rank)', () => {
  it('takes the value at rank ceil(p/100 × n) of the sorted values', () => {
    // Sorted: 15 20 35 40 50 (n = 5)
    const values = [50, 15, 40, 20, 35];
    expect(percentile(values, 5)).toBe(15); // ceil(0.25) = 1
    expect(percentile(values, 30)).toBe(20); // ceil(1.5) = 2
    expect(percentile(values, 40)).toBe(20); // ceil(2.0) = 2
    expect(percentile(values, 50)).toBe(35); // ceil(2.5) = 3
    expect(percentile(values, 90)).toBe(50); // ceil(4.5) = 5
    expect(percentile(values, 100)).toBe(50); // ceil(5) = 5
  });

  it('on ten values: median is the 5th, p90 the 9th; on eleven: the 6th and the 10th', () => {
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(percentile(ten, 50)).toBe(5); // ceil(5) = 5
    expect(percentile(ten, 90)).toBe(9); // ceil(9) = 9
    const eleven = [...ten, 11];
    expect(percentile(eleven, 50)).toBe(6); // ceil(5.5) = 6
    expect(percentile(eleven, 90)).toBe(10); // ceil(9.9) = 10
  });

  it('is one of the values, never an average; null when there are none', () => {
    expect(percentile([3, 4], 50)).toBe(3); // ceil(1) = 1, not 3.5
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('sorts numbers as numbers and leaves its input alone', () => {
    const values = [100, 9, 20];
    expect(percentile(values, 50)).toBe(20); // sorted 9 20 100, not "100" "20" "9"
    expect(values).toEqual([100, 9, 20]);
  });
});

describe('monthsOf', () => {
  it('lists every month inclusive, across a year end', () => {
    expect(monthsOf('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2025-12', '2026-01')).toEqual(['2025-12', '2026-01']);
  });

  it('one month for a one-month period; a whole year has twelve', () => {
    expect(monthsOf('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsOf('2026-01', '2026-12')).toHaveLength(12);
    expect(monthsOf('2025-02', '2027-01')).toHaveLength(24);
  });

  it('nothing for a reversed period', () => {
    expect(monthsOf('2026-03', '2026-02')).toEqual([]);
  });
});

/** One case's statistics, open by default. */
function stats(overrides: Partial<CaseStatistics>): CaseStatistics {
  return {
    category: 'atteinte-probite',
    receivedMonth: '2026-01',
    closedMonth: null,
    outcome: null,
    followUpKind: null,
    daysToAcknowledgement: 0,
    daysToClosure: null,
    feedbackOnTime: null,
    ...overrides,
  };
}

describe('computeIndicators', () => {
  // Seven cases received from December 2025 to March 2026 (none in February), one outside the period:
  const all: CaseStatistics[] = [
    // December: one inadmissible (acknowledged after 2 days, closed after 3, in time)
    stats({ receivedMonth: '2025-12', closedMonth: '2025-12', outcome: 'inadmissible', daysToAcknowledgement: 2, daysToClosure: 3, feedbackOnTime: true }),
    // January: closed without follow-up (ack 1, closure 40, in time), follow-up disciplinary (ack 5, closure 80, late),
    //          follow-up without a kind (ack 0, closure 20, in time), one open and still pending
    stats({ receivedMonth: '2026-01', closedMonth: '2026-02', outcome: 'no_follow_up', daysToAcknowledgement: 1, daysToClosure: 40, feedbackOnTime: true }),
    stats({ receivedMonth: '2026-01', closedMonth: '2026-04', outcome: 'follow_up', followUpKind: 'disciplinary', daysToAcknowledgement: 5, daysToClosure: 80, feedbackOnTime: false }),
    stats({ receivedMonth: '2026-01', closedMonth: '2026-01', outcome: 'follow_up', followUpKind: null, daysToAcknowledgement: 0, daysToClosure: 20, feedbackOnTime: true }),
    stats({ receivedMonth: '2026-01', category: 'conflit-interets', daysToAcknowledgement: 7 }),
    // March: one open, not acknowledged yet, its feedback delay run out (missed)
    stats({ receivedMonth: '2026-03', category: 'conflit-interets', daysToAcknowledgement: null, feedbackOnTime: false }),
    // Outside the period (November 2025): counted nowhere
    stats({ receivedMonth: '2025-11', closedMonth: '2025-11', outcome: 'inadmissible', daysToAcknowledgement: 30, daysToClosure: 30, feedbackOnTime: false }),
  ];
  const period = { fromMonth: '2025-12', toMonth: '2026-03', category: null };

  it('counts cases received in the period by outcome, follow-ups by kind', () => {
    const figures = computeIndicators(all, period);
    expect(figures.period).toEqual(period);
    expect(figures.received).toBe(6);
    expect(figures.inadmissible).toBe(1);
    expect(figures.closedWithoutFollowUp).toBe(1);
    expect(figures.closedWithFollowUp).toEqual({ total: 2, byKind: { disciplinary: 1, judicial_referral: 0, internal_measures: 0, unspecified: 1 } });
    expect(figures.open).toBe(2);
  });

  it('medians and 90th percentiles of days to acknowledgement and to closure', () => {
    const figures = computeIndicators(all, period);
    // Acknowledged: 2, 1, 5, 0, 7 → sorted 0 1 2 5 7 (n = 5): median rank 3 → 2; p90 rank ceil(4.5) = 5 → 7
    expect(figures.daysToAcknowledgement).toEqual({ cases: 5, median: 2, p90: 7 });
    // Closed: 3, 40, 80, 20 → sorted 3 20 40 80 (n = 4): median rank 2 → 20; p90 rank ceil(3.6) = 4 → 80
    expect(figures.daysToClosure).toEqual({ cases: 4, median: 20, p90: 80 });
  });

  it('the share of feedback within the legal delay counts only cases whose delay ran out or that got it', () => {
    // Due: inadmissible (on time), no follow-up (on time), disciplinary (late), unspecified (on time),
    // March open (missed) = 5, 3 on time; the January open case is still pending and not counted.
    expect(computeIndicators(all, period).feedbackWithinDelay).toEqual({ due: 5, onTime: 3, share: 3 / 5 });
  });

  it('gives every month of the period, months without cases included', () => {
    expect(computeIndicators(all, period).byMonth).toEqual([
      { month: '2025-12', received: 1, inadmissible: 1, closedWithoutFollowUp: 0, closedWithFollowUp: 0, open: 0 },
      { month: '2026-01', received: 4, inadmissible: 0, closedWithoutFollowUp: 1, closedWithFollowUp: 2, open: 1 },
      { month: '2026-02', received: 0, inadmissible: 0, closedWithoutFollowUp: 0, closedWithFollowUp: 0, open: 0 },
      { month: '2026-03', received: 1, inadmissible: 0, closedWithoutFollowUp: 0, closedWithFollowUp: 0, open: 1 },
    ]);
  });

  it('counts a case in the month it was received, whatever the month it was closed', () => {
    // The disciplinary case was closed in April, after the period: it still counts in January.
    const january = computeIndicators(all, { fromMonth: '2026-01', toMonth: '2026-01', category: null });
    expect(january.received).toBe(4);
    expect(january.closedWithFollowUp.total).toBe(2);
  });

  it('keeps one category when asked', () => {
    const figures = computeIndicators(all, { ...period, category: 'conflit-interets' });
    expect(figures.received).toBe(2);
    expect(figures.open).toBe(2);
    expect(figures.inadmissible + figures.closedWithoutFollowUp + figures.closedWithFollowUp.total).toBe(0);
    // Acknowledged: only the January one (7 days).
    expect(figures.daysToAcknowledgement).toEqual({ cases: 1, median: 7, p90: 7 });
    expect(figures.daysToClosure).toEqual({ cases: 0, median: null, p90: null });
    // Due: only the March one, missed.
    expect(figures.feedbackWithinDelay).toEqual({ due: 1, onTime: 0, share: 0 });
    expect(figures.byMonth.map((m) => m.received)).toEqual([0, 1, 0, 1]);
  });

  it('an unknown category or an empty period gives zeros, and a null share when nothing is due', () => {
    const none = computeIndicators(all, { ...period, category: 'autre' });
    expect(none).toMatchObject({
      received: 0,
      inadmissible: 0,
      closedWithoutFollowUp: 0,
      closedWithFollowUp: { total: 0 },
      open: 0,
      daysToAcknowledgement: { cases: 0, median: null, p90: null },
      daysToClosure: { cases: 0, median: null, p90: null },
      feedbackWithinDelay: { due: 0, onTime: 0, share: null },
    });
    expect(none.byMonth).toHaveLength(4);
    expect(computeIndicators([], { fromMonth: '2026-01', toMonth: '2026-01', category: null }).feedbackWithinDelay.share).toBeNull();
  });

  it('a period with only pending cases has a null share, not zero', () => {
    const pending = computeIndicators([stats({}), stats({})], { fromMonth: '2026-01', toMonth: '2026-01', category: null });
    expect(pending.open).toBe(2);
    expect(pending.feedbackWithinDelay).toEqual({ due: 0, onTime: 0, share: null });
  });
});

describe('caseStatistics (what a live case and its tombstone count as)', () => {
  const facts = (overrides: Partial<TombstoneFacts>): TombstoneFacts => ({
    category: 'atteinte-probite',
    // Monday 5 January 2026, 10:00 in Paris
    receivedAt: new Date('2026-01-05T09:00:00Z'),
    acknowledgedAt: new Date('2026-01-05T09:00:00Z'),
    feedbackDueOn: '2026-04-06',
    feedbackGivenAt: null,
    closedAt: null,
    outcome: null,
    followUpKind: null,
    ...overrides,
  });

  it('an open case: months of receipt only, whole days to acknowledgement, feedback pending until its due day', () => {
    expect(caseStatistics(facts({ acknowledgedAt: new Date('2026-01-08T16:00:00Z') }), 'metropole', '2026-04-06')).toEqual({
      category: 'atteinte-probite',
      receivedMonth: '2026-01',
      closedMonth: null,
      outcome: null,
      followUpKind: null,
      daysToAcknowledgement: 3, // 5 → 8 January
      daysToClosure: null,
      feedbackOnTime: null, // due 6 April, today 6 April: still pending
    });
    // The day after the due day without feedback: missed.
    expect(caseStatistics(facts({}), 'metropole', '2026-04-07').feedbackOnTime).toBe(false);
  });

  it('a closed case: the closure counts as feedback, days to closure in whole local days', () => {
    const closedCase = facts({ closedAt: new Date('2026-02-14T22:30:00Z'), outcome: 'follow_up', followUpKind: 'judicial_referral' });
    // 22:30Z on 14 February is 23:30 in Paris: still the 14th → 40 days after 5 January.
    expect(caseStatistics(closedCase, 'metropole', '2026-05-01')).toMatchObject({
      closedMonth: '2026-02',
      outcome: 'follow_up',
      followUpKind: 'judicial_referral',
      daysToClosure: 40,
      feedbackOnTime: true,
    });
    // Feedback given late, then closure: the feedback day counts, so it is late.
    expect(caseStatistics({ ...closedCase, feedbackGivenAt: new Date('2026-04-08T09:00:00Z'), closedAt: new Date('2026-04-20T09:00:00Z') }, 'metropole', '2026-05-01').feedbackOnTime).toBe(false);
  });

  it('months are the organisation’s local ones: 31 December 23:30Z is already January in Paris', () => {
    const newYear = facts({ receivedAt: new Date('2025-12-31T23:30:00Z'), acknowledgedAt: new Date('2025-12-31T23:30:00Z') });
    expect(caseStatistics(newYear, 'metropole', '2026-01-05').receivedMonth).toBe('2026-01');
    // In Guadeloupe (UTC-4) the same instant is still 31 December.
    expect(caseStatistics(newYear, 'guadeloupe', '2026-01-05').receivedMonth).toBe('2025-12');
  });
});
