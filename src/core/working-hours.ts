// Quiet hours: proactive messages land Monday to Friday, 09:00–18:00, in the recipient's own time zone.
import { DateTime } from 'luxon';

export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 18;

/**
 * `at` itself when it falls on a weekday between 09:00 (included) and 18:00 (excluded) in `timeZone`,
 * otherwise the next weekday at 09:00 there. Wall-clock arithmetic goes through luxon, so days that are
 * 23 or 25 hours long around a DST change still give 09:00 local. An unknown zone is read as UTC rather
 * than holding the message forever.
 */
export function nextWorkingMoment(at: Date, timeZone: string): Date {
  let local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(at, { zone: 'UTC' });
  if (isWorkingTime(local)) return at;
  let day = local.startOf('day');
  if (local.hour >= WORKDAY_START_HOUR) day = day.plus({ days: 1 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.set({ hour: WORKDAY_START_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

export function isWorkingMoment(at: Date, timeZone: string): boolean {
  let local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(at, { zone: 'UTC' });
  return isWorkingTime(local);
}

function isWorkingTime(local: DateTime): boolean {
  return local.weekday <= 5 && local.hour >= WORKDAY_START_HOUR && local.hour < WORKDAY_END_HOUR;
}
