// Jours ouvrés and calendar months against dates read off a calendar by hand.
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addWorkingDays, easterSunday, isWorkingDay, localDateOf } from '../../src/domain/calendar.ts';
import { filingDeadlines } from '../../src/domain/case-deadlines.ts';

describe('Easter', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('falls in %i on %s', (year, day) => expect(easterSunday(year)).toBe(day));
});

describe('working days', () => {
  it('skip weekends and national holidays', () => {
    expect(isWorkingDay('2025-12-25', 'metropole')).toBe(false);
    expect(isWorkingDay('2025-12-26', 'metropole')).toBe(true);
    expect(isWorkingDay('2025-12-26', 'alsace-moselle')).toBe(false);
    expect(isWorkingDay('2025-04-18', 'alsace-moselle')).toBe(false); // Good Friday
    expect(isWorkingDay('2025-04-21', 'metropole')).toBe(false); // Easter Monday
    expect(isWorkingDay('2026-05-14', 'metropole')).toBe(false); // Ascension
    expect(isWorkingDay('2026-05-25', 'metropole')).toBe(false); // Whit Monday
    expect(isWorkingDay('2026-05-22', 'martinique')).toBe(false);
    expect(isWorkingDay('2026-05-22', 'metropole')).toBe(true);
    expect(isWorkingDay('2026-12-20', 'la-reunion')).toBe(false);
  });

  it('count 7 jours ouvrés from Friday 19 December 2025 (national and Alsace-Moselle)', () => {
    // 22, 23, 24, (25 holiday) 26, 29, 30, 31 → 31 December
    expect(addWorkingDays('2025-12-19', 7, 'metropole')).toBe('2025-12-31');
    // 22, 23, 24, (25, 26 holidays) 29, 30, 31, (1 Jan holiday) 2 January
    expect(addWorkingDays('2025-12-19', 7, 'alsace-moselle')).toBe('2026-01-02');
  });

  it('count 7 jours ouvrés from Wednesday 16 April 2025 around Easter', () => {
    // 17, 18, (21 Easter Monday), 22, 23, 24, 25, 28 → 28 April
    expect(addWorkingDays('2025-04-16', 7, 'metropole')).toBe('2025-04-28');
    // 17, (18 Good Friday), (21 Easter Monday), 22, 23, 24, 25, 28, 29 → 29 April
    expect(addWorkingDays('2025-04-16', 7, 'alsace-moselle')).toBe('2025-04-29');
  });

  it('count 7 jours ouvrés from Thursday 30 April 2026 and Friday 31 October 2025', () => {
    // (1 May) 4, 5, 6, 7, (8 May) 11, 12, 13
    expect(addWorkingDays('2026-04-30', 7, 'metropole')).toBe('2026-05-13');
    // 3, 4, 5, 6, 7, (11 Nov) 10, 12
    expect(addWorkingDays('2025-10-31', 7, 'metropole')).toBe('2025-11-12');
  });
});

describe('calendar months', () => {
  it('keep the day number and clamp to the month end', () => {
    expect(addCalendarMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-01-05', 3)).toBe('2026-04-05');
    expect(addCalendarMonths('2026-10-31', 3)).toBe('2027-01-31');
  });
});

describe('filing deadlines', () => {
  it('take the day of receipt in the organisation time zone', () => {
    // 23:30 UTC on Sunday 4 January is already Monday 5 January in Paris.
    expect(localDateOf(new Date('2026-01-04T23:30:00Z'), 'metropole')).toBe('2026-01-05');
    expect(localDateOf(new Date('2026-01-04T23:30:00Z'), 'guadeloupe')).toBe('2026-01-04');
    expect(filingDeadlines(new Date('2026-01-05T09:00:00Z'), new Date('2026-01-05T09:00:00Z'), 'metropole')).toEqual({ ackDueOn: '2026-01-14', feedbackDueOn: '2026-04-05' });
  });

  it('run the 3 months from the end of the acknowledgement period when there was no acknowledgement', () => {
    expect(filingDeadlines(new Date('2026-01-05T09:00:00Z'), null, 'metropole')).toEqual({ ackDueOn: '2026-01-14', feedbackDueOn: '2026-04-14' });
  });
});
