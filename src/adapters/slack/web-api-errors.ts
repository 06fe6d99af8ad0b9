// Reading Web API client errors by their codes (robust to duplicate copies of @slack/web-api).

/** The `error` of a Web API `ok: false` answer, e.g. "user_not_found". */
export function platformErrorOf(error: unknown): string | undefined {
  if (errorCodeOf(error) !== 'slack_webapi_platform_error') return undefined;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
