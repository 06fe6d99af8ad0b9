// A core world for the program, settings and roles tests: the real core and store (PGlite or Postgres),
// people on Slack and Teams, and helpers to read what the core answered.
import { expect } from 'vitest';
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import { t as translate, trusted, type MessageKey, type Param } from '../../src/core/i18n/index.js';
import type { Button, Form, FormValues, Outcome } from '../../src/core/messages.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import type { EnrollmentRole, Locale, Platform } from '../../src/core/types.js';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock, type TestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export interface CoreWorld {
  db: TestDatabase;
  store: DrizzleStore;
  core: Tandem;
  deps: CoreDeps;
  clock: TestClock;
  dispose(): Promise<void>;
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export async function startCoreWorld(admins: string[] = ['boss@example.com']): Promise<CoreWorld> {
  const db = await createTestDatabase();
  await db.database.migrate((d) => seedDatabase(d, { timeZone: 'Europe/Paris' }));
  const store = DrizzleStore.from(db.database);
  const clock = testClock('2026-11-25T09:00:00Z');
  const deps: CoreDeps = {
    store,
    clock,
    logger: silent,
    settings: { admins, defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 7 * 86_400_000, publicUrl: 'http://127.0.0.1:3978' },
  };
  return { db, store, core: createTandem(deps), deps, clock, dispose: () => db.dispose() };
}

/** A person on Slack (tenant T1) or Teams (tenant TT), email `<key>@example.com` unless given. */
export function person(key: string, name: string, locale: Locale = 'en', platform: Platform = 'slack', email = `${key.toLowerCase()}@example.com`): Actor {
  return {
    identity: { platform, tenantId: platform === 'slack' ? 'T1' : 'TT', userId: platform === 'slack' ? `U${key.toUpperCase()}` : `29:${key}` },
    fetchProfile: async () => ({ name, email, locale: locale === 'fr' ? 'fr-FR' : 'en-GB', timeZone: 'Europe/Paris' }),
  };
}

/** Everything an outcome shows, as plain text: texts, fields, button labels; a form's errors or labels. */
export function textOf(outcome: Outcome): string {
  if (outcome.kind === 'form_errors') return plain(Object.values(outcome.errors).join('\n'));
  if (outcome.kind === 'form') return plain([outcome.form.title, outcome.form.intro ?? '', ...outcome.form.fields.map((f) => ('label' in f ? f.label : ''))].join('\n'));
  const lines: string[] = [];
  for (const block of outcome.message.blocks) {
    if (block.type === 'header' || block.type === 'text' || block.type === 'context') lines.push(block.text);
    if (block.type === 'fields') for (const field of block.fields) lines.push(`${field.label}: ${field.value}`);
    if (block.type === 'actions') for (const button of block.buttons) lines.push(`[${button.label}]`);
  }
  return plain(lines.join('\n'));
}

/** A catalogue message as the core writes it (Slack prefix), in plain text, for comparisons. */
export function says(locale: Locale, key: MessageKey, params: Record<string, Param> = {}, prefix = '/tandem '): string {
  return plain(translate(locale, key, { prefix: trusted(prefix), ...params }));
}

export function buttonsOf(outcome: Outcome): Button[] {
  const blocks = outcome.kind === 'message' || outcome.kind === 'form_done' ? outcome.message.blocks : [];
  return blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}

export function buttonOf(outcome: Outcome, action: string): Button {
  const found = buttonsOf(outcome).find((b) => b.action === action);
  if (!found) throw new Error(`no button ${action}; buttons: ${buttonsOf(outcome).map((b) => b.action).join(', ') || 'none'}`);
  return found;
}

export function formOf(outcome: Outcome): Form {
  expect(outcome.kind, textOf(outcome)).toBe('form');
  return (outcome as Extract<Outcome, { kind: 'form' }>).form;
}

/** Signs up through the real form. */
export async function join(world: CoreWorld, who: Actor, role: EnrollmentRole, topics: Record<string, string> = { cybersecurity: '3' }): Promise<Outcome> {
  const form = formOf(await world.core.handleCommand(who, `join ${role}`));
  const values: FormValues = {
    ...Object.fromEntries(Object.entries(topics).map(([slug, level]) => [`topic.${slug}`, level])),
    languages: ['fr', 'en'],
    timeZone: 'Europe/Paris',
    availability: ['mon-am', 'tue-pm'],
    capacity: '1',
    charter: 'true',
  };
  return world.core.submitForm(who, form.id, form.state, values);
}

/** Messages waiting in the outbox for a person, composed as the dispatcher would. */
export async function outboxFor(world: CoreWorld, who: Actor, kind: string): Promise<string[]> {
  const recipient = (await world.store.findPerson(who.identity))!;
  const rows = (await world.store.listNotifications({ recipientId: recipient.id, kinds: [kind] })).filter((n) => n.status === 'pending');
  const out: string[] = [];
  for (const row of rows) {
    const composed = await composeNotification(world.deps, row, recipient);
    if (composed) out.push(plain(composed.text));
  }
  return out;
}
