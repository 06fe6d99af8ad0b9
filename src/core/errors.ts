// Errors with codes; the ones a user may see map to an i18n key.
export type TandemErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'conflict'
  | 'platform_error'
  | 'database_error'
  | 'config_error'
  | 'internal';

export class TandemError extends Error {
  constructor(
    readonly code: TandemErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'TandemError';
  }
}
