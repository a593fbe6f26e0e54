// Case deadlines (LEGAL.md L1, L3, L11) against dates read off a calendar by hand. Every expected
// date below was counted day by day in the comment beside it, never computed with the code under test.
//
// Calendar facts used (weekdays checked): 1 Jan 2026 is a Thursday; 19 Dec 2025 a Friday; 1 Dec 2025 a
// Monday; 25 Dec 2024 a Wednesday; 1 Jan 2027 a Friday; 2028 is a leap year. Easter Sunday 2025 = 20 April
// (Good Friday 18, Easter Monday 21 April, Ascension 29 May); Easter Sunday 2026 = 5 April (Easter Monday
// 6 April, Ascension Thursday 14 May, Whit Monday 25 May). Time zones: Paris UTC+1 in winter, UTC+2 in
// summer (from 29 Mar to 25 Oct 2026); La Réunion UTC+4; Mayotte UTC+3; Guadeloupe and Martinique UTC-4.
import { describe, expect, it } from 'vitest';
import type { CalendarRegion } from '../../db/schema.ts';
import {
  caseDeadlines,
  checkDeadlinePolicy,
  deadlineStatus,
  DeadlinePolicyError,
  DUE_SOON_WORKING_DAYS,
  filingDeadlines,
  LEGAL_DEADLINES,
  meetingDueOn,
  type DeadlinePolicy,
  type DeadlineStatus,
} from '../../src/domain/case-deadlines.ts';

interface CaseRow {
  readonly name: string;
  readonly receivedAt: string;
  readonly acknowledgedAt: string | null;
  readonly region: CalendarRegion;
  readonly ackDueOn: string;
  readonly feedbackDueOn: string;
}

const at = (instant: string | null): Date | null => (instant === null ? null : new Date(instant));

const LEGAL_CASES: readonly CaseRow[] = [
  // Fri 19 Dec 2025 received; Mon 22 (1), Tue 23 (2), Wed 24 (3), [Thu 25 Christmas], Fri 26 (4), Mon 29 (5),
  // Tue 30 (6), Wed 31 (7) → 31 Dec. No acknowledgement: 31 Dec + 3 months = 31 Mar 2026.
  { name: 'Fri 19 Dec 2025, national', receivedAt: '2025-12-19T10:00:00+01:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2025-12-31', feedbackDueOn: '2026-03-31' },
  // Same receipt, acknowledged Mon 22 Dec 2025 → feedback 22 Mar 2026 (a Sunday: months are not pushed).
  { name: 'Fri 19 Dec 2025, national, acknowledged 22 Dec', receivedAt: '2025-12-19T10:00:00+01:00', acknowledgedAt: '2025-12-22T09:00:00+01:00', region: 'metropole', ackDueOn: '2025-12-31', feedbackDueOn: '2026-03-22' },
  // Alsace-Moselle: Mon 22 (1), Tue 23 (2), Wed 24 (3), [Thu 25, Fri 26 holidays], Mon 29 (4), Tue 30 (5),
  // Wed 31 (6), [Thu 1 Jan], Fri 2 Jan (7) → 2 Jan 2026. + 3 months = 2 Apr 2026.
  { name: 'Fri 19 Dec 2025, Alsace-Moselle', receivedAt: '2025-12-19T10:00:00+01:00', acknowledgedAt: null, region: 'alsace-moselle', ackDueOn: '2026-01-02', feedbackDueOn: '2026-04-02' },

  // Wed 16 Apr 2025 received; Thu 17 (1), Fri 18 (2), [Sat 19, Sun 20, Mon 21 Easter Monday], Tue 22 (3),
  // Wed 23 (4), Thu 24 (5), Fri 25 (6), Mon 28 (7) → 28 Apr; 1 May (Thu) is after it. + 3 months = 28 Jul.
  { name: 'Wed 16 Apr 2025, national (Easter Monday)', receivedAt: '2025-04-16T10:00:00+02:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2025-04-28', feedbackDueOn: '2025-07-28' },
  // Alsace-Moselle: Thu 17 (1), [Fri 18 Good Friday], [Mon 21], Tue 22 (2), Wed 23 (3), Thu 24 (4), Fri 25 (5),
  // Mon 28 (6), Tue 29 (7) → 29 Apr. + 3 months = 29 Jul.
  { name: 'Wed 16 Apr 2025, Alsace-Moselle (Good Friday too)', receivedAt: '2025-04-16T10:00:00+02:00', acknowledgedAt: null, region: 'alsace-moselle', ackDueOn: '2025-04-29', feedbackDueOn: '2025-07-29' },
  // 1 and 8 May 2025 (both Thursdays) inside the window: Tue 29 Apr received; Wed 30 (1), [Thu 1 May],
  // Fri 2 (2), Mon 5 (3), Tue 6 (4), Wed 7 (5), [Thu 8 May], Fri 9 (6), Mon 12 (7) → 12 May. + 3 months = 12 Aug.
  { name: 'Tue 29 Apr 2025, national (1 and 8 May)', receivedAt: '2025-04-29T10:00:00+02:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2025-05-12', feedbackDueOn: '2025-08-12' },

  // Thu 30 Apr 2026 received; [Fri 1 May], Mon 4 (1), Tue 5 (2), Wed 6 (3), Thu 7 (4), [Fri 8 May], Mon 11 (5),
  // Tue 12 (6), Wed 13 (7) → 13 May (Ascension 14 May is the day after). + 3 months = 13 Aug.
  { name: 'Thu 30 Apr 2026, national', receivedAt: '2026-04-30T10:00:00+02:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2026-05-13', feedbackDueOn: '2026-08-13' },
  // Same receipt, acknowledged Mon 4 May 2026 → feedback 4 Aug 2026.
  { name: 'Thu 30 Apr 2026, national, acknowledged 4 May', receivedAt: '2026-04-30T10:00:00+02:00', acknowledgedAt: '2026-05-04T11:00:00+02:00', region: 'metropole', ackDueOn: '2026-05-13', feedbackDueOn: '2026-08-04' },

  // Fri 31 Oct 2025 received (after the change to winter time on 26 Oct); [Sat 1 Nov], Mon 3 (1), Tue 4 (2),
  // Wed 5 (3), Thu 6 (4), Fri 7 (5), Mon 10 (6), [Tue 11 Nov], Wed 12 (7) → 12 Nov. + 3 months = 12 Feb 2026.
  { name: 'Fri 31 Oct 2025, national (1 Nov Saturday, 11 Nov Tuesday)', receivedAt: '2025-10-31T10:00:00+01:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2025-11-12', feedbackDueOn: '2026-02-12' },
  // Same receipt, acknowledged Mon 3 Nov 2025 → feedback 3 Feb 2026.
  { name: 'Fri 31 Oct 2025, national, acknowledged 3 Nov', receivedAt: '2025-10-31T10:00:00+01:00', acknowledgedAt: '2025-11-03T09:30:00+01:00', region: 'metropole', ackDueOn: '2025-11-12', feedbackDueOn: '2026-02-03' },

  // Fri 15 May 2026 received. National: Mon 18 (1), Tue 19 (2), Wed 20 (3), Thu 21 (4), Fri 22 (5),
  // [Mon 25 Whit Monday], Tue 26 (6), Wed 27 (7) → 27 May. + 3 months = 27 Aug.
  { name: 'Fri 15 May 2026, national (Whit Monday)', receivedAt: '2026-05-15T10:00:00+02:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2026-05-27', feedbackDueOn: '2026-08-27' },
  // Martinique (22 May): Mon 18 (1), Tue 19 (2), Wed 20 (3), Thu 21 (4), [Fri 22], [Mon 25], Tue 26 (5),
  // Wed 27 (6), Thu 28 (7) → 28 May. + 3 months = 28 Aug.
  { name: 'Fri 15 May 2026, Martinique (22 May)', receivedAt: '2026-05-15T10:00:00-04:00', acknowledgedAt: null, region: 'martinique', ackDueOn: '2026-05-28', feedbackDueOn: '2026-08-28' },
  // Guadeloupe (27 May): Mon 18 (1) … Fri 22 (5), [Mon 25], Tue 26 (6), [Wed 27], Thu 28 (7) → 28 May.
  { name: 'Fri 15 May 2026, Guadeloupe (27 May)', receivedAt: '2026-05-15T10:00:00-04:00', acknowledgedAt: null, region: 'guadeloupe', ackDueOn: '2026-05-28', feedbackDueOn: '2026-08-28' },

  // Mon 20 Apr 2026 received. National: Tue 21 (1), Wed 22 (2), Thu 23 (3), Fri 24 (4), Mon 27 (5), Tue 28 (6),
  // Wed 29 (7) → 29 Apr. + 3 months = 29 Jul.
  { name: 'Mon 20 Apr 2026, national', receivedAt: '2026-04-20T10:00:00+02:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2026-04-29', feedbackDueOn: '2026-07-29' },
  // Mayotte (27 April): Tue 21 (1), Wed 22 (2), Thu 23 (3), Fri 24 (4), [Mon 27], Tue 28 (5), Wed 29 (6),
  // Thu 30 (7) → 30 Apr. + 3 months = 30 Jul.
  { name: 'Mon 20 Apr 2026, Mayotte (27 April)', receivedAt: '2026-04-20T10:00:00+03:00', acknowledgedAt: null, region: 'mayotte', ackDueOn: '2026-04-30', feedbackDueOn: '2026-07-30' },

  // La Réunion, 20 December. 2024: Wed 18 Dec received; Thu 19 (1), [Fri 20 abolition day], Mon 23 (2),
  // Tue 24 (3), [Wed 25], Thu 26 (4), Fri 27 (5), Mon 30 (6), Tue 31 (7) → 31 Dec 2024. + 3 months = 31 Mar 2025.
  { name: 'Wed 18 Dec 2024, La Réunion (20 Dec Friday)', receivedAt: '2024-12-18T10:00:00+04:00', acknowledgedAt: null, region: 'la-reunion', ackDueOn: '2024-12-31', feedbackDueOn: '2025-03-31' },
  // Same day in metropolitan France: Thu 19 (1), Fri 20 (2), Mon 23 (3), Tue 24 (4), [Wed 25], Thu 26 (5),
  // Fri 27 (6), Mon 30 (7) → 30 Dec 2024. + 3 months = 30 Mar 2025.
  { name: 'Wed 18 Dec 2024, national', receivedAt: '2024-12-18T10:00:00+01:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2024-12-30', feedbackDueOn: '2025-03-30' },
  // 2027: Fri 17 Dec received in La Réunion; [Mon 20 abolition day], Tue 21 (1), Wed 22 (2), Thu 23 (3),
  // Fri 24 (4), [Sat 25], Mon 27 (5), Tue 28 (6), Wed 29 (7) → 29 Dec 2027. + 3 months = 29 Mar 2028.
  { name: 'Fri 17 Dec 2027, La Réunion (20 Dec Monday)', receivedAt: '2027-12-17T10:00:00+04:00', acknowledgedAt: null, region: 'la-reunion', ackDueOn: '2027-12-29', feedbackDueOn: '2028-03-29' },
  // Metropolitan France: Mon 20 (1), Tue 21 (2), Wed 22 (3), Thu 23 (4), Fri 24 (5), Mon 27 (6), Tue 28 (7) → 28 Dec.
  { name: 'Fri 17 Dec 2027, national', receivedAt: '2027-12-17T10:00:00+01:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2027-12-28', feedbackDueOn: '2028-03-28' },
];

describe('caseDeadlines with the law’s delays (7 jours ouvrés, 3 months)', () => {
  it.each(LEGAL_CASES)('$name → ack $ackDueOn, feedback $feedbackDueOn', (row) => {
    const expected = { ackDueOn: row.ackDueOn, feedbackDueOn: row.feedbackDueOn };
    expect(caseDeadlines(new Date(row.receivedAt), at(row.acknowledgedAt), row.region)).toEqual(expected);
    expect(caseDeadlines(new Date(row.receivedAt), at(row.acknowledgedAt), row.region, LEGAL_DEADLINES)).toEqual(expected);
    // The existing entry point gives the same dates.
    expect(filingDeadlines(new Date(row.receivedAt), at(row.acknowledgedAt), row.region)).toEqual(expected);
  });

  it('are the law’s figures', () => {
    expect(LEGAL_DEADLINES).toEqual({ ackWorkingDays: 7, feedbackMonths: 3, meetingWorkingDays: 20 });
  });
});

describe('the day of receipt is the local day in the organisation’s time zone', () => {
  it.each<CaseRow>([
    // 2025-12-18T23:30Z is Fri 19 Dec 00:30 in Paris: counted from Fri 19 Dec → 31 Dec (see above), 31 Mar 2026.
    // (Counted from the UTC day, Thu 18 Dec, it would wrongly be Fri 19 (1), 22, 23, 24, 26, 29, Tue 30 (7).)
    { name: '23:30 UTC Thu 18 Dec 2025 = Fri 19 Dec in Paris', receivedAt: '2025-12-18T23:30:00Z', acknowledgedAt: null, region: 'metropole', ackDueOn: '2025-12-31', feedbackDueOn: '2026-03-31' },
    // The same instant is Thu 18 Dec 19:30 in Guadeloupe: Fri 19 (1), Mon 22 (2), Tue 23 (3), Wed 24 (4),
    // [Thu 25], Fri 26 (5), Mon 29 (6), Tue 30 (7) → 30 Dec. + 3 months = 30 Mar 2026.
    { name: 'the same instant in Guadeloupe = Thu 18 Dec', receivedAt: '2025-12-18T23:30:00Z', acknowledgedAt: null, region: 'guadeloupe', ackDueOn: '2025-12-30', feedbackDueOn: '2026-03-30' },
    // Summer time: 2026-06-30T22:30Z is Wed 1 Jul 00:30 in Paris (UTC+2); Thu 2 (1), Fri 3 (2), Mon 6 (3),
    // Tue 7 (4), Wed 8 (5), Thu 9 (6), Fri 10 (7) → 10 Jul. + 3 months = 10 Oct.
    { name: '22:30 UTC Tue 30 Jun 2026 = Wed 1 Jul in Paris', receivedAt: '2026-06-30T22:30:00Z', acknowledgedAt: null, region: 'metropole', ackDueOn: '2026-07-10', feedbackDueOn: '2026-10-10' },
    // 2026-07-01T21:59Z is still Wed 1 Jul (23:59) in Paris → 10 Jul as above.
    { name: '21:59 UTC Wed 1 Jul 2026 = 23:59 Wed 1 Jul in Paris', receivedAt: '2026-07-01T21:59:00Z', acknowledgedAt: null, region: 'metropole', ackDueOn: '2026-07-10', feedbackDueOn: '2026-10-10' },
    // 2026-07-01T22:00Z is Thu 2 Jul 00:00 in Paris: Fri 3 (1), Mon 6 (2), Tue 7 (3), Wed 8 (4), Thu 9 (5),
    // Fri 10 (6), Mon 13 (7) → 13 Jul (14 July is the day after). + 3 months = 13 Oct.
    { name: '22:00 UTC Wed 1 Jul 2026 = Thu 2 Jul in Paris', receivedAt: '2026-07-01T22:00:00Z', acknowledgedAt: null, region: 'metropole', ackDueOn: '2026-07-13', feedbackDueOn: '2026-10-13' },
    // La Réunion (UTC+4): 2025-12-16T21:00Z is Wed 17 Dec 01:00 there; Thu 18 (1), Fri 19 (2), [Sat 20 abolition
    // day, a Saturday anyway], Mon 22 (3), Tue 23 (4), Wed 24 (5), [Thu 25], Fri 26 (6), Mon 29 (7) → 29 Dec.
    { name: '21:00 UTC Tue 16 Dec 2025 = Wed 17 Dec in La Réunion', receivedAt: '2025-12-16T21:00:00Z', acknowledgedAt: null, region: 'la-reunion', ackDueOn: '2025-12-29', feedbackDueOn: '2026-03-29' },
    // The same instant is Tue 16 Dec 22:00 in Paris: Wed 17 (1), Thu 18 (2), Fri 19 (3), Mon 22 (4), Tue 23 (5),
    // Wed 24 (6), [Thu 25], Fri 26 (7) → 26 Dec. + 3 months = 26 Mar 2026.
    { name: 'the same instant in Paris = Tue 16 Dec', receivedAt: '2025-12-16T21:00:00Z', acknowledgedAt: null, region: 'metropole', ackDueOn: '2025-12-26', feedbackDueOn: '2026-03-26' },
    // The acknowledgement day is local too. Fri 28 Nov 2025 received: Mon 1 Dec (1), Tue 2 (2), Wed 3 (3),
    // Thu 4 (4), Fri 5 (5), Mon 8 (6), Tue 9 (7) → 9 Dec. Acknowledged 2025-11-30T23:30Z = Mon 1 Dec 00:30 in
    // Paris → 1 Mar 2026 (from the UTC day, 30 Nov, it would be 28 Feb).
    { name: 'acknowledged 23:30 UTC Sun 30 Nov 2025 = Mon 1 Dec in Paris', receivedAt: '2025-11-28T10:00:00+01:00', acknowledgedAt: '2025-11-30T23:30:00Z', region: 'metropole', ackDueOn: '2025-12-09', feedbackDueOn: '2026-03-01' },
  ])('$name → ack $ackDueOn, feedback $feedbackDueOn', (row) => {
    expect(caseDeadlines(new Date(row.receivedAt), at(row.acknowledgedAt), row.region)).toEqual({ ackDueOn: row.ackDueOn, feedbackDueOn: row.feedbackDueOn });
  });
});

describe('feedback: calendar months, clamped to the month end, never pushed to a working day', () => {
  it.each<CaseRow>([
    // Sun 30 Nov 2025 received and acknowledged. Ack: Mon 1 Dec (1), Tue 2 (2), Wed 3 (3), Thu 4 (4), Fri 5 (5),
    // Mon 8 (6), Tue 9 (7) → 9 Dec. Feedback: 30 Nov + 3 months = "30 Feb 2026" → 28 Feb (2026 not leap; a Saturday).
    { name: 'acknowledged 30 Nov 2025 → 28 Feb 2026', receivedAt: '2025-11-30T15:00:00+01:00', acknowledgedAt: '2025-11-30T15:00:00+01:00', region: 'metropole', ackDueOn: '2025-12-09', feedbackDueOn: '2026-02-28' },
    // Tue 30 Nov 2027 received and acknowledged. Ack: Wed 1 Dec (1), Thu 2 (2), Fri 3 (3), Mon 6 (4), Tue 7 (5),
    // Wed 8 (6), Thu 9 (7) → 9 Dec. Feedback: "30 Feb 2028" → 29 Feb (2028 leap).
    { name: 'acknowledged 30 Nov 2027 → 29 Feb 2028', receivedAt: '2027-11-30T15:00:00+01:00', acknowledgedAt: '2027-11-30T15:00:00+01:00', region: 'metropole', ackDueOn: '2027-12-09', feedbackDueOn: '2028-02-29' },
    // Sun 31 May 2026 received and acknowledged. Ack: Mon 1 Jun (1), Tue 2 (2), Wed 3 (3), Thu 4 (4), Fri 5 (5),
    // Mon 8 (6), Tue 9 (7) → 9 Jun. Feedback: 31 Aug 2026 (August has 31 days).
    { name: 'acknowledged 31 May 2026 → 31 Aug 2026', receivedAt: '2026-05-31T12:00:00+02:00', acknowledgedAt: '2026-05-31T12:00:00+02:00', region: 'metropole', ackDueOn: '2026-06-09', feedbackDueOn: '2026-08-31' },
    // Mon 31 Aug 2026 received and acknowledged. Ack: Tue 1 Sep (1), Wed 2 (2), Thu 3 (3), Fri 4 (4), Mon 7 (5),
    // Tue 8 (6), Wed 9 (7) → 9 Sep. Feedback: "31 Nov 2026" → 30 Nov.
    { name: 'acknowledged 31 Aug 2026 → 30 Nov 2026', receivedAt: '2026-08-31T12:00:00+02:00', acknowledgedAt: '2026-08-31T12:00:00+02:00', region: 'metropole', ackDueOn: '2026-09-09', feedbackDueOn: '2026-11-30' },
    // Fri 15 May 2026 received and acknowledged (ack due 27 May, see above). Feedback: 15 Aug 2026 — a Saturday
    // and a public holiday, and still 15 Aug: a month deadline is not pushed to the next working day.
    { name: 'acknowledged 15 May 2026 → 15 Aug 2026 (Saturday, holiday)', receivedAt: '2026-05-15T10:00:00+02:00', acknowledgedAt: '2026-05-15T10:00:00+02:00', region: 'metropole', ackDueOn: '2026-05-27', feedbackDueOn: '2026-08-15' },
    // Without acknowledgement the 3 months run from the ack due day. Fri 19 Nov 2027 received: Mon 22 (1),
    // Tue 23 (2), Wed 24 (3), Thu 25 (4), Fri 26 (5), Mon 29 (6), Tue 30 (7) → 30 Nov; + 3 months → 29 Feb 2028.
    { name: 'no acknowledgement, ack due 30 Nov 2027 → 29 Feb 2028', receivedAt: '2027-11-19T10:00:00+01:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2027-11-30', feedbackDueOn: '2028-02-29' },
  ])('$name', (row) => {
    expect(caseDeadlines(new Date(row.receivedAt), at(row.acknowledgedAt), row.region)).toEqual({ ackDueOn: row.ackDueOn, feedbackDueOn: row.feedbackDueOn });
  });
});

describe('an organisation’s shorter delays', () => {
  const shorter: DeadlinePolicy = { ackWorkingDays: 5, feedbackMonths: 2, meetingWorkingDays: 10 };
  const shortest: DeadlinePolicy = { ackWorkingDays: 1, feedbackMonths: 1, meetingWorkingDays: 1 };

  it.each<CaseRow & { policy: DeadlinePolicy }>([
    // Fri 19 Dec 2025, 5 jours ouvrés: Mon 22 (1), Tue 23 (2), Wed 24 (3), [Thu 25], Fri 26 (4), Mon 29 (5) → 29 Dec
    // (law: 31 Dec). No acknowledgement: 29 Dec + 2 months = "29 Feb 2026" → 28 Feb (law: 31 Mar).
    { name: '5 days / 2 months, national, no acknowledgement', policy: shorter, receivedAt: '2025-12-19T10:00:00+01:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2025-12-29', feedbackDueOn: '2026-02-28' },
    // Acknowledged Mon 22 Dec 2025 → 22 Feb 2026 (law: 22 Mar).
    { name: '5 days / 2 months, national, acknowledged 22 Dec', policy: shorter, receivedAt: '2025-12-19T10:00:00+01:00', acknowledgedAt: '2025-12-22T09:00:00+01:00', region: 'metropole', ackDueOn: '2025-12-29', feedbackDueOn: '2026-02-22' },
    // Alsace-Moselle: Mon 22 (1), Tue 23 (2), Wed 24 (3), [25, 26], Mon 29 (4), Tue 30 (5) → 30 Dec; + 2 months
    // = "30 Feb 2026" → 28 Feb.
    { name: '5 days / 2 months, Alsace-Moselle', policy: shorter, receivedAt: '2025-12-19T10:00:00+01:00', acknowledgedAt: null, region: 'alsace-moselle', ackDueOn: '2025-12-30', feedbackDueOn: '2026-02-28' },
    // 1 jour ouvré from Fri 19 Dec 2025 → Mon 22 Dec; + 1 month → 22 Jan 2026.
    { name: '1 day / 1 month', policy: shortest, receivedAt: '2025-12-19T10:00:00+01:00', acknowledgedAt: null, region: 'metropole', ackDueOn: '2025-12-22', feedbackDueOn: '2026-01-22' },
    // 1 jour ouvré from Wed 24 Dec 2025 in Alsace-Moselle: [Thu 25, Fri 26, weekend] → Mon 29 Dec; + 1 month → 29 Jan.
    { name: '1 day / 1 month from Christmas Eve, Alsace-Moselle', policy: shortest, receivedAt: '2025-12-24T10:00:00+01:00', acknowledgedAt: null, region: 'alsace-moselle', ackDueOn: '2025-12-29', feedbackDueOn: '2026-01-29' },
  ])('$name → ack $ackDueOn, feedback $feedbackDueOn', (row) => {
    expect(caseDeadlines(new Date(row.receivedAt), at(row.acknowledgedAt), row.region, row.policy)).toEqual({ ackDueOn: row.ackDueOn, feedbackDueOn: row.feedbackDueOn });
  });

  it('shorten the meeting delay too', () => {
    // Mon 1 Dec 2025, 10 jours ouvrés: Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5), Tue 9 (6), Wed 10 (7),
    // Thu 11 (8), Fri 12 (9), Mon 15 (10) → 15 Dec (law: 30 Dec).
    expect(meetingDueOn(new Date('2025-12-01T10:00:00+01:00'), 'metropole', shorter)).toBe('2025-12-15');
    // 1 jour ouvré from Mon 1 Dec → Tue 2 Dec.
    expect(meetingDueOn(new Date('2025-12-01T10:00:00+01:00'), 'metropole', shortest)).toBe('2025-12-02');
  });

  it('are refused when longer than the law’s', () => {
    const received = new Date('2025-12-19T10:00:00+01:00');
    expect(() => caseDeadlines(received, null, 'metropole', { ...LEGAL_DEADLINES, ackWorkingDays: 8 })).toThrow(DeadlinePolicyError);
    expect(() => caseDeadlines(received, null, 'metropole', { ...LEGAL_DEADLINES, feedbackMonths: 4 })).toThrow(DeadlinePolicyError);
    expect(() => meetingDueOn(received, 'metropole', { ...LEGAL_DEADLINES, meetingWorkingDays: 21 })).toThrow(DeadlinePolicyError);
  });
});

describe('checkDeadlinePolicy', () => {
  it.each<[string, DeadlinePolicy]>([
    ['the legal maxima', LEGAL_DEADLINES],
    ['the legal maxima written out', { ackWorkingDays: 7, feedbackMonths: 3, meetingWorkingDays: 20 }],
    ['shorter delays', { ackWorkingDays: 5, feedbackMonths: 2, meetingWorkingDays: 10 }],
    ['the minima', { ackWorkingDays: 1, feedbackMonths: 1, meetingWorkingDays: 1 }],
  ])('accepts %s', (_name, policy) => {
    expect(() => checkDeadlinePolicy(policy)).not.toThrow();
  });

  it.each<[string, Partial<DeadlinePolicy>, RegExp]>([
    ['8 jours ouvrés for the acknowledgement', { ackWorkingDays: 8 }, /ackWorkingDays.*\b7\b/],
    ['4 months for the feedback', { feedbackMonths: 4 }, /feedbackMonths.*\b3\b/],
    ['21 jours ouvrés for a meeting', { meetingWorkingDays: 21 }, /meetingWorkingDays.*\b20\b/],
    ['0 jours ouvrés for the acknowledgement', { ackWorkingDays: 0 }, /ackWorkingDays/],
    ['0 months for the feedback', { feedbackMonths: 0 }, /feedbackMonths/],
    ['0 jours ouvrés for a meeting', { meetingWorkingDays: 0 }, /meetingWorkingDays/],
    ['1.5 jours ouvrés', { ackWorkingDays: 1.5 }, /ackWorkingDays/],
    ['1.5 months', { feedbackMonths: 1.5 }, /feedbackMonths/],
    ['a negative delay', { meetingWorkingDays: -1 }, /meetingWorkingDays/],
    ['NaN', { ackWorkingDays: Number.NaN }, /ackWorkingDays/],
    ['Infinity', { feedbackMonths: Number.POSITIVE_INFINITY }, /feedbackMonths/],
    ['a number written as a string', { meetingWorkingDays: '10' as unknown as number }, /meetingWorkingDays/],
  ])('refuses %s', (_name, change, message) => {
    const policy = { ...LEGAL_DEADLINES, ...change };
    expect(() => checkDeadlinePolicy(policy)).toThrow(DeadlinePolicyError);
    expect(() => checkDeadlinePolicy(policy)).toThrow(message);
  });

  it('throws a named Error', () => {
    let caught: unknown;
    try {
      checkDeadlinePolicy({ ...LEGAL_DEADLINES, feedbackMonths: 4 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DeadlinePolicyError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('DeadlinePolicyError');
    expect((caught as Error).message).toContain('feedbackMonths');
    expect((caught as Error).message).toContain('3');
  });
});

describe('meetingDueOn (L11: 20 jours ouvrés)', () => {
  it.each<[string, string, CalendarRegion, string]>([
    // Mon 20 Apr 2026 requested: Tue 21 (1), Wed 22 (2), Thu 23 (3), Fri 24 (4), Mon 27 (5), Tue 28 (6),
    // Wed 29 (7), Thu 30 (8), [Fri 1 May], Mon 4 (9), Tue 5 (10), Wed 6 (11), Thu 7 (12), [Fri 8 May], Mon 11 (13),
    // Tue 12 (14), Wed 13 (15), [Thu 14 Ascension], Fri 15 (16), Mon 18 (17), Tue 19 (18), Wed 20 (19), Thu 21 (20)
    // → 21 May 2026.
    ['Mon 20 Apr 2026, national', '2026-04-20T10:00:00+02:00', 'metropole', '2026-05-21'],
    // Mayotte adds Mon 27 Apr: one more day → Fri 22 May 2026.
    ['Mon 20 Apr 2026, Mayotte (27 April)', '2026-04-20T10:00:00+03:00', 'mayotte', '2026-05-22'],
    // Mon 1 Dec 2025 requested: Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5), Tue 9 (6), Wed 10 (7),
    // Thu 11 (8), Fri 12 (9), Mon 15 (10), Tue 16 (11), Wed 17 (12), Thu 18 (13), Fri 19 (14), Mon 22 (15),
    // Tue 23 (16), Wed 24 (17), [Thu 25], Fri 26 (18), Mon 29 (19), Tue 30 (20) → 30 Dec 2025.
    ['Mon 1 Dec 2025, national', '2025-12-01T10:00:00+01:00', 'metropole', '2025-12-30'],
    // Alsace-Moselle: … Wed 24 (17), [Thu 25, Fri 26], Mon 29 (18), Tue 30 (19), Wed 31 (20) → 31 Dec 2025.
    ['Mon 1 Dec 2025, Alsace-Moselle', '2025-12-01T10:00:00+01:00', 'alsace-moselle', '2025-12-31'],
    // La Réunion: 20 Dec 2025 is a Saturday, so the same count as national → 30 Dec 2025.
    ['Mon 1 Dec 2025, La Réunion', '2025-12-01T10:00:00+04:00', 'la-reunion', '2025-12-30'],
    // 2025-11-30T23:30Z is Mon 1 Dec 00:30 in Paris → 30 Dec as above.
    ['23:30 UTC Sun 30 Nov 2025 = Mon 1 Dec in Paris', '2025-11-30T23:30:00Z', 'metropole', '2025-12-30'],
    // The same instant is Sun 30 Nov 19:30 in Guadeloupe: Mon 1 Dec (1) … Fri 19 (15), Mon 22 (16), Tue 23 (17),
    // Wed 24 (18), [Thu 25], Fri 26 (19), Mon 29 (20) → 29 Dec 2025.
    ['the same instant in Guadeloupe = Sun 30 Nov', '2025-11-30T23:30:00Z', 'guadeloupe', '2025-12-29'],
    // Fri 19 Dec 2025 requested: Mon 22 (1), Tue 23 (2), Wed 24 (3), [Thu 25], Fri 26 (4), Mon 29 (5), Tue 30 (6),
    // Wed 31 (7), [Thu 1 Jan], Fri 2 (8), Mon 5 (9), Tue 6 (10), Wed 7 (11), Thu 8 (12), Fri 9 (13), Mon 12 (14),
    // Tue 13 (15), Wed 14 (16), Thu 15 (17), Fri 16 (18), Mon 19 (19), Tue 20 (20) → 20 Jan 2026.
    ['Fri 19 Dec 2025, national', '2025-12-19T10:00:00+01:00', 'metropole', '2026-01-20'],
    // Alsace-Moselle loses Fri 26 Dec as well → one day later, Wed 21 Jan 2026.
    ['Fri 19 Dec 2025, Alsace-Moselle', '2025-12-19T10:00:00+01:00', 'alsace-moselle', '2026-01-21'],
  ])('%s → %s', (_name, requestedAt, region, expected) => {
    expect(meetingDueOn(new Date(requestedAt), region)).toBe(expected);
    expect(meetingDueOn(new Date(requestedAt), region, LEGAL_DEADLINES)).toBe(expected);
  });
});

describe('deadlineStatus', () => {
  it('warns 2 working days ahead', () => {
    expect(DUE_SOON_WORKING_DAYS).toBe(2);
  });

  it.each<[string, string, string, CalendarRegion, DeadlineStatus]>([
    // [name, dueOn, today, region, status]
    ['overdue: due Wed 31 Dec 2025, today Fri 2 Jan 2026', '2025-12-31', '2026-01-02', 'metropole', 'overdue'],
    ['overdue the next calendar day, a Saturday: due Fri 9 Jan, today Sat 10 Jan', '2026-01-09', '2026-01-10', 'metropole', 'overdue'],
    ['overdue by a year', '2025-01-31', '2026-02-01', 'metropole', 'overdue'],
    ['due_soon on the due day itself', '2025-12-31', '2025-12-31', 'metropole', 'due_soon'],
    // Today Thu 8 Jan 2026: next working days Fri 9 (1), Mon 12 (2) → due Mon 12 is within them.
    ['due_soon: today Thursday 8 Jan, due Monday 12 Jan', '2026-01-12', '2026-01-08', 'metropole', 'due_soon'],
    // Today Wed 7 Jan 2026: Thu 8 (1), Fri 9 (2) → Mon 12 is the 3rd working day.
    ['pending: today Wednesday 7 Jan, due Monday 12 Jan', '2026-01-12', '2026-01-07', 'metropole', 'pending'],
    // Today Sat 10 Jan 2026: Mon 12 (1), Tue 13 (2).
    ['due_soon: today Saturday 10 Jan, due Tuesday 13 Jan', '2026-01-13', '2026-01-10', 'metropole', 'due_soon'],
    ['pending: today Saturday 10 Jan, due Wednesday 14 Jan', '2026-01-14', '2026-01-10', 'metropole', 'pending'],
    // A month deadline may fall on a Saturday (28 Feb 2026). Today Thu 26 Feb: Fri 27 (1), Mon 2 Mar (2) → due_soon.
    ['due_soon: due Saturday 28 Feb 2026, today Thursday 26 Feb', '2026-02-28', '2026-02-26', 'metropole', 'due_soon'],
    // Today Wed 25 Feb: Thu 26 (1), Fri 27 (2) → 28 Feb is after them.
    ['pending: due Saturday 28 Feb 2026, today Wednesday 25 Feb', '2026-02-28', '2026-02-25', 'metropole', 'pending'],
    // Today Wed 24 Dec 2025, due Tue 30 Dec. National: Fri 26 (1), Mon 29 (2) → pending.
    ['pending across Christmas, national', '2025-12-30', '2025-12-24', 'metropole', 'pending'],
    // Alsace-Moselle: [25, 26], Mon 29 (1), Tue 30 (2) → due_soon.
    ['due_soon across Christmas, Alsace-Moselle', '2025-12-30', '2025-12-24', 'alsace-moselle', 'due_soon'],
    // Today Thu 19 Dec 2024, due Tue 24 Dec. National: Fri 20 (1), Mon 23 (2) → pending.
    ['pending before 20 Dec 2024, national', '2024-12-24', '2024-12-19', 'metropole', 'pending'],
    // La Réunion: [Fri 20 abolition day], Mon 23 (1), Tue 24 (2) → due_soon.
    ['due_soon before 20 Dec 2024, La Réunion', '2024-12-24', '2024-12-19', 'la-reunion', 'due_soon'],
    ['pending: due Tue 31 Mar 2026, today Mon 5 Jan', '2026-03-31', '2026-01-05', 'metropole', 'pending'],
  ])('%s', (_name, dueOn, today, region, status) => {
    expect(deadlineStatus(dueOn, today, region)).toBe(status);
    expect(deadlineStatus(dueOn, today, region, null)).toBe(status);
    expect(deadlineStatus(dueOn, today, region, undefined)).toBe(status);
  });

  it('is met once the day it was met is given', () => {
    // Met before the due day, on it, and (as specified: the caller records when) after it.
    expect(deadlineStatus('2025-12-31', '2026-01-15', 'metropole', '2025-12-30')).toBe('met');
    expect(deadlineStatus('2025-12-31', '2025-12-31', 'metropole', '2025-12-31')).toBe('met');
    expect(deadlineStatus('2025-12-31', '2026-01-15', 'metropole', '2026-01-05')).toBe('met');
    expect(deadlineStatus('2026-03-31', '2026-01-05', 'metropole', '2026-01-05')).toBe('met');
  });

  it.each([
    ['dueOn', '2026-02-30', '2026-01-05', null],
    ['dueOn', '31/12/2025', '2026-01-05', null],
    ['today', '2025-12-31', '2025-12-31T10:00', null],
    ['today', '2025-12-31', '', null],
    ['metOn', '2025-12-31', '2026-01-05', '2025-13-01'],
  ])('refuses a malformed %s', (_field, dueOn, today, metOn) => {
    expect(() => deadlineStatus(dueOn, today, 'metropole', metOn)).toThrow(RangeError);
  });
});

describe('a late acknowledgement', () => {
  it('does not push the feedback deadline later than 3 months after the acknowledgement period', () => {
    // Received Mon 5 Jan 2026 (Paris): Tue 6, Wed 7, Thu 8, Fri 9, Mon 12, Tue 13, Wed 14 → ack due 14 Jan.
    // Acknowledged late on Mon 19 Jan: feedback still runs from 14 Jan → 14 April 2026.
    const late = caseDeadlines(new Date('2026-01-05T09:00:00Z'), new Date('2026-01-19T09:00:00Z'), 'metropole');
    expect(late).toEqual({ ackDueOn: '2026-01-14', feedbackDueOn: '2026-04-14' });
    // Acknowledged in time on Thu 8 Jan: 8 April.
    expect(caseDeadlines(new Date('2026-01-05T09:00:00Z'), new Date('2026-01-08T09:00:00Z'), 'metropole').feedbackDueOn).toBe('2026-04-08');
  });
});
