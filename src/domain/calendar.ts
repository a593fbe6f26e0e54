// Jours ouvrés and calendar months for legal deadlines (LEGAL.md, "Calendar"). Pure functions over
// calendar dates written "YYYY-MM-DD"; Easter is computed, never typed in.
import type { CalendarRegion } from '../../db/schema.ts';

export type CalendarDate = string;

export const TIME_ZONES: Record<CalendarRegion, string> = {
  metropole: 'Europe/Paris',
  'alsace-moselle': 'Europe/Paris',
  guadeloupe: 'America/Guadeloupe',
  martinique: 'America/Martinique',
  guyane: 'America/Cayenne',
  'la-reunion': 'Indian/Reunion',
  mayotte: 'Indian/Mayotte',
};

/** Abolition-of-slavery day in each overseas département (month, day). */
const ABOLITION_DAY: Partial<Record<CalendarRegion, [number, number]>> = {
  mayotte: [4, 27],
  martinique: [5, 22],
  guadeloupe: [5, 27],
  guyane: [6, 10],
  'la-reunion': [12, 20],
};

function toDate(day: CalendarDate): Date {
  return new Date(`${day}T00:00:00Z`);
}

function fromDate(date: Date): CalendarDate {
  return date.toISOString().slice(0, 10);
}

function plusDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromDate(new Date(Date.UTC(year, month - 1, day)));
}

const HOLIDAYS = new Map<string, ReadonlySet<CalendarDate>>();

/** Public holidays of a year in a region: the 11 national ones plus the region's own. */
export function publicHolidays(year: number, region: CalendarRegion): ReadonlySet<CalendarDate> {
  const key = `${year}|${region}`;
  let holidays = HOLIDAYS.get(key);
  if (!holidays) {
    holidays = computeHolidays(year, region);
    HOLIDAYS.set(key, holidays);
  }
  return holidays;
}

function computeHolidays(year: number, region: CalendarRegion): Set<CalendarDate> {
  const fixed = (month: number, day: number) => fromDate(new Date(Date.UTC(year, month - 1, day)));
  const easter = toDate(easterSunday(year));
  const days = [
    fixed(1, 1),
    fromDate(plusDays(easter, 1)), // Easter Monday
    fixed(5, 1),
    fixed(5, 8),
    fromDate(plusDays(easter, 39)), // Ascension Thursday
    fromDate(plusDays(easter, 50)), // Whit Monday
    fixed(7, 14),
    fixed(8, 15),
    fixed(11, 1),
    fixed(11, 11),
    fixed(12, 25),
  ];
  if (region === 'alsace-moselle') days.push(fromDate(plusDays(easter, -2)), fixed(12, 26));
  const abolition = ABOLITION_DAY[region];
  if (abolition) days.push(fixed(abolition[0], abolition[1]));
  return new Set(days);
}

export function isWorkingDay(day: CalendarDate, region: CalendarRegion): boolean {
  const date = toDate(day);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(date.getUTCFullYear(), region).has(day);
}

/** The n-th jour ouvré after `day` (the starting day itself does not count). */
export function addWorkingDays(day: CalendarDate, n: number, region: CalendarRegion): CalendarDate {
  let date = toDate(day);
  for (let counted = 0; counted < n; ) {
    date = plusDays(date, 1);
    if (isWorkingDay(fromDate(date), region)) counted++;
  }
  return fromDate(date);
}

/** Same day number n calendar months later, clamped to the month's last day (CPC art. 641). */
export function addCalendarMonths(day: CalendarDate, months: number): CalendarDate {
  const date = toDate(day);
  const target = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDate(new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay))));
}

/** The calendar day `days` days after `day` (before it when negative). */
export function addCalendarDays(day: CalendarDate, days: number): CalendarDate {
  return fromDate(plusDays(toDate(day), days));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

// One formatter per region: building an Intl.DateTimeFormat is costly, using one is cheap.
const DAY_FORMATTERS = new Map<CalendarRegion, Intl.DateTimeFormat>();

/** The calendar date an instant falls on in the region's time zone (decides "the day of receipt"). */
export function localDateOf(instant: Date, region: CalendarRegion): CalendarDate {
  let format = DAY_FORMATTERS.get(region);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONES[region], year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATTERS.set(region, format);
  }
  return format.format(instant);
}
