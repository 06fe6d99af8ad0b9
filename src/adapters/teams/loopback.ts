// Local mode (no app id) only talks to a Bot Connector on this machine: the Agents Playground or a test fake.

/** True when the URL points at this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
