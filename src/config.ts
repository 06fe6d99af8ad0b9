// The only reader of process.env: one zod schema, fails fast listing every problem.
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

const localeSchema = z.enum(['en', 'fr']);

const timeZoneSchema = z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
        .optional(),
    ),
    TANDEM_DATA_DIR: z.string().default('./data'),
    TANDEM_ADMINS: z.string().default(''),
    TANDEM_DEFAULT_LOCALE: localeSchema.default('en'),
    TANDEM_DEFAULT_TIMEZONE: timeZoneSchema.default('Europe/Paris'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_BOT_TOKEN: optionalString,
    SLACK_APP_TOKEN: optionalString,
    SLACK_API_URL: optionalString.pipe(z.url({ message: 'must be a URL' }).optional()),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppTenantId: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  })
  .superRefine((env, ctx) => {
    const slack = [env.SLACK_SIGNING_SECRET, env.SLACK_BOT_TOKEN];
    if (slack.some(Boolean) && !slack.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN'],
        message: 'Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN',
      });
    }
    if (env.SLACK_APP_TOKEN && !env.SLACK_APP_TOKEN.startsWith('xapp-')) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_APP_TOKEN'], message: 'must be an app-level token starting with xapp-' });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_BOT_TOKEN.startsWith('xoxb-')) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'must be a bot token starting with xoxb-' });
    }
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required for a SingleTenant app' });
    }
  });

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  /** Web API base URL, ending with a slash (e.g. https://slack.com/api/). */
  apiUrl?: string;
}

export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Emails or platform user ids who are admins from the first start. */
  admins: string[];
  defaultLocale: 'en' | 'fr';
  defaultTimeZone: string;
  logLevel: string;
  /** auto: pretty in a terminal, JSON lines otherwise. */
  logFormat: 'json' | 'pretty' | 'auto';
  /** Null when Slack is not configured. */
  slack: SlackConfig | null;
  /** Teams always runs; with no app id it runs in local mode (no auth). */
  teams: TeamsConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.TANDEM_DATA_DIR,
    admins: e.TANDEM_ADMINS.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    defaultLocale: e.TANDEM_DEFAULT_LOCALE,
    defaultTimeZone: e.TANDEM_DEFAULT_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? {
            signingSecret: e.SLACK_SIGNING_SECRET,
            botToken: e.SLACK_BOT_TOKEN,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL ? e.SLACK_API_URL.replace(/\/?$/, '/') : undefined,
          }
        : null,
    teams: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType ?? 'MultiTenant',
    },
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
