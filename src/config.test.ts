import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults: PGlite in ./data, Teams local mode, Slack off', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, dataDir: './data', defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', slack: null });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.teams.appId).toBeUndefined();
  });

  it('reads Slack, Teams, admins and the Slack API URL', () => {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      MicrosoftAppId: 'id',
      MicrosoftAppPassword: 'pw',
      TANDEM_ADMINS: ' a@b.fr, U123 ,,',
      TANDEM_DEFAULT_LOCALE: 'fr',
    });
    expect(config.slack).toEqual({ signingSecret: 's', botToken: 'xoxb-1', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9999/api/' });
    expect(config.teams).toMatchObject({ appId: 'id', appPassword: 'pw', appType: 'MultiTenant' });
    expect(config.admins).toEqual(['a@b.fr', 'U123']);
    expect(config.defaultLocale).toBe('fr');
  });

  it('fails fast listing every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        TANDEM_DEFAULT_LOCALE: 'de',
        TANDEM_DEFAULT_TIMEZONE: 'Mars/Olympus',
        SLACK_BOT_TOKEN: 'xoxb-1',
        MicrosoftAppId: 'id',
        MicrosoftAppType: 'SingleTenant',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'TANDEM_DEFAULT_LOCALE', 'TANDEM_DEFAULT_TIMEZONE', 'SLACK_SIGNING_SECRET', 'MicrosoftAppPassword', 'MicrosoftAppTenantId']) {
      expect(problems).toContain(name);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: ' ', DATABASE_URL: '' }).slack).toBeNull();
  });

  it('reads how many replicas share the database: 1 by default, a whole number otherwise', () => {
    expect(loadConfig({}).replicas).toBe(1);
    expect(loadConfig({ TANDEM_REPLICAS: '' }).replicas).toBe(1);
    expect(loadConfig({ TANDEM_REPLICAS: '3' }).replicas).toBe(3);
    for (const bad of ['0', '1.5', 'three']) {
      expect(() => loadConfig({ TANDEM_REPLICAS: bad })).toThrow(/TANDEM_REPLICAS: must be the number of Tandem processes/);
    }
  });
});
