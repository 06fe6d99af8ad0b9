// Time zones offered in forms: where European companies and their subsidiaries work.
export const COMMON_TIME_ZONES: readonly string[] = [
  'Europe/Paris', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Madrid', 'Europe/Brussels',
  'Europe/Amsterdam', 'Europe/Luxembourg', 'Europe/Zurich', 'Europe/Berlin', 'Europe/Rome', 'Europe/Vienna',
  'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Prague', 'Europe/Athens', 'Europe/Helsinki', 'Europe/Bucharest',
  'Europe/Istanbul', 'Africa/Casablanca', 'Africa/Algiers', 'Africa/Tunis', 'Africa/Dakar', 'Africa/Abidjan',
  'Africa/Johannesburg', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Hong_Kong', 'Asia/Shanghai',
  'Asia/Tokyo', 'Australia/Sydney', 'America/Montreal', 'America/Toronto', 'America/New_York', 'America/Chicago',
  'America/Denver', 'America/Los_Angeles', 'America/Mexico_City', 'America/Sao_Paulo', 'Indian/Reunion',
  'America/Martinique', 'Pacific/Noumea', 'UTC',
];

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
