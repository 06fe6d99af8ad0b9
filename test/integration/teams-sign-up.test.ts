// Sign-up on Teams end to end: Bot Framework activities POSTed to the real /api/messages of the real
// app (real core, real store on PGlite or TEST_DATABASE_URL), answers read from what the fake Bot
// Connector received. Each person gets everything in their own language (fr-FR / en-US).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enrollment } from '../../src/core/types.js';
import type { RecordedActivity } from '../fakes/bot-connector.js';
import { testClock } from '../support/clock.js';
import { testDatabaseUrl } from '../support/database.js';
import {
  buttons,
  cardMarkdown,
  cardOf,
  cardText,
  dayAfter,
  fieldErrors,
  frenchDate,
  inputs,
  spelledDay,
  startTeamsWorld,
  TENANT,
  TeamsUserDriver,
  type PersonSpec,
  type TeamsWorld,
} from './teams-helpers.js';

const clock = testClock('2026-11-25T09:00:00Z');
let world: TeamsWorld;
let programId: string;
let admin: TeamsUserDriver;
let adminHelp: RecordedActivity;

beforeAll(async () => {
  world = await startTeamsWorld({ TANDEM_ADMINS: 'admin@example.com' }, clock);
  const program = await world.app.store.findOpenProgram();
  programId = program!.id;
  // The admin has talked to the bot once: Tandem knows where to reach her, and TANDEM_ADMINS made her an admin.
  admin = person({ key: 'grace', name: 'Grace', locale: 'en-US', member: { name: 'Grace Hopper', email: 'Admin@Example.com' } });
  adminHelp = await admin.say('help');
});

afterAll(async () => {
  await world?.close();
});

function person(spec: PersonSpec): TeamsUserDriver {
  return new TeamsUserDriver(world, spec);
}

async function enrollmentsOf(user: TeamsUserDriver): Promise<Enrollment[]> {
  const found = await world.app.store.findPerson({ platform: 'teams', tenantId: TENANT, userId: user.aadObjectId });
  if (!found) return [];
  return (await world.app.store.listEnrollments(programId)).filter((e) => e.personId === found.id);
}

const BIO_INJECTION = '**bold** [x](http://evil) <at>x</at>';

function menteeValues(locale: 'en' | 'fr'): Record<string, string> {
  return {
    'topic.genai-assistants': '3',
    'topic.cybersecurity': '1',
    teachBack: 'strategy,career',
    languages: locale,
    timeZone: 'Europe/Paris',
    availability: 'thu-pm,mon-am',
    department: locale === 'fr' ? 'Direction financière' : 'Finance',
    managerEmail: 'boss@example.com',
    bio: locale === 'fr' ? 'Directrice financière, curieuse de tout.' : 'CFO, curious about everything.',
    charter: 'true',
  };
}

function mentorValues(locale: 'en' | 'fr'): Record<string, string> {
  return {
    'topic.genai-assistants': '5',
    'topic.no-code-automation': '4',
    teachBack: 'leadership',
    languages: locale === 'fr' ? 'fr,en' : 'en',
    timeZone: 'Europe/Paris',
    availability: 'tue-am',
    capacity: '2',
    department: 'Data',
    managerEmail: '',
    bio: locale === 'fr' ? 'Data scientist, ravie de partager.' : 'Data engineer, happy to share.',
    charter: 'true',
  };
}

/** "join …" then a valid form: the common start of the later flows. */
async function signUp(user: TeamsUserDriver, command: string, values: Record<string, string>): Promise<RecordedActivity> {
  const form = await user.say(command);
  const done = await user.submit(form, values);
  expect(done.kind).toBe('update');
  expect(done.activityId).toBe(form.activityId);
  return done;
}

const HELP = {
  en: {
    title: 'Tandem — reverse mentoring',
    commands: ['join mentor', 'join mentee', 'me', 'pause until 2026-12-16', 'resume', 'leave', 'help'],
    buttons: ['Find a mentor', 'Become a mentor'],
    admin: 'Admin commands',
  },
  fr: {
    title: 'Tandem — mentorat inversé',
    commands: ['rejoindre mentor', 'rejoindre mentoré', 'moi', 'pause jusqu’au 16/12/2026', 'reprendre', 'quitter', 'aide'],
    buttons: ['Trouver un mentor', 'Devenir mentor'],
    admin: 'Commandes d’administration',
  },
} as const;

function expectHelp(card: RecordedActivity, locale: 'en' | 'fr', options: { admin?: boolean } = {}): void {
  const text = cardText(card);
  const help = HELP[locale];
  expect(text).toContain(help.title);
  for (const command of help.commands) expect(text).toContain(command);
  expect(buttons(card).map((b) => b.title)).toEqual([...help.buttons]);
  expect(buttons(card).map((b) => b.data)).toEqual([
    { tandem: 'action', action: 'join', value: 'mentee' },
    { tandem: 'action', action: 'join', value: 'mentor' },
  ]);
  if (options.admin) expect(text).toContain(help.admin);
  else expect(text).not.toContain(help.admin);
  // The other language's help must not leak in.
  expect(text).not.toContain(HELP[locale === 'en' ? 'fr' : 'en'].title);
}

describe('a new user in a personal chat', () => {
  it('is welcomed with the help in English, and "help" / "aide" answer in English', async () => {
    const ada = person({ key: 'ada', name: 'Ada', locale: 'en-US', member: { name: 'Ada Lovelace', email: 'ada@example.com' } });
    const welcome = await ada.install();
    expect(welcome.kind).toBe('reply');
    expect(welcome.activity).toMatchObject({ type: 'message', summary: 'Tandem — reverse mentoring', recipient: { id: ada.userId } });
    expectHelp(welcome, 'en');
    expectHelp(await ada.say('help'), 'en');
    expectHelp(await ada.say('aide'), 'en');
    expectHelp(await ada.say('HELP', { mentionBot: true }), 'en');
  });

  it('is welcomed with the help in French, and "aide" / "help" answer in French', async () => {
    const lucie = person({ key: 'lucie', name: 'Lucie', locale: 'fr-FR', member: { name: 'Lucie Aubrac', email: 'lucie@example.com' } });
    const welcome = await lucie.install();
    expect(welcome.activity.summary).toBe('Tandem — mentorat inversé');
    expectHelp(welcome, 'fr');
    expectHelp(await lucie.say('aide'), 'fr');
    expectHelp(await lucie.say('help'), 'fr');
  });

  it('follows the person when they switch Teams to another language', async () => {
    const en = person({ key: 'switch', name: 'Sam', locale: 'en-US', member: { name: 'Sam Switch' } });
    expectHelp(await en.say('help'), 'en');
    const fr = person({ key: 'switch', name: 'Sam', locale: 'fr-FR', member: { name: 'Sam Switch' } });
    expectHelp(await fr.say('help'), 'fr');
  });

  it('shows the admin commands to an admin named in TANDEM_ADMINS (matched by the email from the member API)', () => {
    expectHelp(adminHelp, 'en', { admin: true });
    expect(cardText(adminHelp)).toContain('admin approve @person');
  });
});

describe('mentee sign-up with an Adaptive Card form', () => {
  const cases = [
    {
      locale: 'en' as const,
      spec: { key: 'bob', name: 'Bob', locale: 'en-US', member: { name: 'Bob Martin', email: 'bob@example.com' } } satisfies PersonSpec,
      command: 'join mentee',
      me: 'me',
      expect: {
        title: 'Find a mentor',
        intro: 'Tell us what you’d like to learn',
        submit: 'Sign up',
        topicLabel: 'Generative AI assistants',
        errors: {
          'topic.genai-assistants': 'Choose a priority for at least one topic you want to learn.',
          charter: 'Please accept the charter to take part.',
          bio: 'Please keep this under 500 characters (you wrote 600).',
          department: 'This contains characters we can’t store; please retype it.',
        },
        done: 'Welcome, Bob Martin! You are signed up as a mentee in Tandem.',
        me: ['Your Tandem', 'Mentee in Tandem', 'Status: active', 'Generative AI assistants (essential)', 'Everyday cybersecurity (nice to have)', 'Department: Finance'],
        meButtons: ['Edit my profile', 'Pause', 'Leave'],
      },
    },
    {
      locale: 'fr' as const,
      spec: { key: 'chloe', name: 'Chloé', locale: 'fr-FR', member: { name: 'Chloé Durand', email: 'chloe@example.com' } } satisfies PersonSpec,
      command: 'rejoindre mentoré',
      me: 'moi',
      expect: {
        title: 'Trouver un mentor',
        intro: 'Dites-nous ce que vous aimeriez apprendre',
        submit: 'M’inscrire',
        topicLabel: 'Assistants d’IA générative',
        errors: {
          'topic.genai-assistants': 'Indiquez une priorité pour au moins un sujet que vous voulez découvrir.',
          charter: 'Merci d’accepter la charte pour participer.',
          bio: 'Pas plus de 500 caractères, s’il vous plaît (vous en avez écrit 600).',
          department: 'Ce texte contient des caractères que nous ne pouvons pas enregistrer ; merci de le ressaisir.',
        },
        done: 'Bienvenue, Chloé Durand ! Vous êtes inscrit(e) comme mentoré(e) dans Tandem.',
        me: ['Votre Tandem', 'Mentoré dans Tandem', 'Statut: active', 'Assistants d’IA générative (essentiel)', 'Cybersécurité au quotidien (si possible)', 'Direction: Direction financière'],
        meButtons: ['Modifier mon profil', 'Faire une pause', 'Quitter'],
      },
    },
  ];

  it.each(cases)('$command: invalid values are refused field by field, nothing stored; valid ones are saved ($locale)', async (c) => {
    const user = person(c.spec);
    const form = await user.say(c.command);
    expect(form.kind).toBe('reply');
    const card = cardOf(form);
    const text = cardText(form);
    expect(text).toContain(c.expect.title);
    expect(text).toContain(c.expect.intro);
    expect(card.actions.map((a: { title: string }) => a.title)).toContain(c.expect.submit);
    const ids = inputs(card).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['topic.genai-assistants', 'teachBack', 'languages', 'timeZone', 'availability', 'department', 'managerEmail', 'bio', 'charter']));
    expect(ids).not.toContain('capacity');
    expect(inputs(card).find((i) => i.id === 'topic.genai-assistants')!.label).toBe(c.expect.topicLabel);
    // Prefilled from Teams: the person's language and time zone.
    expect(inputs(card).find((i) => i.id === 'languages')!.value).toBe(c.locale);
    expect(inputs(card).find((i) => i.id === 'timeZone')!.value).toBe('Europe/Paris');

    // No topic, charter not ticked, a 600-character bio, a control character in the department.
    const { 'topic.genai-assistants': _ai, 'topic.cybersecurity': _security, ...noTopic } = menteeValues(c.locale);
    const invalid = { ...noTopic, charter: 'false', bio: 'b'.repeat(600), department: 'Fin\u0007ance' };
    const callsBefore = world.connector.calls.length;
    const redrawn = await user.submit(form, invalid);
    expect(redrawn.kind).toBe('update');
    expect(redrawn.activityId).toBe(form.activityId);
    const puts = world.connector.calls.slice(callsBefore).filter((call) => call.method === 'PUT');
    expect(puts.map((call) => call.path)).toEqual([
      `/v3/conversations/${encodeURIComponent(user.conversationId)}/activities/${form.activityId}`,
    ]);
    expect(fieldErrors(redrawn)).toEqual(c.expect.errors);
    // Each error is also printed in red under its field (Teams shows errorMessage only after its own validation).
    const red = cardOf(redrawn).body.filter((e: { color?: string }) => e.color === 'Attention').map((e: { text: string }) => e.text);
    expect(red).toHaveLength(4);
    // What the person typed is kept, so they only fix what is wrong.
    expect(inputs(cardOf(redrawn)).find((i) => i.id === 'bio')!.value).toBe('b'.repeat(600));
    expect(inputs(cardOf(redrawn)).find((i) => i.id === 'teachBack')!.value).toBe('strategy,career');
    expect(await enrollmentsOf(user)).toEqual([]);

    // Only the charter missing: still nothing stored.
    const charterOnly = await user.submit(redrawn, { ...menteeValues(c.locale), charter: 'false' });
    expect(Object.keys(fieldErrors(charterOnly))).toEqual(['charter']);
    expect(await enrollmentsOf(user)).toEqual([]);

    const done = await user.submit(charterOnly, menteeValues(c.locale));
    expect(done.kind).toBe('update');
    expect(done.activityId).toBe(form.activityId);
    expect(cardText(done)).toContain(c.expect.done);
    expect(buttons(done).map((b) => b.title)).toEqual([c.expect.meButtons[0]]);
    const [enrollment, ...others] = await enrollmentsOf(user);
    expect(others).toEqual([]);
    expect(enrollment).toMatchObject({
      role: 'mentee',
      status: 'approved',
      topics: [
        { topic: 'genai-assistants', level: 3 },
        { topic: 'cybersecurity', level: 1 },
      ],
      teachBack: ['strategy', 'career'],
      languages: [c.locale],
      availability: ['mon-am', 'thu-pm'],
      managerEmail: 'boss@example.com',
    });
    expect(enrollment!.charterAcceptedAt).toEqual(clock.now());

    const me = await user.say(c.me);
    const meText = cardText(me);
    for (const line of c.expect.me) expect(meText).toContain(line);
    expect(buttons(me).map((b) => b.title)).toEqual(c.expect.meButtons);
  });
});

describe('mentor approval', () => {
  it('a French mentor waits for approval, the English admin approves from the proactive card, the mentor is told in French', async () => {
    const lea = person({ key: 'lea', name: 'Léa', locale: 'fr-FR', member: { name: 'Léa Martin', email: 'lea@example.com' } });
    const form = await lea.say('rejoindre mentor');
    expect(cardText(form)).toContain('Devenir mentor');
    expect(cardText(form)).toContain('Combien de mentorés pouvez-vous accompagner ? (1 à 3)');
    expect(inputs(cardOf(form)).find((i) => i.id === 'capacity')).toMatchObject({ type: 'Input.Number', min: 1, max: 3 });

    const adminBefore = admin.received().length;
    const done = await lea.submit(form, mentorValues('fr'));
    expect(cardText(done)).toContain(
      'Merci, Léa Martin ! Votre candidature de mentor est bien reçue. L’équipe du programme examine chaque mentor ; vous recevrez un message ici dès sa décision.',
    );
    const [enrollment] = await enrollmentsOf(lea);
    expect(enrollment).toMatchObject({ role: 'mentor', status: 'pending', capacity: 2, languages: ['fr', 'en'] });
    expect(cardText(await lea.say('moi'))).toContain('Statut: en attente de validation');
    // Nothing is sent to the admin during the request: the outbox does it.
    expect(admin.received()).toHaveLength(adminBefore);

    expect(await world.app.deliver()).toBeGreaterThanOrEqual(1);
    const proactive = admin.received().slice(adminBefore);
    expect(proactive).toHaveLength(1);
    const review = proactive[0]!;
    expect(review.conversationId).toBe(admin.conversationId);
    expect(review.activity.recipient).toMatchObject({ id: admin.userId });
    const reviewText = cardText(review);
    expect(reviewText).toContain('New mentor to review');
    expect(reviewText).toContain('Léa Martin volunteers as a mentor in Tandem.');
    expect(reviewText).toContain('Generative AI assistants (5/5)');
    expect(reviewText).toContain('Languages: French and English');
    expect(reviewText).toContain('Can take on: up to 2 mentees');
    expect(reviewText).not.toMatch(/Assistants d’IA|mentorat/);
    expect(buttons(review)).toEqual([
      { title: 'Approve', data: { tandem: 'action', action: 'mentor.approve', value: enrollment!.id }, style: 'positive' },
      { title: 'Decline', data: { tandem: 'action', action: 'mentor.decline', value: enrollment!.id }, style: 'destructive' },
    ]);

    const approved = await admin.click(review, 'Approve');
    expect(approved.kind).toBe('update');
    expect(approved.activityId).toBe(review.activityId);
    expect(cardText(approved)).toBe('✅ You approved Léa Martin as a mentor. We’re letting them know.');
    expect(buttons(approved)).toEqual([]);
    expect((await enrollmentsOf(lea))[0]).toMatchObject({ status: 'approved' });

    const leaBefore = lea.received().length;
    await world.app.deliver();
    const news = lea.received().slice(leaBefore);
    expect(news).toHaveLength(1);
    expect(news[0]!.conversationId).toBe(lea.conversationId);
    expect(cardText(news[0]!)).toBe(
      'Bonne nouvelle, Léa Martin ! Vous êtes validé(e) comme mentor dans Tandem. Vous serez présenté(e) à votre mentoré lors de la prochaine constitution des binômes. Merci de partager ce que vous savez.',
    );
    expect(cardText(await lea.say('moi'))).toContain('Statut: active');
    const leaAfter = lea.received().length;

    // A second click on the same card (another Teams client, a double click): nothing changes, nobody is told twice.
    const again = await admin.clickData(review, buttons(review)[0]!.data);
    expect(again.activityId).toBe(review.activityId);
    expect(cardText(again)).toMatch(/^Léa Martin’s mentor application has already been approved — nothing changed\.$/);
    expect(await world.app.deliver()).toBe(0);
    expect(lea.received()).toHaveLength(leaAfter);
    // Declining after the approval does not overturn it either.
    const late = await admin.clickData(review, buttons(review)[1]!.data);
    expect(cardText(late)).toContain('nothing changed');
    expect((await enrollmentsOf(lea))[0]).toMatchObject({ status: 'approved' });
    expect(await world.app.deliver()).toBe(0);
  });

  it('an admin declines an English mentor by email; the stale review card is never sent and the mentor is told kindly', async () => {
    const omar = person({ key: 'omar', name: 'Omar', locale: 'en-US', member: { name: 'Omar Haddad', email: 'omar@example.com' } });
    const done = await signUp(omar, 'join mentor', mentorValues('en'));
    expect(cardText(done)).toContain('Thank you, Omar Haddad! Your mentor application is in.');

    const adminBefore = admin.received().length;
    const reply = await admin.say('admin decline OMAR@example.com');
    expect(reply.kind).toBe('reply');
    expect(cardText(reply)).toBe('You declined Omar Haddad’s mentor application. We’ll let them know, kindly.');
    expect((await enrollmentsOf(omar))[0]).toMatchObject({ role: 'mentor', status: 'declined' });

    const omarBefore = omar.received().length;
    await world.app.deliver();
    // The "new mentor to review" card was queued before the decision: it no longer applies.
    expect(admin.received()).toHaveLength(adminBefore + 1);
    const told = omar.received().slice(omarBefore);
    expect(told).toHaveLength(1);
    expect(cardText(told[0]!)).toBe(
      'Hello Omar Haddad, thank you for volunteering as a mentor in Tandem. The program team hasn’t selected your application this time. You can still join as a mentee with join mentee.',
    );
    expect(cardText(await omar.say('me'))).toContain('You’re not taking part in Tandem at the moment.');
    expect(cardText(await omar.say('join mentor'))).toContain('The program team hasn’t selected your mentor application for Tandem.');

    expect(cardText(await admin.say('admin decline nobody@example.com'))).toBe(
      'I don’t know nobody@example.com yet: they need to have used Tandem once.',
    );
    expect(cardText(await admin.say('admin pending'))).toBe('No mentor is waiting for approval.');
  });

  it('refuses a forged approval from someone who is not an admin', async () => {
    const eve = person({ key: 'eve-forger', name: 'Eve', locale: 'fr-FR', member: { name: 'Eve', email: 'eve@example.com' } });
    const hamid = person({ key: 'hamid', name: 'Hamid', locale: 'en-US', member: { name: 'Hamid', email: 'hamid@example.com' } });
    await signUp(hamid, 'join mentor', mentorValues('en'));
    const [enrollment] = await enrollmentsOf(hamid);
    const card = await eve.say('aide');
    const refused = await eve.clickData(card, { tandem: 'action', action: 'mentor.approve', value: enrollment!.id });
    expect(cardText(refused)).toBe('Seuls les administrateurs du programme peuvent faire cela.');
    expect((await enrollmentsOf(hamid))[0]).toMatchObject({ status: 'pending' });
    expect(cardText(await eve.say('admin approuver hamid@example.com'))).toBe('Seuls les administrateurs du programme peuvent faire cela.');
    // Leave the outbox clean for the next tests: the admin is asked to review Hamid.
    await world.app.deliver();
  });
});

describe('pause, resume and leave', () => {
  it('in English: pause until a date, resume, leave with a confirmation', async () => {
    const sam = person({ key: 'sam', name: 'Sam', locale: 'en-US', member: { name: 'Sam Carter', email: 'sam@example.com' } });
    await signUp(sam, 'join mentee', menteeValues('en'));

    for (const past of [dayAfter(clock, -1), dayAfter(clock, 0)]) {
      expect(cardText(await sam.say(`pause until ${past}`))).toBe('That date is not in the future. Please choose a day after today.');
    }
    expect(cardText(await sam.say(`pause until ${dayAfter(clock, 400)}`))).toMatch(/^Pauses last a year at most\. Please choose a date before .+, or leave the program\.$/);
    expect(cardText(await sam.say('pause until someday'))).toBe('Please give the date you’ll be back, like pause until 2026-12-16.');
    expect((await enrollmentsOf(sam))[0]).toMatchObject({ status: 'approved', pausedUntil: null });

    const until = dayAfter(clock, 20);
    const paused = await sam.say(`pause until ${until}`);
    expect(cardText(paused)).toBe(
      `Your participation is paused until ${spelledDay(until, 'en')}: no pairing or reminders until then. You’ll be back automatically that day, or sooner with resume.`,
    );
    expect((await enrollmentsOf(sam))[0]).toMatchObject({ status: 'paused', pausedUntil: until });
    const me = await sam.say('me');
    expect(cardText(me)).toContain(`Status: paused until ${spelledDay(until, 'en')}`);
    expect(buttons(me).map((b) => b.title)).toContain('Resume now');

    expect(cardText(await sam.say('resume'))).toBe('Welcome back! You are active again in Tandem.');
    expect(cardText(await sam.say('resume'))).toBe('You are not paused.');
    expect(cardText(await sam.say('me'))).toContain('Status: active');

    // "No, stay" keeps the enrollment.
    const ask = await sam.say('leave');
    expect(cardText(ask)).toContain('Do you really want to leave Tandem? You will no longer be paired, and your current partner will be told.');
    expect(buttons(ask).map((b) => [b.title, b.data.action, b.style])).toEqual([
      ['Yes, leave', 'leave.confirm', 'destructive'],
      ['No, stay', 'leave.keep', undefined],
    ]);
    const kept = await sam.click(ask, 'No, stay');
    expect(kept.kind).toBe('update');
    expect(cardText(kept)).toBe('Great, you stay in Tandem.');
    expect((await enrollmentsOf(sam))[0]).toMatchObject({ status: 'approved' });

    const askAgain = await sam.say('leave');
    const left = await sam.click(askAgain, 'Yes, leave');
    expect(left.kind).toBe('update');
    expect(left.activityId).toBe(askAgain.activityId);
    expect(cardText(left)).toMatch(/^You have left Tandem\. Thank you for taking part — you can come back anytime with join/);
    expect((await enrollmentsOf(sam))[0]).toMatchObject({ status: 'withdrawn' });
    const after = await sam.say('me');
    expect(cardText(after)).toContain('You’re not taking part in Tandem at the moment. Would you like to coach a colleague, or to be coached?');
    expect(cardText(await sam.say('leave'))).toBe('You are not enrolled in Tandem, so there is nothing to leave.');
    // The confirmation card clicked again later: nothing more to do.
    expect(cardText(await sam.click(askAgain, 'Yes, leave'))).toBe('You are not enrolled in Tandem, so there is nothing to leave.');
  });

  it('en français : pause jusqu’au JJ/MM/AAAA, reprendre, quitter', async () => {
    const zoe = person({ key: 'zoe', name: 'Zoé', locale: 'fr-FR', member: { name: 'Zoé Bernard', email: 'zoe@example.com' } });
    await signUp(zoe, 'rejoindre mentoré', menteeValues('fr'));

    expect(cardText(await zoe.say(`pause jusqu'au ${frenchDate(dayAfter(clock, -3))}`))).toBe(
      'Cette date n’est pas dans le futur. Choisissez un jour après aujourd’hui.',
    );
    expect(cardText(await zoe.say('pause jusqu’au 31/02/2027'))).toBe('Indiquez la date de votre retour, par exemple pause jusqu’au 16/12/2026.');
    expect((await enrollmentsOf(zoe))[0]).toMatchObject({ status: 'approved' });

    const until = dayAfter(clock, 20);
    // Typographic apostrophe, as Teams' French autocorrect types it.
    const paused = await zoe.say(`pause jusqu’au ${frenchDate(until)}`);
    expect(cardText(paused)).toBe(
      `Votre participation est en pause jusqu’au ${spelledDay(until, 'fr')} : ni binôme ni rappel d’ici là. Vous serez de retour automatiquement ce jour-là, ou plus tôt avec reprendre.`,
    );
    expect((await enrollmentsOf(zoe))[0]).toMatchObject({ status: 'paused', pausedUntil: until });
    const me = await zoe.say('moi');
    expect(cardText(me)).toContain(`Statut: en pause jusqu’au ${spelledDay(until, 'fr')}`);
    expect(buttons(me).map((b) => b.title)).toContain('Reprendre maintenant');

    // The "Reprendre maintenant" button of the me card does the same as typing "reprendre".
    expect(cardText(await zoe.click(me, 'Reprendre maintenant'))).toBe('Bon retour ! Vous êtes de nouveau actif(ve) dans Tandem.');
    expect(cardText(await zoe.say('moi'))).toContain('Statut: active');

    const ask = await zoe.say('quitter');
    expect(cardText(ask)).toContain('Voulez-vous vraiment quitter Tandem ?');
    const left = await zoe.click(ask, 'Oui, quitter');
    expect(left.kind).toBe('update');
    expect(cardText(left)).toMatch(/^Vous avez quitté Tandem\. Merci d’avoir participé/);
    expect((await enrollmentsOf(zoe))[0]).toMatchObject({ status: 'withdrawn' });
    expect(cardText(await zoe.say('moi'))).toContain('Vous ne participez pas à Tandem en ce moment.');
  });

  it('pauses through the form behind the "Faire une pause" button, with field errors in French', async () => {
    const ines = person({ key: 'ines', name: 'Inès', locale: 'fr-FR', member: { name: 'Inès Roux', email: 'ines@example.com' } });
    await signUp(ines, 'rejoindre mentoré', menteeValues('fr'));
    const me = await ines.say('moi');
    const form = await ines.click(me, 'Faire une pause');
    expect(form.kind).toBe('reply');
    expect(cardText(form)).toContain('Pause jusqu’au…');
    expect(cardText(form)).toContain(`Format : ${frenchDate(dayAfter(clock, 21))}`);

    const wrong = await ines.submit(form, { until: '31/02/2027' });
    expect(wrong.activityId).toBe(form.activityId);
    expect(fieldErrors(wrong)).toEqual({
      until: `« 31/02/2027 » n’est pas une date que je comprends. Écrivez-la par exemple ${frenchDate(dayAfter(clock, 21))}.`,
    });
    const past = await ines.submit(wrong, { until: frenchDate(dayAfter(clock, -1)) });
    expect(fieldErrors(past)).toEqual({ until: 'Cette date n’est pas dans le futur. Choisissez un jour après aujourd’hui.' });
    expect((await enrollmentsOf(ines))[0]).toMatchObject({ status: 'approved' });

    const until = dayAfter(clock, 30);
    const done = await ines.submit(past, { until: frenchDate(until) });
    expect(done.activityId).toBe(form.activityId);
    expect(cardText(done)).toContain(`Votre participation est en pause jusqu’au ${spelledDay(until, 'fr')}`);
    expect((await enrollmentsOf(ines))[0]).toMatchObject({ status: 'paused', pausedUntil: until });
  });
});

describe('unexpected input', () => {
  const max = () => person({ key: 'max', name: 'Max', locale: 'en-US', member: { name: 'Max Planck', email: 'max@example.com' } });
  const zelie = () => person({ key: 'zelie', name: 'Zélie', locale: 'fr-FR', member: { name: 'Zélie Petit', email: 'zelie@example.com' } });

  it.each([
    { who: 'en', text: 'dance', lead: 'Sorry, I don’t know the command “dance”. Here is what Tandem understands:' },
    { who: 'fr', text: 'danser ce soir', lead: 'Désolé, je ne connais pas la commande « danser ». Voici ce que Tandem comprend :' },
    { who: 'en', text: '', mention: true, lead: 'Hi! Here is what I can do:' },
    { who: 'fr', text: '', mention: true, lead: 'Bonjour ! Voici ce que je sais faire :' },
    { who: 'en', text: 'x'.repeat(10 * 1024), lead: 'That command is too long (10,240 characters). Commands are short — here they are:' },
    { who: 'fr', text: 'y'.repeat(10 * 1024), lead: 'Cette commande est trop longue (10 240 caractères). Les commandes sont courtes — les voici :' },
    { who: 'en', text: 'me\u0007\u001b[31m', lead: 'That command contains characters I can’t read. Here is what Tandem understands:' },
    { who: 'fr', text: 'moi\u0000', lead: 'Cette commande contient des caractères que je ne sais pas lire. Voici ce que Tandem comprend :' },
  ])('$who: "$text" → a short localized error and the help', async ({ who, text, mention, lead }) => {
    const user = who === 'en' ? max() : zelie();
    const answer = await user.say(text, { mentionBot: mention ?? false });
    const shown = cardText(answer);
    expect(shown.split('\n')[0]).toBe(lead);
    expectHelp(answer, who as 'en' | 'fr');
    expect(shown.length).toBeLessThan(2000);
  });

  it.each([
    { who: 'en', text: 'join', answer: 'Please say which role you want: join mentor or join mentee.' },
    { who: 'fr', text: 'rejoindre pilote', answer: 'Précisez le rôle souhaité : rejoindre mentor ou rejoindre mentoré.' },
    { who: 'en', text: 'admin pending', answer: 'Only the program admins can do that.' },
  ])('$who: "$text" → "$answer"', async ({ who, text, answer }) => {
    const user = who === 'en' ? max() : zelie();
    expect(cardText(await user.say(text))).toBe(answer);
  });

  it('escapes Markdown and Teams mentions typed as a command', async () => {
    for (const text of ['**bold** please', '[x](http://evil)', '<at>x</at>']) {
      const answer = await max().say(text);
      const markdown = cardMarkdown(answer);
      expect(markdown).not.toContain('**bold**');
      expect(markdown).not.toContain('[x](');
      expect(markdown).not.toContain('<at>');
      expect(JSON.stringify(cardOf(answer).body)).not.toContain('<at>');
      expect(cardText(answer)).toContain(`“${text.split(' ')[0]}”`);
    }
    expect(cardMarkdown(await max().say('<at>x</at>'))).toContain('“&lt;at&gt;x&lt;/at&gt;”');
  });

  it('escapes a bio and a display name full of markup in the confirmation, the profile and the admin’s review card', async () => {
    const mallory = person({
      key: 'mallory',
      name: 'Mallory',
      locale: 'en-US',
      member: { name: '*Mal* [admin](http://evil) <at>Grace</at>', email: 'mallory@example.com' },
    });
    const values = { ...mentorValues('en'), bio: BIO_INJECTION, department: '<b>R&D</b> {{DATE(2026-01-01T00:00:00Z)}}' };
    const adminBefore = admin.received().length;
    const done = await signUp(mallory, 'join mentor', values);
    await world.app.deliver();
    const review = admin.received().slice(adminBefore);
    expect(review).toHaveLength(1);

    for (const card of [done, await mallory.say('me'), review[0]!]) {
      const markdown = cardMarkdown(card);
      const json = JSON.stringify(cardOf(card).body);
      expect(markdown).toContain('\\*\\*bold\\*\\* \\[x\\]\\(http://evil\\) &lt;at&gt;x&lt;/at&gt;');
      expect(markdown).toContain('&lt;b&gt;R&amp;D&lt;/b&gt;');
      expect(markdown).not.toContain('{{DATE(');
      expect(json).not.toMatch(/\[x\]\(|\[admin\]\(|<at>|<b>/);
      // Still readable as typed.
      expect(cardText(card)).toContain(BIO_INJECTION);
    }
    expect(cardText(done)).toContain('Thank you, *Mal* [admin](http://evil) <at>Grace</at>!');
    expect(cardMarkdown(review[0]!)).toContain('**\\*Mal\\* \\[admin\\]\\(http://evil\\) &lt;at&gt;Grace&lt;/at&gt;** volunteers as a mentor');
    const [enrollment] = await enrollmentsOf(mallory);
    expect(enrollment!.bio).toBe(BIO_INJECTION);
    // Decided so that later `admin pending` answers stay predictable.
    await admin.click(review[0]!, 'Decline');
    await world.app.deliver();
  });

  it('answers 200 and "expired" to buttons and forms it cannot use', async () => {
    const user = zelie();
    const help = await user.say('aide');
    expect(cardText(await user.clickData(help, { tandem: 'action', action: 'no.such.action' }))).toBe(
      'Ce bouton n’est plus valable. Tapez moi pour voir où vous en êtes.',
    );
    expect(cardText(await user.clickData(help, { tandem: 'action', action: 'mentor.approve' }))).toBe(
      'Ce bouton n’est plus valable. Tapez moi pour voir où vous en êtes.',
    );
    const tampered = await user.clickData(help, { tandem: 'form', formId: 'enrollment', state: '{"role":"boss"}', multi: [], toggles: [] });
    expect(cardText(tampered)).toBe('Ce bouton n’est plus valable. Tapez moi pour voir où vous en êtes.');
    // Cancel on a form: acknowledged, nothing sent, nothing stored.
    const form = await user.say('rejoindre mentoré');
    const cancel = cardOf(form).actions.find((a: { title: string }) => a.title === 'Annuler');
    expect(cancel?.data).toEqual({ tandem: 'form.cancel', formId: 'enrollment' });
    const closed = await user.clickAll(form, cancel.data);
    expect(closed.map((c) => cardText(c))).toEqual(['Annulé — rien n’a été modifié.']);
    expect(await enrollmentsOf(user)).toEqual([]);
  });
});

describe('the Teams profile', () => {
  it('is fetched from the member API once, then cached across messages, clicks and forms', async () => {
    const kim = person({ key: 'kim', name: 'Kim', locale: 'en-US', member: { name: 'Kim Nguyen-Larsen', email: 'Kim.NL@Example.com' } });
    await kim.install();
    await kim.say('help');
    const form = await kim.say('join mentee');
    const redrawn = await kim.submit(form, { ...menteeValues('en'), charter: 'false' });
    const done = await kim.submit(redrawn, menteeValues('en'));
    const me = await kim.say('me');
    await kim.click(me, 'Pause');
    await kim.say('me', { mentionBot: true });
    expect(kim.memberLookups()).toBe(1);

    expect(cardText(done)).toContain('Welcome, Kim Nguyen-Larsen!');
    const stored = await world.app.store.findPerson({ platform: 'teams', tenantId: TENANT, userId: kim.aadObjectId });
    expect(stored).toMatchObject({ name: 'Kim Nguyen-Larsen', email: 'kim.nl@example.com', locale: 'en', timeZone: 'Europe/Paris' });
  });

  it('is not asked again on every message when the member API fails', async () => {
    const guest = person({ key: 'guest', name: 'Guest User', locale: 'fr-FR' });
    expectHelp(await guest.install(), 'fr');
    await guest.say('moi');
    await guest.say('aide');
    expect(guest.memberLookups()).toBe(1);
    const stored = await world.app.store.findPerson({ platform: 'teams', tenantId: TENANT, userId: guest.aadObjectId });
    expect(stored).toMatchObject({ name: 'Guest User', email: null, locale: 'fr' });
  });
});


// Each test below fails today on a defect in src/; its comments say where.
describe('known defects', () => {
  it.skipIf(!testDatabaseUrl)('two decisions on the same application at once: one wins, the mentor is told what was decided (Postgres)', async () => {
    // Approve and Decline clicked together (double click, or Teams desktop and mobile). PGlite runs one
    // query at a time so the race only exists on a real server. Today decide-mentor.ts reads the status
    // with a plain SELECT and updates unconditionally: both clicks "win", the last write sets the status,
    // and the mentor may be told "approved" while declined.
    for (let i = 0; i < 4; i += 1) {
      const mentor = person({ key: `race-${i}`, name: `Noé ${i}`, locale: 'fr-FR', member: { name: `Noé ${i}`, email: `noe${i}@example.com` } });
      await signUp(mentor, 'rejoindre mentor', mentorValues('fr'));
      const before = admin.received().length;
      await world.app.deliver();
      const review = admin.received().slice(before).find((a) => cardText(a).includes(`Noé ${i} volunteers`))!;
      const [approve, decline] = buttons(review);
      const clicked = admin.received().length;
      await Promise.all([admin.clickAll(review, approve!.data), admin.clickAll(review, decline!.data)]);
      const replies = admin.received().slice(clicked).map(cardText);
      expect(replies.filter((text) => text.includes('nothing changed')), `replies: ${JSON.stringify(replies)}`).toHaveLength(1);

      const status = (await enrollmentsOf(mentor))[0]!.status;
      const told = mentor.received().length;
      await world.app.deliver();
      const news = mentor.received().slice(told).map(cardText);
      expect(news).toHaveLength(1);
      expect(news[0]).toContain(status === 'approved' ? 'Bonne nouvelle' : 'n’a pas retenu votre candidature');
    }
  });

  it('a mentor who pauses while waiting for approval still gets reviewed', async () => {
    const paula = person({ key: 'paula', name: 'Paula', locale: 'fr-FR', member: { name: 'Paula Petit', email: 'paula@example.com' } });
    await signUp(paula, 'rejoindre mentor', mentorValues('fr'));
    await paula.say(`pause jusqu’au ${frenchDate(dayAfter(clock, 10))}`);
    const before = admin.received().length;
    await world.app.deliver();
    await paula.say('reprendre');
    await world.app.deliver();
    // Today the review card is cancelled at delivery ("no longer applies") and never sent again,
    // and `admin approve` answers "already paused until … — nothing changed" for an undecided application.
    const reviews = admin.received().slice(before).filter((a) => cardText(a).includes('Paula Petit volunteers as a mentor'));
    expect(reviews).toHaveLength(1);
    expect(cardText(await admin.click(reviews[0]!, 'Approve'))).toBe('✅ You approved Paula Petit as a mentor. We’re letting them know.');
    expect((await enrollmentsOf(paula))[0]).toMatchObject({ status: 'approved' });
    await world.app.deliver();
  });

  it('shows no raw markup in the chat-list preview (summary) and fallback text of a card', async () => {
    const remi = person({ key: 'remi', name: 'Rémi', locale: 'fr-FR', member: { name: 'Rémi Fontaine', email: 'remi@example.com' } });
    const done = await signUp(remi, 'rejoindre mentor', mentorValues('fr'));
    const before = admin.received().length;
    await world.app.deliver();
    const review = admin.received().slice(before)[0]!;
    const paused = await remi.say(`pause jusqu’au ${frenchDate(dayAfter(clock, 10))}`);
    // Teams shows `summary` in the chat list and notifications, as plain text. Today turn.ts, messenger.ts
    // and render.ts use plain(message.text), which keeps the core's own *bold* and `code` marks.
    for (const card of [done, review, paused]) {
      for (const preview of [card.activity.summary as string, cardOf(card).fallbackText as string]) {
        expect(preview, 'no *bold* or `code` marks').not.toMatch(/[*`]/);
      }
    }
    expect(done.activity.summary).toMatch(/^Merci, Rémi Fontaine ! Votre candidature de mentor est bien reçue\./);
    await admin.click(review, 'Decline');
    await world.app.deliver();
  });
});
