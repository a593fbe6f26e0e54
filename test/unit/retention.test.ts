// Retention rules R1-R3 (DESIGN.md §6, LEGAL.md L12-L14) against dates read off a calendar by hand.
// Calendar facts used: 2026 and 2027 are common years (February has 28 days), 2024 and 2028 leap
// years (29); August, October and December have 31 days, November 30.
import { describe, expect, it } from 'vitest';
import type { CaseOutcome } from '../../src/domain/case-workflow.ts';
import {
  checkRetentionPolicy,
  isPurgeDue,
  LEGAL_RETENTION,
  monthOf,
  RetentionPolicyError,
  retentionOf,
  type RetentionPolicy,
} from '../../src/domain/retention.ts';

const closed = (outcome: CaseOutcome, closedOn: string, proceedingsEndedOn: string | null = null) => ({ outcome, closedOn, proceedingsEndedOn });

describe('retentionOf under the legal retention', () => {
  it('R1: an inadmissible case is due on the day it was closed (the next purge run)', () => {
    expect(retentionOf(closed('inadmissible', '2026-03-14'))).toEqual({ rule: 'R1', dueOn: '2026-03-14' });
  });

  it('R2: a case closed without follow-up is due two calendar months after closure', () => {
    // 14 March → 14 May; 5 January → 5 March; 15 November 2026 → 15 January 2027 (over a year end).
    expect(retentionOf(closed('no_follow_up', '2026-03-14'))).toEqual({ rule: 'R2', dueOn: '2026-05-14' });
    expect(retentionOf(closed('no_follow_up', '2026-01-05'))).toEqual({ rule: 'R2', dueOn: '2026-03-05' });
    expect(retentionOf(closed('no_follow_up', '2026-11-15'))).toEqual({ rule: 'R2', dueOn: '2027-01-15' });
  });

  it.each([
    // closed on       due on          why
    ['2025-12-31', '2026-02-28'], // 31 December + 2 months → 31 February does not exist → last day, 28 (2026 common)
    ['2027-12-31', '2028-02-29'], // 31 December + 2 → last day of February, 29 (2028 leap)
    ['2023-12-29', '2024-02-29'], // 29 December + 2 → 29 February exists in 2024
    ['2026-12-30', '2027-02-28'], // 30 December + 2 → 30 February does not exist → 28 (2027 common)
    ['2026-08-31', '2026-10-31'], // 31 August + 2 → 31 October exists: no clamp
    ['2026-09-30', '2026-11-30'], // 30 September + 2 → 30 November exists
    ['2026-10-31', '2026-12-31'], // 31 October + 2 → 31 December
    ['2026-12-31', '2027-02-28'], // 31 December 2026 + 2 → end of February 2027
  ])('R2: closed on %s → due on %s (month-end clamp)', (closedOn, dueOn) => {
    expect(retentionOf(closed('no_follow_up', closedOn))).toEqual({ rule: 'R2', dueOn });
  });

  it('R3: without a recorded end of proceedings, a follow-up case is due six years (72 months) after closure', () => {
    expect(retentionOf(closed('follow_up', '2026-03-14'))).toEqual({ rule: 'R3', dueOn: '2032-03-14' });
    // 29 February 2028 + 72 months → 29 February 2034 does not exist → 28 February 2034.
    expect(retentionOf(closed('follow_up', '2028-02-29'))).toEqual({ rule: 'R3', dueOn: '2034-02-28' });
  });

  it('R3: proceedings that ended before the six-year cap make the case due on that day', () => {
    expect(retentionOf(closed('follow_up', '2026-03-14', '2027-06-01'))).toEqual({ rule: 'R3', dueOn: '2027-06-01' });
    // Ended on the day of closure: due that very day.
    expect(retentionOf(closed('follow_up', '2026-03-14', '2026-03-14'))).toEqual({ rule: 'R3', dueOn: '2026-03-14' });
  });

  it('R3: proceedings that ended after the cap change nothing: the cap wins', () => {
    expect(retentionOf(closed('follow_up', '2026-03-14', '2033-01-01'))).toEqual({ rule: 'R3', dueOn: '2032-03-14' });
    expect(retentionOf(closed('follow_up', '2026-03-14', '2032-03-15'))).toEqual({ rule: 'R3', dueOn: '2032-03-14' });
    // Ended exactly on the cap: the same day either way.
    expect(retentionOf(closed('follow_up', '2026-03-14', '2032-03-14'))).toEqual({ rule: 'R3', dueOn: '2032-03-14' });
  });

  it('an open case has no retention yet (open cases are never purged)', () => {
    expect(retentionOf({ outcome: null, closedOn: null, proceedingsEndedOn: null })).toBeNull();
    // Half-written facts count as open too: no outcome, or no closure day.
    expect(retentionOf({ outcome: null, closedOn: '2026-03-14', proceedingsEndedOn: null })).toBeNull();
    expect(retentionOf({ outcome: 'no_follow_up', closedOn: null, proceedingsEndedOn: null })).toBeNull();
  });

  it('takes the legal retention when no policy is given', () => {
    expect(LEGAL_RETENTION).toEqual({ noFollowUpMonths: 2, followUpMaxMonths: 72 });
    expect(retentionOf(closed('no_follow_up', '2026-03-14'), LEGAL_RETENTION)).toEqual(retentionOf(closed('no_follow_up', '2026-03-14')));
  });
});

describe('retentionOf under an organisation’s shorter retention', () => {
  it('0 months: R2 and R3 cases are due on the day of closure', () => {
    const none: RetentionPolicy = { noFollowUpMonths: 0, followUpMaxMonths: 0 };
    expect(retentionOf(closed('no_follow_up', '2026-03-14'), none)).toEqual({ rule: 'R2', dueOn: '2026-03-14' });
    expect(retentionOf(closed('follow_up', '2026-03-14'), none)).toEqual({ rule: 'R3', dueOn: '2026-03-14' });
    // Proceedings that end later cannot move the case past a cap of 0.
    expect(retentionOf(closed('follow_up', '2026-03-14', '2026-05-01'), none)).toEqual({ rule: 'R3', dueOn: '2026-03-14' });
    // R1 does not depend on the policy.
    expect(retentionOf(closed('inadmissible', '2026-03-14'), none)).toEqual({ rule: 'R1', dueOn: '2026-03-14' });
  });

  it('1 month without follow-up, clamped at the month end: 31 January → 28 February', () => {
    const policy: RetentionPolicy = { noFollowUpMonths: 1, followUpMaxMonths: 72 };
    expect(retentionOf(closed('no_follow_up', '2026-01-31'), policy)).toEqual({ rule: 'R2', dueOn: '2026-02-28' });
    expect(retentionOf(closed('no_follow_up', '2026-03-14'), policy)).toEqual({ rule: 'R2', dueOn: '2026-04-14' });
  });

  it('36 months with follow-up: the shorter cap still loses to an earlier end of proceedings', () => {
    const policy: RetentionPolicy = { noFollowUpMonths: 2, followUpMaxMonths: 36 };
    expect(retentionOf(closed('follow_up', '2026-03-14'), policy)).toEqual({ rule: 'R3', dueOn: '2029-03-14' });
    expect(retentionOf(closed('follow_up', '2026-03-14', '2027-01-10'), policy)).toEqual({ rule: 'R3', dueOn: '2027-01-10' });
    expect(retentionOf(closed('follow_up', '2026-03-14', '2030-01-10'), policy)).toEqual({ rule: 'R3', dueOn: '2029-03-14' });
  });
});

describe('checkRetentionPolicy', () => {
  it.each([
    { noFollowUpMonths: 2, followUpMaxMonths: 72 },
    { noFollowUpMonths: 0, followUpMaxMonths: 0 },
    { noFollowUpMonths: 1, followUpMaxMonths: 36 },
  ])('accepts %o (at most the law, at least 0)', (policy) => {
    expect(() => checkRetentionPolicy(policy)).not.toThrow();
  });

  it.each([
    ['3 months without follow-up (longer than the law)', { noFollowUpMonths: 3, followUpMaxMonths: 72 }, /noFollowUpMonths .* 0 to 2 .*got 3/],
    ['73 months with follow-up (longer than the law)', { noFollowUpMonths: 2, followUpMaxMonths: 73 }, /followUpMaxMonths .* 0 to 72 .*got 73/],
    ['a negative number of months', { noFollowUpMonths: -1, followUpMaxMonths: 72 }, /noFollowUpMonths.*got -1/],
    ['a fraction of a month', { noFollowUpMonths: 1.5, followUpMaxMonths: 72 }, /noFollowUpMonths.*got 1\.5/],
    ['NaN without follow-up', { noFollowUpMonths: Number.NaN, followUpMaxMonths: 72 }, /noFollowUpMonths.*got NaN/],
    ['NaN with follow-up', { noFollowUpMonths: 2, followUpMaxMonths: Number.NaN }, /followUpMaxMonths.*got NaN/],
    ['infinity', { noFollowUpMonths: 2, followUpMaxMonths: Number.POSITIVE_INFINITY }, /followUpMaxMonths.*got Infinity/],
  ])('refuses %s', (_, policy, message) => {
    expect(() => checkRetentionPolicy(policy)).toThrow(RetentionPolicyError);
    expect(() => checkRetentionPolicy(policy)).toThrow(message);
  });

  it('refuses a value that is not a number at all (from untyped input)', () => {
    expect(() => checkRetentionPolicy({ noFollowUpMonths: '2', followUpMaxMonths: 72 } as unknown as RetentionPolicy)).toThrow(RetentionPolicyError);
  });

  it('says the legal maximum and that a longer retention is not allowed', () => {
    expect(() => checkRetentionPolicy({ noFollowUpMonths: 3, followUpMaxMonths: 72 })).toThrow(/legal maximum; a longer retention is not allowed/);
  });
});

describe('isPurgeDue and monthOf', () => {
  it('a case is due on its due day and after, never the day before', () => {
    expect(isPurgeDue('2026-02-28', '2026-02-27')).toBe(false);
    expect(isPurgeDue('2026-02-28', '2026-02-28')).toBe(true);
    expect(isPurgeDue('2026-02-28', '2026-03-01')).toBe(true);
    // Across a year end, as strings compare.
    expect(isPurgeDue('2027-01-01', '2026-12-31')).toBe(false);
  });

  it('keeps the month of a day, never the day', () => {
    expect(monthOf('2026-02-28')).toBe('2026-02');
    expect(monthOf('2025-12-31')).toBe('2025-12');
  });
});
