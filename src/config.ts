// The only reader of process.env: one zod schema, fails fast listing every problem.
import { z } from 'zod';
import { isTimeZone } from './core/time-zones.js';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

const localeSchema = z.enum(['en', 'fr']);

const timeZoneSchema = z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });

const replicasMessage = 'must be the number of Tandem processes sharing the database (1 or more)';

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('127.0.0.1'),
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
    TANDEM_REPLICAS: optionalString.pipe(z.coerce.number<string | undefined>({ message: replicasMessage }).int({ message: replicasMessage }).min(1, { message: replicasMessage }).optional()),
    TANDEM_PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://tandem.example.com' }).optional()),
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
  /** How many Tandem processes share the database: each paces its sends to this share of the platforms' limits. */
  replicas: number;
  /** Where people's browsers reach Tandem (calendar files, export downloads), without a trailing slash. */
  publicUrl?: string;
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

/** Rules across variables, checked on the raw values so they are reported with every other problem. */
function crossFieldProblems(raw: Record<string, string | undefined>): string[] {
  const env = (name: string) => raw[name]?.trim() || undefined;
  const problems: string[] = [];
  const secret = env('SLACK_SIGNING_SECRET');
  const bot = env('SLACK_BOT_TOKEN');
  const app = env('SLACK_APP_TOKEN');
  if (bot && !secret) problems.push('SLACK_SIGNING_SECRET: Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN');
  if (secret && !bot) problems.push('SLACK_BOT_TOKEN: Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN');
  if (app && !bot) problems.push('SLACK_BOT_TOKEN: Socket Mode (SLACK_APP_TOKEN) also needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
  if (app && !app.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp-');
  if (bot && !bot.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
  if (env('MicrosoftAppId') && !env('MicrosoftAppPassword') && env('MicrosoftAppType') !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (env('MicrosoftAppType') === 'SingleTenant' && !env('MicrosoftAppTenantId')) {
    problems.push('MicrosoftAppTenantId: required for a SingleTenant app');
  }
  return problems;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
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
    replicas: e.TANDEM_REPLICAS ?? 1,
    publicUrl: e.TANDEM_PUBLIC_URL?.replace(/\/+$/, ''),
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
