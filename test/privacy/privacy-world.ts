// A program full of one person's data (the "subject"), and the generic check that none of it is left.
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { MatchResult } from '../../src/core/matching/types.js';
import type { NewEnrollment, Store } from '../../src/core/ports.js';
import type { Enrollment, EnrollmentRole, Person, Program } from '../../src/core/types.js';
import type { Database } from '../../src/store/database.js';
import { channelRefs, exclusions, exports, feedback, people, sessions, summaries } from '../../src/store/schema.js';

export interface Cast {
  subject: Person;
  /** The subject's mentor in the active pair. */
  partner: Person;
  /** The subject's mentor in an earlier, closed pair. */
  former: Person;
  admin: Person;
  /** Reports to the subject (a manager link), not in any pair with them. */
  colleague: Person;
}

export interface Seeded {
  program: Program;
  activePairId: string;
  closedPairId: string;
  heldSessionId: string;
  futureSessionId: string;
  menteeEnrollment: Enrollment;
  mentorEnrollment: Enrollment;
  /** Dedupe keys and export tokens of the seeded rows (unique per subject, so one program can hold several). */
  keys: { digest: string; unrelated: string; ownExport: string; adminExport: string; unrelatedExport: string };
}

/** What the seeded free texts say: the subject's full name appears in things others wrote too. */
export function seededTexts(subject: Person) {
  return {
    bio: `Hi, I am ${subject.name} from the treasury team; ask me about cash forecasting.`,
    ownLearned: `${subject.name} finally understood pivot tables`,
    ownNextStep: 'Automate the weekly cash report before Christmas',
    partnerLearned: `${subject.name} asked sharp questions about prompts`,
    formerLearned: `Working with ${firstName(subject)} was a pleasure`,
  };
}

export function firstName(person: Person): string {
  return person.name.split(' ')[0]!;
}

async function enroll(store: Store, program: Program, person: Person, role: EnrollmentRole, extra: Partial<NewEnrollment> = {}): Promise<Enrollment> {
  return store.saveEnrollment({
    programId: program.id,
    personId: person.id,
    role,
    status: 'approved',
    charterAcceptedAt: new Date('2026-10-01T09:00:00Z'),
    approvedAt: new Date('2026-10-01T09:00:00Z'),
    topics: [{ topic: 'genai-assistants', level: role === 'mentor' ? 4 : 3 }],
    teachBack: role === 'mentee' ? ['strategy', 'negotiation'] : [],
    languages: ['fr', 'en'],
    capacity: 1,
    availability: ['mon-am', 'thu-pm'],
    bio: '',
    department: 'Operations',
    managerEmail: null,
    ...extra,
  });
}

/**
 * Seeds, around the subject: two sign-ups (mentee approved, mentor still pending), an active pair with a
 * held session and a future one, a closed pair with a held session, feedback from everyone (free texts
 * naming the subject), notifications (sent, pending, about them, naming them), audit rows, a Teams
 * conversation reference, a channel reference, exports, a summary, an exclusion and manager links.
 */
export async function seedSubjectData(store: Store, database: Database, cast: Cast, now: Date): Promise<Seeded> {
  const db = database.db;
  const { subject, partner, former, admin, colleague } = cast;
  const program = (await store.findOpenProgram())!;
  const texts = seededTexts(subject);
  const tag = subject.id.slice(0, 8);
  const keys = {
    digest: `seed:digest:${tag}`,
    unrelated: `seed:unrelated:${tag}`,
    ownExport: `seed-own-export-${tag}`,
    adminExport: `seed-admin-export-${tag}`,
    unrelatedExport: `seed-unrelated-export-${tag}`,
  };

  await store.updatePerson(subject.id, { department: 'Treasury' });
  await store.updatePerson(colleague.id, { managerId: subject.id });
  await store.grantRole(program.id, subject.id, 'manager');

  const menteeEnrollment = await enroll(store, program, subject, 'mentee', { bio: texts.bio, department: 'Treasury', managerEmail: 'big.boss@example.com' });
  const mentorEnrollment = await enroll(store, program, subject, 'mentor', { status: 'pending', approvedAt: null, bio: texts.bio, department: 'Treasury' });
  const partnerEnrollment = await enroll(store, program, partner, 'mentor', { bio: 'Twenty years in IT.' });
  const formerEnrollment = await enroll(store, program, former, 'mentor', { bio: 'Data person.' });
  // Someone else named the subject as their manager when signing up.
  await enroll(store, program, colleague, 'mentee', { managerEmail: subject.email!.toUpperCase() });

  const round = await store.saveRoundPreview(program.id, admin.id, { pairs: [], unmatched: [], totalScore: 0, stats: {} } as unknown as MatchResult);
  await store.confirmRound(round.id, admin.id, now);
  const plan = program.settings.defaultPlan;
  const [closed] = await store.insertPairs([
    { programId: program.id, roundId: round.id, mentorEnrollmentId: formerEnrollment.id, menteeEnrollmentId: menteeEnrollment.id, score: 7, reasons: [], plan },
  ]);
  await database.db.execute(sql`UPDATE pairs SET status = 'closed', closed_at = ${new Date(now.getTime() - 30 * 86_400_000).toISOString()} WHERE id = ${closed!.id}`);
  const [active] = await store.insertPairs([
    { programId: program.id, roundId: round.id, mentorEnrollmentId: partnerEnrollment.id, menteeEnrollmentId: menteeEnrollment.id, score: 12, reasons: [{ code: 'other_department', points: 2 }], plan },
  ]);

  const day = 86_400_000;
  const oldSession = await store.createSession({ pairId: closed!.id, topic: 'genai-assistants', startsAt: new Date(now.getTime() - 60 * day), durationMinutes: 45, createdBy: subject.id });
  const held = await store.createSession({ pairId: active!.id, topic: 'genai-assistants', startsAt: new Date(now.getTime() - 7 * day), durationMinutes: 45, createdBy: subject.id });
  const future = await store.createSession({ pairId: active!.id, topic: 'genai-assistants', startsAt: new Date(now.getTime() + 7 * day), durationMinutes: 45, createdBy: partner.id });
  await db.update(sessions).set({ status: 'held' }).where(eq(sessions.id, held.id));
  await db.update(sessions).set({ status: 'held' }).where(eq(sessions.id, oldSession.id));

  await db.insert(feedback).values([
    { sessionId: held.id, pairId: active!.id, personId: subject.id, kind: 'session', happened: true, usefulness: 4, ease: 5, learned: texts.ownLearned, nextStep: texts.ownNextStep, topic: 'genai-assistants' },
    { sessionId: held.id, pairId: active!.id, personId: partner.id, kind: 'session', happened: true, usefulness: 5, ease: 4, learned: texts.partnerLearned, nextStep: 'Share my prompt library' },
    { sessionId: oldSession.id, pairId: closed!.id, personId: subject.id, kind: 'session', happened: true, usefulness: 3, learned: 'Good start', nextStep: null },
    { sessionId: oldSession.id, pairId: closed!.id, personId: former.id, kind: 'session', happened: true, usefulness: 2, learned: texts.formerLearned, nextStep: null },
    { sessionId: null, pairId: closed!.id, personId: subject.id, kind: 'closing', wouldRecommend: true, wouldRepeat: true, learned: `Thanks from ${subject.name}` },
  ]);

  const at = (offsetDays: number) => new Date(now.getTime() + offsetDays * day);
  await store.enqueueNotifications([
    // Sent to the subject in the past, with their name in the payload.
    { recipientId: subject.id, kind: 'pair.intro', payload: { pairId: active!.id, greeting: `Welcome ${subject.name}` }, dueAt: at(-20), dedupeKey: `seed:intro:${active!.id}` },
    // Still to go out: a reminder to each of them about the future session.
    { recipientId: subject.id, kind: 'session.reminder', subject: `session:${future.id}`, payload: { sessionId: future.id }, dueAt: at(6), dedupeKey: `seed:reminder:${future.id}:s` },
    { recipientId: partner.id, kind: 'session.reminder', subject: `session:${future.id}`, payload: { sessionId: future.id }, dueAt: at(6), dedupeKey: `seed:reminder:${future.id}:p` },
    // To the admins about the subject's pending mentor application, naming them.
    { recipientId: admin.id, kind: 'mentor.pending', payload: { enrollmentId: mentorEnrollment.id, preview: `${subject.name} <${subject.email}> wants to mentor` }, dueAt: at(1), dedupeKey: `seed:pending:${mentorEnrollment.id}` },
    // A digest to the admin already sent, quoting the subject's feedback and email but no id of theirs.
    { recipientId: admin.id, kind: 'digest.seed', payload: { quote: texts.ownNextStep, contact: subject.email, lines: [`${subject.userId} signed up`] }, dueAt: at(-2), dedupeKey: keys.digest },
    // Unrelated: must stay as it is.
    { recipientId: colleague.id, kind: 'pause.ended', payload: { enrollmentId: 'unrelated', note: 'nothing about the subject' }, dueAt: at(3), dedupeKey: keys.unrelated },
  ]);
  await db.execute(sql`UPDATE notifications SET status = 'sent', sent_at = due_at, platform_message_id = 'D1:1700000000.0001' WHERE dedupe_key IN (${`seed:intro:${active!.id}`}, ${keys.digest})`);
  await db.execute(sql`UPDATE notifications SET status = 'failed', last_error = ${`user_not_found: ${subject.userId}`} WHERE dedupe_key = ${keys.digest}`);

  await store.audit({ actorId: subject.id, programId: program.id, action: 'enrollment.submitted', targetType: 'enrollment', targetId: menteeEnrollment.id, details: { name: subject.name, bio: texts.bio } });
  await store.audit({ actorId: admin.id, programId: program.id, action: 'mentor.reviewed', targetType: 'enrollment', targetId: mentorEnrollment.id, details: { mentor: subject.name, email: subject.email } });
  await store.audit({ actorId: admin.id, programId: program.id, action: 'export.created', targetType: 'program', targetId: program.id, details: { rows: 5 } });

  await store.saveConversationReference(subject.id, { user: { id: `29:${subject.userId}`, name: subject.name, aadObjectId: subject.userId }, conversation: { id: `a:${subject.userId}` } });
  await db.insert(channelRefs).values({ platform: 'teams', tenantId: subject.tenantId, channelId: '19:general', name: 'General', reference: { user: { name: subject.name, aadObjectId: subject.userId }, conversation: { id: '19:general' } } });
  await db.insert(exports).values([
    { token: keys.ownExport, personId: subject.id, filename: 'tandem-my-data-2026-11-20.json', contentType: 'application/json', content: JSON.stringify({ name: subject.name }), expiresAt: at(1) },
    { token: keys.adminExport, programId: program.id, personId: admin.id, filename: 'enrollments.csv', content: `name,email\n"${subject.name}",${subject.email}\n`, expiresAt: at(1) },
    { token: keys.unrelatedExport, programId: program.id, personId: admin.id, filename: 'sessions.csv', content: 'pair,sessions\n1,3\n', expiresAt: at(1) },
  ]);
  await db.insert(summaries).values({ programId: program.id, kind: 'request', requestedBy: subject.id, figures: { volunteers: 5 } });
  await db.insert(exclusions).values({ programId: program.id, personA: subject.id, personB: colleague.id, createdBy: admin.id });

  return {
    program,
    activePairId: active!.id,
    closedPairId: closed!.id,
    heldSessionId: held.id,
    futureSessionId: future.id,
    menteeEnrollment,
    mentorEnrollment,
    keys,
  };
}

export interface Leftover {
  table: string;
  column: string;
  needle: string;
  rows: number;
}

/**
 * Every text, varchar and JSON column of every table of the schema, read from information_schema (so a
 * table added later is checked too), searched case-insensitively for each needle.
 */
export async function findPersonalData(database: Database, needles: string[]): Promise<Leftover[]> {
  const columns = database.rows<{ table_name: string; column_name: string }>(
    await database.db.execute(sql`
      SELECT c.table_name, c.column_name
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
         AND (c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json') OR c.data_type = 'ARRAY')
       ORDER BY c.table_name, c.column_name`),
  );
  expect(columns.length, 'text columns found in information_schema').toBeGreaterThan(30);
  const found: Leftover[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const pattern = `%${needle.replace(/[\\%_]/g, '\\$&')}%`;
      const [row] = database.rows<{ n: number | string }>(
        await database.db.execute(
          sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)}::text ILIKE ${pattern}`,
        ),
      );
      const rows = Number(row?.n ?? 0);
      if (rows > 0) found.push({ table, column, needle, rows });
    }
  }
  return found;
}

/** The figures summaries are made of: they must not move when someone is erased. */
export async function aggregates(database: Database) {
  const [row] = database.rows<Record<string, string | number | null>>(
    await database.db.execute(sql`
      SELECT (SELECT count(*) FROM sessions) AS sessions,
             (SELECT count(*) FROM sessions WHERE status = 'held') AS held,
             (SELECT count(*) FROM feedback) AS feedback,
             (SELECT count(*) FROM feedback WHERE usefulness IS NOT NULL) AS rated,
             (SELECT coalesce(sum(usefulness), 0) FROM feedback) AS usefulness_sum,
             (SELECT count(*) FROM feedback WHERE would_recommend) AS recommend,
             (SELECT count(*) FROM pairs) AS pairs,
             (SELECT count(*) FROM enrollments) AS enrollments`),
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

export async function personRow(database: Database, id: string) {
  const [row] = await database.db.select().from(people).where(eq(people.id, id));
  return row!;
}
