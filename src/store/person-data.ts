// Data rights in SQL: one person's complete data (`my-data`) and its erasure (`forget-me`), for DrizzleStore.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ErasureResult, PersonData } from '../core/ports.js';
import type { EnrollmentRole } from '../core/types.js';
import type { Database, Db } from './database.js';
import {
  auditLog,
  enrollments,
  exclusions,
  exports,
  feedback,
  notifications,
  pairs,
  people,
  programRoles,
  programs,
  sessions,
  summaries,
  teamsConversationRefs,
} from './schema.js';

/** What an erased person's name is stored as; messages show `privacy.former_participant` in the reader's language. */
export const ERASED_NAME = 'Former participant';
/** What replaces a scrubbed name, email or text inside other stored text. */
export const SCRUBBED = '[…]';

/** Tables whose text is Tandem's own catalogue, never people's data: the generic scrub leaves them alone. */
const CATALOGUE_TABLES = new Set(['topics']);
/** Tables the erasure handles column by column before the generic scrub. */
const HANDLED_TABLES = new Set(['people', 'exports']);

type Rows = Pick<Database, 'rows'>;

export async function loadPersonData(db: Db, personId: string): Promise<PersonData | null> {
  const [row] = await db.select().from(people).where(eq(people.id, personId));
  if (!row) return null;
  const manager = row.managerId
    ? ((await db.select({ name: people.name, erasedAt: people.erasedAt }).from(people).where(eq(people.id, row.managerId)))[0] ?? null)
    : null;
  const programNames = new Map((await db.select({ id: programs.id, name: programs.name }).from(programs)).map((p) => [p.id, p.name]));
  const programName = (id: string | null) => (id ? (programNames.get(id) ?? id) : null);

  const roles = await db.select().from(programRoles).where(eq(programRoles.personId, personId)).orderBy(asc(programRoles.createdAt));
  const ownEnrollments = await db
    .select()
    .from(enrollments)
    .where(eq(enrollments.personId, personId))
    .orderBy(asc(enrollments.createdAt), asc(enrollments.role));
  const enrollmentIds = ownEnrollments.map((e) => e.id);

  const mentor = alias(enrollments, 'mentor_enrollment');
  const mentee = alias(enrollments, 'mentee_enrollment');
  const mentorPerson = alias(people, 'mentor_person');
  const menteePerson = alias(people, 'mentee_person');
  const pairRows = enrollmentIds.length
    ? await db
        .select({
          pair: pairs,
          mentorPersonId: mentor.personId,
          mentor: { name: mentorPerson.name, erasedAt: mentorPerson.erasedAt },
          mentee: { name: menteePerson.name, erasedAt: menteePerson.erasedAt },
        })
        .from(pairs)
        .innerJoin(mentor, eq(mentor.id, pairs.mentorEnrollmentId))
        .innerJoin(mentee, eq(mentee.id, pairs.menteeEnrollmentId))
        .innerJoin(mentorPerson, eq(mentorPerson.id, mentor.personId))
        .innerJoin(menteePerson, eq(menteePerson.id, mentee.personId))
        .where(or(inArray(pairs.mentorEnrollmentId, enrollmentIds), inArray(pairs.menteeEnrollmentId, enrollmentIds)))
        .orderBy(asc(pairs.createdAt), asc(pairs.id))
    : [];
  const pairIds = pairRows.map((r) => r.pair.id);
  const sessionRows = pairIds.length
    ? await db.select().from(sessions).where(inArray(sessions.pairId, pairIds)).orderBy(asc(sessions.startsAt), asc(sessions.id))
    : [];
  const feedbackRows = await db.select().from(feedback).where(eq(feedback.personId, personId)).orderBy(asc(feedback.createdAt), asc(feedback.id));
  const notificationRows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.recipientId, personId))
    .orderBy(asc(notifications.dueAt), asc(notifications.createdAt), asc(notifications.id));
  const [reference] = await db.select().from(teamsConversationRefs).where(eq(teamsConversationRefs.personId, personId));

  const targetIds = [personId, ...enrollmentIds, ...pairIds];
  const auditRows = await db
    .select()
    .from(auditLog)
    .where(or(eq(auditLog.actorId, personId), inArray(auditLog.targetId, targetIds)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const exclusionRows = await db
    .select()
    .from(exclusions)
    .where(or(eq(exclusions.personA, personId), eq(exclusions.personB, personId)))
    .orderBy(asc(exclusions.createdAt));
  const summaryRows = await db.select().from(summaries).where(eq(summaries.requestedBy, personId)).orderBy(asc(summaries.createdAt));
  const exportRows = await db
    .select({ filename: exports.filename, createdAt: exports.createdAt, expiresAt: exports.expiresAt })
    .from(exports)
    .where(eq(exports.personId, personId))
    .orderBy(asc(exports.createdAt));

  return {
    person: {
      id: row.id,
      platform: row.platform,
      tenantId: row.tenantId,
      userId: row.userId,
      name: row.name,
      email: row.email,
      locale: row.locale,
      timeZone: row.timeZone,
      timeZoneChosen: row.timeZoneChosen,
      department: row.department,
      managerId: row.managerId,
      manager,
      profileFetchedAt: row.profileFetchedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      erasedAt: row.erasedAt,
    },
    programRoles: roles.map((r) => ({ program: programName(r.programId)!, role: r.role, grantedAt: r.createdAt })),
    enrollments: ownEnrollments.map((e) => ({
      id: e.id,
      programId: e.programId,
      program: programName(e.programId)!,
      personId: e.personId,
      role: e.role,
      status: e.status,
      pausedUntil: e.pausedUntil,
      topics: e.topics,
      teachBack: e.teachBack,
      languages: e.languages,
      capacity: e.capacity,
      availability: e.availability,
      bio: e.bio,
      department: e.department,
      managerEmail: e.managerEmail,
      charterAcceptedAt: e.charterAcceptedAt,
      approvedAt: e.approvedAt,
      decidedAt: e.decidedAt,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    })),
    pairs: pairRows.map(({ pair, mentorPersonId, mentor: mentorName, mentee: menteeName }) => {
      const yourRole: EnrollmentRole = mentorPersonId === personId && enrollmentIds.includes(pair.mentorEnrollmentId) ? 'mentor' : 'mentee';
      return {
        id: pair.id,
        program: programName(pair.programId)!,
        yourRole,
        partner: yourRole === 'mentor' ? menteeName : mentorName,
        status: pair.status,
        plan: pair.plan,
        planAgreedAt: pair.planAgreedAt,
        planAgreedByYou: pair.planAgreedBy === personId,
        reasons: pair.reasons,
        createdAt: pair.createdAt,
        endedAt: pair.closedAt,
      };
    }),
    sessions: sessionRows.map((s) => ({
      id: s.id,
      pairId: s.pairId,
      topic: s.topic,
      startsAt: s.startsAt,
      durationMinutes: s.durationMinutes,
      status: s.status,
      scheduledByYou: s.createdBy === personId,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    })),
    feedback: feedbackRows.map((f) => ({
      id: f.id,
      pairId: f.pairId,
      sessionId: f.sessionId,
      kind: f.kind,
      topic: f.topic,
      happened: f.happened,
      usefulness: f.usefulness,
      ease: f.ease,
      learned: f.learned,
      nextStep: f.nextStep,
      adopted: f.adopted,
      wouldRecommend: f.wouldRecommend,
      wouldRepeat: f.wouldRepeat,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
    })),
    notifications: notificationRows.map((n) => ({
      kind: n.kind,
      status: n.status,
      subject: n.subject,
      dueAt: n.dueAt,
      sentAt: n.sentAt,
      createdAt: n.createdAt,
      payload: n.payload,
    })),
    teamsConversationReference: reference?.reference ?? null,
    auditEntries: auditRows.map((a) => ({
      at: a.at,
      action: a.action,
      program: programName(a.programId),
      by: a.actorId === personId ? 'you' : a.actorId === null ? 'tandem' : 'someone_else',
      targetType: a.targetType,
      targetId: a.targetId,
      details: a.details,
    })),
    exclusions: exclusionRows.map((x) => ({ program: programName(x.programId)!, declaredAt: x.createdAt })),
    summariesRequested: summaryRows.map((s) => ({ program: programName(s.programId)!, kind: s.kind, createdAt: s.createdAt })),
    exportsRequested: exportRows,
  };
}

/** Runs inside the caller's transaction (DrizzleStore.erasePerson opens it). */
export async function erasePersonData(db: Db, database: Rows, personId: string, at: Date): Promise<ErasureResult> {
  // The same lock as `lockPerson`: a sign-up or leave of this person in flight finishes first.
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${personId}, 0))`);
  const [person] = await db.select().from(people).where(eq(people.id, personId)).for('update');
  if (!person) return { status: 'not_found', endedPairs: [] };
  if (person.erasedAt) return { status: 'already_erased', endedPairs: [] };

  const own = await db.select().from(enrollments).where(eq(enrollments.personId, personId));
  const enrollmentIds = own.map((e) => e.id);
  const pairRows = enrollmentIds.length
    ? await db
        .select()
        .from(pairs)
        .where(or(inArray(pairs.mentorEnrollmentId, enrollmentIds), inArray(pairs.menteeEnrollmentId, enrollmentIds)))
        .for('update')
    : [];
  const pairIds = pairRows.map((p) => p.id);
  const sessionIds = pairIds.length
    ? (await db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.pairId, pairIds))).map((s) => s.id)
    : [];
  const ownFeedback = await db.select({ learned: feedback.learned, nextStep: feedback.nextStep }).from(feedback).where(eq(feedback.personId, personId));

  const identifiers = [person.email, person.userId].filter((v): v is string => !!v && v.length >= 3);
  const name = person.name.trim().length >= 2 ? person.name.trim() : null;
  // What they wrote, long enough not to be a common word: looked for verbatim in stored messages about them.
  const texts = [...own.map((e) => e.bio), ...ownFeedback.flatMap((f) => [f.learned, f.nextStep])].filter(
    (v): v is string => !!v && v.trim().length >= 8,
  );
  const ids = [personId, ...enrollmentIds, ...pairIds, ...sessionIds];
  const scrubber = new Scrubber({ name, identifiers, texts, ids });

  // Active pairs end now; their future sessions are cancelled (the sequence bump updates calendar files).
  const endedPairs: ErasureResult['endedPairs'] = [];
  for (const pair of pairRows.filter((p) => p.status === 'active')) {
    const partnerRole: EnrollmentRole = enrollmentIds.includes(pair.mentorEnrollmentId) ? 'mentee' : 'mentor';
    const partnerEnrollmentId = partnerRole === 'mentee' ? pair.menteeEnrollmentId : pair.mentorEnrollmentId;
    const [partner] = await db.select({ personId: enrollments.personId }).from(enrollments).where(eq(enrollments.id, partnerEnrollmentId));
    await db.update(pairs).set({ status: 'ended', closedAt: at }).where(eq(pairs.id, pair.id));
    await db
      .update(sessions)
      .set({ status: 'cancelled', sequence: sql`${sessions.sequence} + 1`, updatedAt: sql`now()` })
      .where(and(eq(sessions.pairId, pair.id), eq(sessions.status, 'scheduled'), gte(sessions.startsAt, at)));
    if (partner && partner.personId !== personId) {
      endedPairs.push({ pairId: pair.id, programId: pair.programId, partnerId: partner.personId, partnerRole });
    }
  }

  // Messages still to go out to them or about them will not; a partner's notice that a pair ended still goes.
  const subjects = [...pairIds.map((id) => `pair:${id}`), ...sessionIds.map((id) => `session:${id}`)];
  await db
    .update(notifications)
    .set({ status: 'cancelled', lastError: 'person erased', leaseOwner: null, leaseUntil: null })
    .where(
      and(
        eq(notifications.status, 'pending'),
        or(
          eq(notifications.recipientId, personId),
          and(
            ne(notifications.kind, 'pair.ended'),
            or(
              sql`${notifications.audienceIds} ? ${personId}`,
              subjects.length ? inArray(notifications.subject, subjects) : undefined,
              sql`${notifications.payload}::text LIKE ANY(${pgArray(ids.map((id) => likePattern(id.toLowerCase())))})`,
            ),
          ),
        ),
      ),
    );

  // Sign-ups: withdrawn, what they wrote cleared; topics, languages and availability stay for the statistics.
  await db
    .update(enrollments)
    .set({ status: 'withdrawn', pausedUntil: null, bio: '', teachBack: [], department: null, managerEmail: null, updatedAt: sql`now()` })
    .where(eq(enrollments.personId, personId));

  // Feedback: their comments cleared, the numeric answers kept so aggregates keep their counts.
  await db.update(feedback).set({ learned: null, nextStep: null, updatedAt: sql`now()` }).where(eq(feedback.personId, personId));
  // Their partners' comments may name them: the name goes, the rest of the comment stays.
  if (pairIds.length) {
    const partnerFeedback = await db
      .select({ id: feedback.id, learned: feedback.learned, nextStep: feedback.nextStep })
      .from(feedback)
      .where(and(inArray(feedback.pairId, pairIds), or(ne(feedback.personId, personId), sql`${feedback.personId} IS NULL`)));
    for (const row of partnerFeedback) {
      const learned = row.learned === null ? null : scrubber.partnerText(row.learned);
      const nextStep = row.nextStep === null ? null : scrubber.partnerText(row.nextStep);
      if (learned !== row.learned || nextStep !== row.nextStep) {
        await db.update(feedback).set({ learned, nextStep }).where(eq(feedback.id, row.id));
      }
    }
  }

  // Other people's links to them.
  await db.update(people).set({ managerId: null, updatedAt: sql`now()` }).where(eq(people.managerId, personId));
  if (person.email) {
    await db.update(enrollments).set({ managerEmail: null }).where(sql`lower(${enrollments.managerEmail}) = ${person.email.toLowerCase()}`);
  }
  await db.delete(programRoles).where(eq(programRoles.personId, personId));
  await db.delete(teamsConversationRefs).where(eq(teamsConversationRefs.personId, personId));
  // Files they asked for (their `my-data` copy, an admin's CSV) and any other file that names them: all regenerable.
  const named = [...identifiers, ...(name ? [name] : [])].map(likePattern);
  await db.delete(exports).where(or(eq(exports.personId, personId), named.length ? sql`${exports.content} ILIKE ANY(${pgArray(named)})` : undefined));

  await scrubEverywhere(db, database, scrubber, personId);

  await db
    .update(people)
    .set({
      name: ERASED_NAME,
      email: null,
      department: null,
      userId: `erased-${randomUUID()}`,
      managerId: null,
      timeZone: 'UTC',
      timeZoneChosen: false,
      profileFetchedAt: new Date(0),
      erasedAt: at,
      updatedAt: sql`now()`,
    })
    .where(eq(people.id, personId));

  return { status: 'erased', endedPairs };
}

/**
 * Every other text and JSON column of the schema, found in information_schema so a table added later is
 * covered too: their email and platform id go wherever they appear; their name and what they wrote go from
 * rows that are about them (rows naming one of their ids, their email or platform id, or addressed to them)
 * — a colleague with the same name keeps theirs.
 */
async function scrubEverywhere(db: Db, database: Rows, scrubber: Scrubber, personId: string): Promise<void> {
  const columns = database.rows<{ table_name: string; column_name: string; data_type: string }>(
    await db.execute(sql`
      SELECT c.table_name, c.column_name, c.data_type
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
         AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
       ORDER BY c.table_name, c.ordinal_position`),
  );
  const patterns = pgArray(scrubber.searchPatterns());
  const tables = new Map<string, { name: string; json: boolean }[]>();
  for (const column of columns) {
    if (CATALOGUE_TABLES.has(column.table_name) || HANDLED_TABLES.has(column.table_name)) continue;
    const list = tables.get(column.table_name) ?? [];
    list.push({ name: column.column_name, json: column.data_type === 'jsonb' || column.data_type === 'json' });
    tables.set(column.table_name, list);
  }
  // One scan per table; a row is about them when any of its columns carries one of their ids, their email or
  // platform id, or when it is addressed to them or done by them.
  for (const [tableName, cols] of tables) {
    const table = sql.identifier(tableName);
    const addressed =
      tableName === 'notifications' ? sql` OR recipient_id = ${personId}` : tableName === 'audit_log' ? sql` OR actor_id = ${personId}` : sql``;
    // All the row's text in one lower-cased string, matched once per needle: the cheapest full scan on both engines.
    const rowText = sql.join(
      cols.map((c) => sql`${sql.identifier(c.name)}::text`),
      sql`, `,
    );
    const selected = sql.join(
      cols.map((c, i) => sql`${sql.identifier(c.name)} AS ${sql.identifier(`c${i}`)}`),
      sql`, `,
    );
    const found = database.rows<Record<string, unknown> & { row_ref: string; addressed: boolean }>(
      await db.execute(sql`
        SELECT ctid::text AS row_ref, (false${addressed}) AS addressed, ${selected}
          FROM ${table}
         WHERE lower(concat_ws(chr(1), ${rowText})) LIKE ANY(${patterns})${addressed}
           FOR UPDATE`),
    );
    for (const row of found) {
      const values = cols.map((c, i) => {
        const value = row[`c${i}`];
        return c.json && typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
      });
      const about = row.addressed === true || scrubber.mentions(JSON.stringify(values));
      const changes: SQL[] = [];
      cols.forEach((c, i) => {
        const value = values[i];
        if (value === null || value === undefined) return;
        if (c.json) {
          const cleaned = JSON.stringify(scrubber.json(value, about));
          if (cleaned !== JSON.stringify(value)) changes.push(sql`${sql.identifier(c.name)} = ${cleaned}::jsonb`);
        } else {
          const cleaned = scrubber.text(String(value), about);
          if (cleaned !== String(value)) changes.push(sql`${sql.identifier(c.name)} = ${cleaned}`);
        }
      });
      if (changes.length > 0) await db.execute(sql`UPDATE ${table} SET ${sql.join(changes, sql`, `)} WHERE ctid = ${row.row_ref}::tid`);
    }
  }
}

/** Finds and removes one person's name, email, platform id and texts inside other text. */
class Scrubber {
  private readonly identifierRes: RegExp[];
  private readonly nameRe: RegExp | null;
  private readonly nameTokenRes: RegExp[];
  private readonly textRes: RegExp[];
  private readonly idsLower: string[];

  constructor(private readonly needles: { name: string | null; identifiers: string[]; texts: string[]; ids: string[] }) {
    this.identifierRes = needles.identifiers.map((v) => wordRe(v));
    this.nameRe = needles.name ? wordRe(needles.name) : null;
    const tokens = needles.name ? needles.name.split(/[\s,]+/).filter((w) => w.length >= 3) : [];
    this.nameTokenRes = tokens.length > 1 ? tokens.map((w) => wordRe(w)) : [];
    this.textRes = needles.texts.map((v) => new RegExp(escapeRe(v.trim()), 'giu'));
    this.idsLower = needles.ids.map((id) => id.toLowerCase());
  }

  /**
   * Lower-case LIKE patterns that find the rows about them: their ids, email and platform id. Their name and
   * texts are scrubbed from those rows only (and from rows addressed to them), so they need no pattern.
   */
  searchPatterns(): string[] {
    const values = [...this.needles.ids, ...this.needles.identifiers];
    // JSON columns read as text show quotes and backslashes escaped.
    const escaped = values.map((v) => JSON.stringify(v).slice(1, -1)).filter((v, i) => v !== values[i]);
    return [...values, ...escaped].map((v) => likePattern(v.toLowerCase()));
  }

  /** Whether stored text is about them: it carries one of their ids, their email or platform id. */
  mentions(value: string): boolean {
    const lower = value.toLowerCase();
    return this.idsLower.some((id) => lower.includes(id)) || this.identifierRes.some((re) => matches(re, value));
  }

  text(value: string, about: boolean): string {
    let out = value;
    for (const re of this.identifierRes) out = out.replace(re, SCRUBBED);
    if (about) {
      for (const re of this.textRes) out = out.replace(re, SCRUBBED);
      if (this.nameRe) out = out.replace(this.nameRe, SCRUBBED);
    }
    return out;
  }

  /** A partner's comment about their sessions together: the full name, and each part of it, go. */
  partnerText(value: string): string {
    let out = this.text(value, true);
    for (const re of this.nameTokenRes) out = out.replace(re, SCRUBBED);
    return out;
  }

  json(value: unknown, about: boolean): unknown {
    if (typeof value === 'string') return this.text(value, about);
    if (Array.isArray(value)) return value.map((v) => this.json(v, about));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.json(v, about)]));
    }
    return value;
  }
}

function escapeRe(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The value as a whole word (not inside a longer one), any case. */
function wordRe(value: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRe(value.trim())}(?![\\p{L}\\p{N}_])`, 'giu');
}

function matches(re: RegExp, value: string): boolean {
  re.lastIndex = 0;
  const found = re.test(value);
  re.lastIndex = 0;
  return found;
}

/** `%value%` for ILIKE, with LIKE's own wildcards taken literally. */
function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, '\\$&')}%`;
}

/** A text[] parameter that works the same on postgres.js and PGlite. */
function pgArray(values: string[]) {
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}::text`),
    sql`, `,
  )}]::text[]`;
}
