// Shared working hours of two people, 9:00–18:00 in each one's own time zone.
const WORKDAY_MINUTES = 9 * 60;
const DAY_MINUTES = 24 * 60;

/** UTC offset of `timeZone` at `at`, in minutes (Paris in summer: 120); null when the zone is unknown. */
export function utcOffsetMinutes(timeZone: string, at: Date): number | null {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return null;
  }
  if (name === undefined) return null;
  if (name === 'GMT' || name === 'UTC') return 0;
  const match = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(name);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Minutes both working days overlap, given the two UTC offsets. Days wrap around midnight
 * (Sydney's morning is Los Angeles' previous afternoon).
 */
export function workdayOverlapMinutes(offsetA: number, offsetB: number): number {
  const apart = Math.abs(offsetA - offsetB) % DAY_MINUTES;
  const distance = Math.min(apart, DAY_MINUTES - apart);
  return Math.max(0, WORKDAY_MINUTES - distance);
}
