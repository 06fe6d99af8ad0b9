// `forget-me` on Teams end to end: activities POSTed to the real /api/messages, a fake Bot Connector,
// the real store. An English participant erases their data from the confirmation card; their French
// partner is told once, in French, without reasons; the stored conversation reference is gone.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as translate } from '../../src/core/i18n/index.js';
import { plainText } from '../../src/core/text.js';
import type { Person } from '../../src/core/types.js';
import { teamsConversationRefs } from '../../src/store/schema.js';
import { testClock } from '../support/clock.js';
import { buttons, cardOf, cardText, startTeamsWorld, TENANT, TeamsUserDriver, type TeamsWorld } from '../integration/teams-helpers.js';
import { aggregates, findPersonalData, personRow, seedSubjectData } from './privacy-world.js';

const clock = testClock('2026-11-25T10:00:00Z');

let world: TeamsWorld;
const drivers: Record<string, TeamsUserDriver> = {};
const people: Record<string, Person> = {};

const SPECS = {
  nora: { name: 'Nora Quellingham', email: 'nora.quellingham@example.com', locale: 'en-US' as const },
  pierre: { name: 'Pierre Lemoine', email: 'pierre.lemoine@example.com', locale: 'fr-FR' as const },
  fanny: { name: 'Fanny Faure', email: 'fanny.faure@example.com', locale: 'fr-FR' as const },
  grace: { name: 'Grace Admin', email: 'admin@example.com', locale: 'en-US' as const },
  colin: { name: 'Colin Collins', email: 'colin.collins@example.com', locale: 'en-US' as const },
};

/** What a person reads, as plain text: Tandem's marks dropped. */
const said = (lang: 'en' | 'fr', key: Parameters<typeof translate>[1], params: Parameters<typeof translate>[2] = {}) =>
  plainText(translate(lang, key, { prefix: { trusted: '' }, ...params }));

beforeAll(async () => {
  world = await startTeamsWorld({ TANDEM_ADMINS: 'admin@example.com' }, clock);
  for (const [key, spec] of Object.entries(SPECS)) {
    const driver = new TeamsUserDriver(world, { key, name: spec.name, locale: spec.locale, member: { name: spec.name, email: spec.email } });
    drivers[key] = driver;
    await driver.say('help');
    people[key] = (await world.app.store.findPerson({ platform: 'teams', tenantId: TENANT, userId: driver.aadObjectId }))!;
  }
  await seedSubjectData(
    world.app.store,
    world.app.database,
    { subject: people.nora!, partner: people.pierre!, former: people.fanny!, admin: people.grace!, colleague: people.colin! },
    clock.now(),
  );
});
afterAll(async () => world?.close());

describe('my-data on Teams', () => {
  it('answers with a download link to the JSON file; the link serves it', async () => {
    const nora = drivers.nora!;
    const card = await nora.say('my data');
    expect(cardText(card)).toContain(said('en', 'privacy.my_data.ready'));
    const links = JSON.stringify(cardOf(card)).match(/"url":"([^"]+)"/g) ?? [];
    expect(links).toHaveLength(1);
    const url = new URL(JSON.parse(`{${links[0]!}}`).url as string);
    const response = await fetch(`${world.app.url}${url.pathname}${url.search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('tandem-my-data-2026-11-25.json');
    const doc = (await response.json()) as { person: { name: string; userId: string }; teamsConversation: { note: string } };
    expect(doc.person).toMatchObject({ name: SPECS.nora.name, userId: nora.aadObjectId });
    expect(doc.teamsConversation.note).toContain('Technical data');
  });
});

describe('forget-me on Teams', () => {
  it('answers with a confirmation card; Keep my data changes nothing', async () => {
    const nora = drivers.nora!;
    const card = await nora.say('forget me');
    expect(cardText(card)).toContain('Erase everything Tandem knows about you?');
    expect(buttons(card).map((b) => [b.title, b.style])).toEqual([
      ['Erase everything', 'destructive'],
      ['Keep my data', undefined],
    ]);
    const kept = await nora.click(card, 'Keep my data');
    expect(cardText(kept)).toContain(said('en', 'privacy.forget.kept'));
    expect((await personRow(world.app.database, people.nora!.id)).erasedAt).toBeNull();
  });

  it('erases on confirmation; the partner is told once, in French, without the name or a reason', async () => {
    const nora = drivers.nora!;
    const pierre = drivers.pierre!;
    const before = await aggregates(world.app.database);
    const card = await nora.say('forget-me');
    const done = await nora.click(card, 'Erase everything');
    expect(cardText(done)).toContain(said('en', 'privacy.forget.done'));
    expect(cardText(done)).toContain(said('en', 'privacy.forget.done_partner'));

    const noraSeen = nora.received().length;
    const pierreSeen = pierre.received().length;
    await world.app.deliver();
    await world.app.deliver();
    expect(nora.received()).toHaveLength(noraSeen);
    const told = pierre.received().slice(pierreSeen);
    expect(told).toHaveLength(1);
    const text = cardText(told[0]!);
    expect(text).toContain(said('fr', 'privacy.pair_ended', { name: 'Pierre Lemoine', role: { trusted: 'mentoré' }, program: 'Tandem' }));
    expect(text).not.toContain('Nora');

    expect(await world.app.database.db.select().from(teamsConversationRefs).where(eq(teamsConversationRefs.personId, people.nora!.id))).toEqual([]);
    expect(await findPersonalData(world.app.database, [SPECS.nora.name, SPECS.nora.email, nora.aadObjectId, nora.userId])).toEqual([]);
    expect(await aggregates(world.app.database)).toEqual(before);
  });

  it('a click on the old card is answered politely; writing again starts afresh', async () => {
    const nora = drivers.nora!;
    const again = await nora.clickData(nora.received()[0]!, { tandem: 'action', action: 'forget.confirm', value: people.nora!.id });
    expect(cardText(again)).toContain(said('en', 'privacy.forget.already'));
    const fresh = await world.app.store.findPerson({ platform: 'teams', tenantId: TENANT, userId: nora.aadObjectId });
    expect(fresh!.id).not.toBe(people.nora!.id);
    expect(await world.app.store.getConversationReference(fresh!.id)).not.toBeNull();
  });

  it('admin forget with the French verb and an email', async () => {
    const grace = drivers.grace!;
    const card = await grace.say('admin oublier colin.collins@example.com');
    expect(cardText(card)).toContain('Colin Collins');
    const done = await grace.click(card, /Erase their data|Effacer ses données/);
    expect(cardText(done)).toContain(said('en', 'privacy.admin.done', { pairs: 0 }));
    expect(await findPersonalData(world.app.database, [SPECS.colin.name, SPECS.colin.email, drivers.colin!.aadObjectId])).toEqual([]);
  });
});
