// The core on a real store with a controllable clock, for the engagement tests.
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import type { Block, Button, Form, Message, Outcome } from '../../src/core/messages.js';
import type { Notification } from '../../src/core/ports.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import { plain, plainText } from '../../src/core/text.js';
import type { Person, Program } from '../../src/core/types.js';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock, type TestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export interface Harness {
  testDb: TestDatabase;
  store: DrizzleStore;
  deps: CoreDeps;
  core: Tandem;
  clock: TestClock;
  program: Program;
  dispose(): Promise<void>;
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export async function startHarness(start: string): Promise<Harness> {
  const testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  const store = DrizzleStore.from(testDb.database);
  const clock = testClock(start);
  const deps: CoreDeps = {
    store,
    clock,
    logger: silent,
    settings: { admins: [], defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 365 * 86_400_000, publicUrl: 'http://127.0.0.1:3978' },
  };
  const program = (await store.findOpenProgram())!;
  return { testDb, store, deps, core: createTandem(deps), clock, program, dispose: () => testDb.dispose() };
}

/** The actor a stored person acts as. */
export function actorOf(person: Person): Actor {
  return {
    identity: { platform: person.platform, tenantId: person.tenantId, userId: person.userId },
    fetchProfile: async () => ({ name: person.name, email: person.email, locale: person.locale, timeZone: person.timeZone }),
  };
}

export async function notificationsOf(store: DrizzleStore, kinds: string[], recipientId?: string): Promise<Notification[]> {
  return store.listNotifications({ kinds, recipientId });
}

export async function compose(h: Harness, notification: Notification): Promise<Message | null> {
  const recipient = (await h.store.getPerson(notification.recipientId))!;
  return composeNotification(h.deps, notification, recipient);
}

/** Everything a person reads in a message, marks removed. */
export function textOf(message: Message | null | undefined): string {
  if (!message) return '';
  return plainText(
    message.blocks
      .map((b: Block) => {
        if (b.type === 'header' || b.type === 'text' || b.type === 'context') return b.text;
        if (b.type === 'fields') return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
        if (b.type === 'actions') return b.buttons.map((button) => `[${button.label}]`).join(' ');
        return '';
      })
      .join('\n'),
  );
}

export function buttonsOf(message: Message | null | undefined): Button[] {
  return (message?.blocks ?? []).flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}

export function outcomeText(outcome: Outcome): string {
  if (outcome.kind === 'message' || outcome.kind === 'form_done') return textOf(outcome.message);
  return plain(JSON.stringify(outcome));
}

export function formOf(outcome: Outcome): Form {
  if (outcome.kind !== 'form') throw new Error(`expected a form, got ${outcome.kind}: ${outcomeText(outcome)}`);
  return outcome.form;
}
