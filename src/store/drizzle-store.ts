// The Store port implemented with Drizzle, on PGlite or Postgres alike.
import { and, asc, desc, eq, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TopicKit } from '../core/catalogue/types.js';
import type { MatchResult } from '../core/matching/types.js';
import { randomBytes } from 'node:crypto';
import type {
  AuditEntry,
  SessionRecord,
  DeliveryStats,
  NewPair,
  PairRecord,
  PairingRound,
  CurrentPair,
  EnrollmentUpdate,
  NewEnrollment,
  NewNotification,
  NewPerson,
  Notification,
  Store,
} from '../core/ports.js';
import type {
  Enrollment,
  EnrollmentRole,
  EnrollmentStatus,
  Identity,
  Person,
  Program,
  ProgramRole,
  Topic,
} from '../core/types.js';
import { TandemError } from '../core/errors.js';
import { withDefaultSettings } from '../core/program-defaults.js';
import type { Database, Db } from './database.js';
import {
  auditLog,
  enrollments,
  exclusions,
  notifications,
  pairingRounds,
  organizations,
  pairs,
  people,
  programRoles,
  programs,
  sessions,
  teamsConversationRefs,
  topics,
  workspaces,
} from './schema.js';

type PersonRow = typeof people.$inferSelect;
type EnrollmentRow = typeof enrollments.$inferSelect;
type NotificationRow = typeof notifications.$inferSelect;

export class DrizzleStore implements Store {
  constructor(
    private readonly database: Pick<Database, 'rows'>,
    private readonly db: Db,
    private readonly inTransaction = false,
  ) {}

  static from(database: Database): DrizzleStore {
    return new DrizzleStore(database, database.db);
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction((tx) => work(new DrizzleStore(this.database, tx as unknown as Db, true)));
  }

  async findPerson(identity: Identity): Promise<Person | null> {
    const [row] = await this.db
      .select()
      .from(people)
      .where(
        and(
          eq(people.platform, identity.platform),
          eq(people.tenantId, identity.tenantId),
          eq(people.userId, identity.userId),
        ),
      );
    return row ? toPerson(row) : null;
  }

  async getPerson(id: string): Promise<Person | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.select().from(people).where(eq(people.id, id));
    return row ? toPerson(row) : null;
  }

  async findPeopleByEmail(email: string): Promise<Person[]> {
    const rows = await this.db
      .select()
      .from(people)
      .where(sql`lower(${people.email}) = ${email.toLowerCase()}`)
      .orderBy(asc(people.createdAt));
    return rows.map(toPerson);
  }

  async savePerson(person: NewPerson): Promise<Person> {
    const workspaceId = await this.ensureWorkspace(person.platform, person.tenantId);
    const profile = {
      name: person.name,
      email: person.email,
      locale: person.locale,
      timeZone: person.timeZone,
      profileFetchedAt: person.profileFetchedAt,
    };
    const [row] = await this.db
      .insert(people)
      .values({ ...profile, workspaceId, platform: person.platform, tenantId: person.tenantId, userId: person.userId })
      .onConflictDoUpdate({
        target: [people.platform, people.tenantId, people.userId],
        set: { ...profile, updatedAt: sql`now()` },
      })
      .returning();
    return toPerson(row!);
  }

  async updatePerson(
    id: string,
    patch: Partial<Pick<Person, 'department' | 'managerId' | 'timeZone' | 'timeZoneChosen' | 'locale'>>,
  ): Promise<void> {
    await this.db
      .update(people)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(people.id, id));
  }

  async findOpenProgram(): Promise<Program | null> {
    const [row] = await this.db
      .select()
      .from(programs)
      .where(eq(programs.status, 'open'))
      .orderBy(desc(programs.createdAt))
      .limit(1);
    return row ? toProgram(row) : null;
  }

  async getProgram(id: string): Promise<Program | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.select().from(programs).where(eq(programs.id, id));
    return row ? toProgram(row) : null;
  }

  async hasRole(programId: string, personId: string, role: ProgramRole): Promise<boolean> {
    const rows = await this.db
      .select({ role: programRoles.role })
      .from(programRoles)
      .where(and(eq(programRoles.programId, programId), eq(programRoles.personId, personId), eq(programRoles.role, role)));
    return rows.length > 0;
  }

  async grantRole(programId: string, personId: string, role: ProgramRole): Promise<void> {
    await this.db.insert(programRoles).values({ programId, personId, role }).onConflictDoNothing();
  }

  async listRoleHolders(programId: string, role: ProgramRole): Promise<Person[]> {
    const rows = await this.db
      .select({ person: people })
      .from(programRoles)
      .innerJoin(people, eq(people.id, programRoles.personId))
      .where(and(eq(programRoles.programId, programId), eq(programRoles.role, role)))
      .orderBy(asc(people.createdAt));
    return rows.map((r) => toPerson(r.person));
  }

  async listTopics(): Promise<Topic[]> {
    const rows = await this.db
      .select({ slug: topics.slug, name: topics.name, description: topics.description })
      .from(topics)
      .where(eq(topics.active, true))
      .orderBy(asc(topics.position), asc(topics.slug));
    return rows;
  }

  async getTopicKit(slug: string): Promise<TopicKit | null> {
    const [row] = await this.db.select({ kit: topics.kit }).from(topics).where(eq(topics.slug, slug));
    return row?.kit ?? null;
  }

  async listPeople(): Promise<Person[]> {
    const rows = await this.db.select().from(people).orderBy(asc(people.id));
    return rows.map(toPerson);
  }

  async listPairs(programId: string): Promise<PairRecord[]> {
    return this.pairQuery(eq(pairs.programId, programId));
  }

  async getPair(id: string): Promise<PairRecord | null> {
    if (!isUuid(id)) return null;
    const [pair] = await this.pairQuery(eq(pairs.id, id));
    return pair ?? null;
  }

  async listExclusions(programId: string): Promise<[string, string][]> {
    const rows = await this.db.select().from(exclusions).where(eq(exclusions.programId, programId));
    return rows.map((r) => [r.personA, r.personB]);
  }

  async saveRoundPreview(programId: string, createdBy: string, result: MatchResult): Promise<PairingRound> {
    await this.db
      .update(pairingRounds)
      .set({ status: 'superseded' })
      .where(and(eq(pairingRounds.programId, programId), eq(pairingRounds.status, 'preview')));
    const [row] = await this.db.insert(pairingRounds).values({ programId, createdBy, result, status: 'preview' }).returning();
    return toRound(row!);
  }

  async getRound(id: string): Promise<PairingRound | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.select().from(pairingRounds).where(eq(pairingRounds.id, id));
    return row ? toRound(row) : null;
  }

  async confirmRound(id: string, confirmedBy: string, at: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db
      .update(pairingRounds)
      .set({ status: 'confirmed', confirmedAt: at, confirmedBy })
      .where(and(eq(pairingRounds.id, id), eq(pairingRounds.status, 'preview')))
      .returning({ id: pairingRounds.id });
    return rows.length === 1;
  }

  async cancelRound(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db
      .update(pairingRounds)
      .set({ status: 'cancelled' })
      .where(and(eq(pairingRounds.id, id), eq(pairingRounds.status, 'preview')))
      .returning({ id: pairingRounds.id });
    return rows.length === 1;
  }

  async markRoundReported(id: string, at: Date): Promise<void> {
    await this.db.update(pairingRounds).set({ reportedAt: at }).where(eq(pairingRounds.id, id));
  }

  async listUnreportedRounds(): Promise<PairingRound[]> {
    const rows = await this.db
      .select()
      .from(pairingRounds)
      .where(and(eq(pairingRounds.status, 'confirmed'), isNull(pairingRounds.reportedAt)))
      .orderBy(asc(pairingRounds.confirmedAt));
    return rows.map(toRound);
  }

  async insertPairs(rows: NewPair[]): Promise<PairRecord[]> {
    if (rows.length === 0) return [];
    const ids: string[] = [];
    // Chunks keep each statement well under the 65,535 bind parameters of the protocol.
    for (let i = 0; i < rows.length; i += 1000) {
      const inserted = await this.db
        .insert(pairs)
        .values(rows.slice(i, i + 1000).map((r) => ({ ...r, status: 'active' as const })))
        .returning({ id: pairs.id });
      ids.push(...inserted.map((r) => r.id));
    }
    const created: PairRecord[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      created.push(...(await this.pairQuery(inArray(pairs.id, ids.slice(i, i + 1000)))));
    }
    return created;
  }

  async createSession(session: { pairId: string; topic: string | null; startsAt: Date; durationMinutes: number; createdBy: string }): Promise<SessionRecord> {
    const [row] = await this.db
      .insert(sessions)
      .values({ ...session, calendarToken: randomBytes(24).toString('base64url') })
      .returning();
    return toSession(row!);
  }

  async listSessions(pairId: string): Promise<SessionRecord[]> {
    const rows = await this.db.select().from(sessions).where(eq(sessions.pairId, pairId)).orderBy(asc(sessions.startsAt));
    return rows.map(toSession);
  }

  async findNotificationByKey(dedupeKey: string): Promise<(Notification & { platformMessageId: string | null }) | null> {
    const [row] = await this.db.select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey));
    return row ? { ...toNotification(row), platformMessageId: row.platformMessageId } : null;
  }

  async roundDeliveryStats(roundId: string, kinds: string[]): Promise<DeliveryStats> {
    const rows = await this.db
      .select({ status: notifications.status, error: notifications.lastError, count: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.roundId, roundId), inArray(notifications.kind, kinds)))
      .groupBy(notifications.status, notifications.lastError);
    const stats: DeliveryStats = { total: 0, sent: 0, failed: 0, pending: 0, cancelled: 0, failures: [] };
    for (const row of rows) {
      const count = Number(row.count);
      stats.total += count;
      if (row.status === 'sent') stats.sent += count;
      else if (row.status === 'failed') {
        stats.failed += count;
        stats.failures.push({ error: row.error ?? 'unknown', count });
      } else if (row.status === 'cancelled') stats.cancelled += count;
      else stats.pending += count;
    }
    stats.failures.sort((a, b) => b.count - a.count || a.error.localeCompare(b.error));
    return stats;
  }

  private async pairQuery(where: SQL | undefined): Promise<PairRecord[]> {
    const mentor = alias(enrollments, 'mentor_enrollment');
    const mentee = alias(enrollments, 'mentee_enrollment');
    const rows = await this.db
      .select({ pair: pairs, mentorPersonId: mentor.personId, menteePersonId: mentee.personId })
      .from(pairs)
      .innerJoin(mentor, eq(mentor.id, pairs.mentorEnrollmentId))
      .innerJoin(mentee, eq(mentee.id, pairs.menteeEnrollmentId))
      .where(where)
      .orderBy(asc(pairs.createdAt), asc(pairs.id));
    return rows.map(({ pair, mentorPersonId, menteePersonId }) => ({
      id: pair.id,
      programId: pair.programId,
      roundId: pair.roundId,
      mentorEnrollmentId: pair.mentorEnrollmentId,
      menteeEnrollmentId: pair.menteeEnrollmentId,
      mentorPersonId,
      menteePersonId,
      status: pair.status,
      score: pair.score,
      reasons: pair.reasons,
      plan: pair.plan,
      createdAt: pair.createdAt,
    }));
  }

  async findEnrollment(programId: string, personId: string, role: EnrollmentRole): Promise<Enrollment | null> {
    const [row] = await this.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.programId, programId), eq(enrollments.personId, personId), eq(enrollments.role, role)));
    return row ? toEnrollment(row) : null;
  }

  async getEnrollment(id: string, options: { forUpdate?: boolean } = {}): Promise<Enrollment | null> {
    if (!isUuid(id)) return null;
    const query = this.db.select().from(enrollments).where(eq(enrollments.id, id));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row ? toEnrollment(row) : null;
  }

  async lockPerson(personId: string): Promise<void> {
    await this.db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${personId}, 0))`);
  }

  async listEnrollmentsOfPerson(personId: string): Promise<Enrollment[]> {
    const rows = await this.db
      .select()
      .from(enrollments)
      .where(eq(enrollments.personId, personId))
      .orderBy(asc(enrollments.createdAt), asc(enrollments.role));
    return rows.map(toEnrollment);
  }

  async saveEnrollment(input: NewEnrollment): Promise<Enrollment> {
    const details = {
      status: input.status,
      pausedUntil: null,
      topics: input.topics,
      teachBack: input.teachBack,
      languages: input.languages,
      capacity: input.capacity,
      availability: input.availability,
      bio: input.bio,
      department: input.department,
      managerEmail: input.managerEmail,
      charterAcceptedAt: input.charterAcceptedAt,
      approvedAt: input.approvedAt,
    };
    const [row] = await this.db
      .insert(enrollments)
      .values({ ...details, programId: input.programId, personId: input.personId, role: input.role })
      .onConflictDoUpdate({
        target: [enrollments.programId, enrollments.personId, enrollments.role],
        set: { ...details, updatedAt: sql`now()` },
      })
      .returning();
    return toEnrollment(row!);
  }

  async listEnrollments(
    programId: string,
    filter: { role?: EnrollmentRole; status?: EnrollmentStatus } = {},
  ): Promise<Enrollment[]> {
    const conditions = [eq(enrollments.programId, programId)];
    if (filter.role) conditions.push(eq(enrollments.role, filter.role));
    if (filter.status) conditions.push(eq(enrollments.status, filter.status));
    const rows = await this.db
      .select()
      .from(enrollments)
      .where(and(...conditions))
      .orderBy(asc(enrollments.createdAt), asc(enrollments.id));
    return rows.map(toEnrollment);
  }

  async updateEnrollment(id: string, update: EnrollmentUpdate): Promise<Enrollment> {
    const [row] = await this.db
      .update(enrollments)
      .set({ ...update, pausedUntil: update.pausedUntil ?? null, updatedAt: sql`now()` })
      .where(eq(enrollments.id, id))
      .returning();
    if (!row) throw new TandemError('not_found', `enrollment ${id} not found`);
    return toEnrollment(row);
  }

  async findCurrentPair(enrollmentId: string, now: Date): Promise<CurrentPair | null> {
    const [pair] = await this.db
      .select()
      .from(pairs)
      .where(
        and(
          eq(pairs.status, 'active'),
          or(eq(pairs.mentorEnrollmentId, enrollmentId), eq(pairs.menteeEnrollmentId, enrollmentId)),
        ),
      )
      .orderBy(desc(pairs.createdAt))
      .limit(1);
    if (!pair) return null;
    const partnerRole: EnrollmentRole = pair.mentorEnrollmentId === enrollmentId ? 'mentee' : 'mentor';
    const partnerEnrollmentId = partnerRole === 'mentee' ? pair.menteeEnrollmentId : pair.mentorEnrollmentId;
    const [partner] = await this.db
      .select({ person: people })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.personId))
      .where(eq(enrollments.id, partnerEnrollmentId));
    if (!partner) return null;
    const [next] = await this.db
      .select({ startsAt: sessions.startsAt, durationMinutes: sessions.durationMinutes })
      .from(sessions)
      .where(and(eq(sessions.pairId, pair.id), eq(sessions.status, 'scheduled'), gte(sessions.startsAt, now)))
      .orderBy(asc(sessions.startsAt))
      .limit(1);
    return { pairId: pair.id, partner: toPerson(partner.person), partnerRole, nextSession: next ?? null };
  }

  async endPair(pairId: string, at: Date): Promise<void> {
    await this.db.update(pairs).set({ status: 'ended', closedAt: at }).where(and(eq(pairs.id, pairId), eq(pairs.status, 'active')));
    await this.db
      .update(sessions)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(and(eq(sessions.pairId, pairId), eq(sessions.status, 'scheduled'), gte(sessions.startsAt, at)));
  }

  async enqueueNotifications(rows: NewNotification[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey });
  }

  async claimDueNotifications(now: Date, leaseUntil: Date, limit: number, owner: string): Promise<Notification[]> {
    // A row is claimable when due and pending, or when its sender's lease ran out (the sender died).
    const result = await this.db.execute(sql`
      UPDATE ${notifications}
         SET status = 'sending', lease_owner = ${owner}, lease_until = ${leaseUntil.toISOString()}, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM ${notifications}
          WHERE status IN ('pending', 'sending') AND due_at <= ${now.toISOString()}
            AND (status = 'pending' OR lease_until < ${now.toISOString()})
          ORDER BY due_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
      RETURNING id, recipient_id, kind, payload, audience_ids, round_id, subject, due_at, status, attempts, last_error, dedupe_key`);
    return this.database.rows<Record<string, unknown>>(result).map((r) => ({
      id: String(r.id),
      recipientId: String(r.recipient_id),
      kind: String(r.kind),
      payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
      audienceIds: r.audience_ids ? ((typeof r.audience_ids === 'string' ? JSON.parse(r.audience_ids) : r.audience_ids) as string[]) : undefined,
      roundId: (r.round_id as string | null) ?? undefined,
      subject: (r.subject as string | null) ?? undefined,
      dueAt: new Date(r.due_at as string),
      status: r.status as Notification['status'],
      attempts: Number(r.attempts),
      lastError: (r.last_error as string | null) ?? null,
      dedupeKey: String(r.dedupe_key),
    }));
  }

  async markNotificationSent(id: string, platformMessageId: string, at: Date): Promise<void> {
    await this.db
      .update(notifications)
      .set({ status: 'sent', platformMessageId, sentAt: at, leaseOwner: null, leaseUntil: null, lastError: null })
      .where(eq(notifications.id, id));
  }

  async markNotificationAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db
      .update(notifications)
      .set(
        retryAt
          ? { status: 'pending', dueAt: retryAt, lastError: error.slice(0, 1000), leaseOwner: null, leaseUntil: null }
          : { status: 'failed', lastError: error.slice(0, 1000), leaseOwner: null, leaseUntil: null },
      )
      // Only a row still being sent: a replica that took over an expired lease may have sent it meanwhile.
      .where(and(eq(notifications.id, id), eq(notifications.status, 'sending')));
  }

  async releaseNotifications(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(notifications)
      .set({ status: 'pending', leaseOwner: null, leaseUntil: null, attempts: sql`greatest(${notifications.attempts} - 1, 0)` })
      .where(and(inArray(notifications.id, ids), eq(notifications.status, 'sending')));
  }

  async cancelPendingNotifications(subject: string, reason: string, kinds?: string[]): Promise<number> {
    const cancelled = await this.db
      .update(notifications)
      .set({ status: 'cancelled', lastError: reason, leaseOwner: null, leaseUntil: null })
      .where(
        and(
          eq(notifications.subject, subject),
          eq(notifications.status, 'pending'),
          kinds ? inArray(notifications.kind, kinds) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    return cancelled.length;
  }

  async markNotificationCancelled(id: string, reason: string): Promise<void> {
    await this.db
      .update(notifications)
      .set({ status: 'cancelled', lastError: reason, leaseOwner: null, leaseUntil: null })
      .where(eq(notifications.id, id));
  }

  async saveConversationReference(personId: string, reference: Record<string, unknown>): Promise<void> {
    await this.db
      .insert(teamsConversationRefs)
      .values({ personId, reference })
      .onConflictDoUpdate({ target: teamsConversationRefs.personId, set: { reference, updatedAt: sql`now()` } });
  }

  async getConversationReference(personId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db
      .select({ reference: teamsConversationRefs.reference })
      .from(teamsConversationRefs)
      .where(eq(teamsConversationRefs.personId, personId));
    return row?.reference ?? null;
  }

  async findConversationReferenceInTenant(tenantId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db
      .select({ reference: teamsConversationRefs.reference })
      .from(teamsConversationRefs)
      .innerJoin(people, eq(people.id, teamsConversationRefs.personId))
      .where(and(eq(people.platform, 'teams'), eq(people.tenantId, tenantId)))
      .orderBy(desc(teamsConversationRefs.updatedAt))
      .limit(1);
    return row?.reference ?? null;
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({
      actorId: entry.actorId,
      programId: entry.programId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
    });
  }

  /** Notifications of a person, newest first (used by `me` and tests). */
  async listNotifications(filter: { recipientId?: string; kinds?: string[] } = {}): Promise<Notification[]> {
    const conditions = [];
    if (filter.recipientId) conditions.push(eq(notifications.recipientId, filter.recipientId));
    if (filter.kinds?.length) conditions.push(inArray(notifications.kind, filter.kinds));
    const rows = await this.db
      .select()
      .from(notifications)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(asc(notifications.createdAt));
    return rows.map(toNotification);
  }

  private async ensureWorkspace(platform: Identity['platform'], externalId: string): Promise<string> {
    const [existing] = await this.db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
    if (existing) return existing.id;
    const [organization] = await this.db.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.createdAt)).limit(1);
    if (!organization) throw new TandemError('database_error', 'no organization: the database was not seeded');
    await this.db.insert(workspaces).values({ organizationId: organization.id, platform, externalId }).onConflictDoNothing();
    const [row] = await this.db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
    return row!.id;
  }
}

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    platform: row.platform,
    tenantId: row.tenantId,
    userId: row.userId,
    name: row.name,
    email: row.email,
    locale: row.locale,
    timeZone: row.timeZone,
    department: row.department,
    managerId: row.managerId,
    timeZoneChosen: row.timeZoneChosen,
    profileFetchedAt: row.profileFetchedAt,
  };
}

function toProgram(row: typeof programs.$inferSelect): Program {
  return { id: row.id, slug: row.slug, name: row.name, status: row.status, settings: withDefaultSettings(row.settings) };
}

function toEnrollment(row: EnrollmentRow): Enrollment {
  return {
    id: row.id,
    programId: row.programId,
    personId: row.personId,
    role: row.role,
    status: row.status,
    pausedUntil: row.pausedUntil,
    topics: row.topics,
    teachBack: row.teachBack,
    languages: row.languages,
    capacity: row.capacity,
    availability: row.availability,
    bio: row.bio,
    department: row.department,
    managerEmail: row.managerEmail,
    charterAcceptedAt: row.charterAcceptedAt,
    approvedAt: row.approvedAt,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    recipientId: row.recipientId,
    kind: row.kind,
    payload: row.payload,
    audienceIds: row.audienceIds ?? undefined,
    roundId: row.roundId ?? undefined,
    subject: row.subject ?? undefined,
    dueAt: row.dueAt,
    dedupeKey: row.dedupeKey,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
  };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function toRound(row: typeof pairingRounds.$inferSelect): PairingRound {
  return {
    id: row.id,
    programId: row.programId,
    status: row.status,
    createdBy: row.createdBy,
    result: row.result,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    confirmedBy: row.confirmedBy,
    reportedAt: row.reportedAt,
  };
}

function toSession(row: typeof sessions.$inferSelect): SessionRecord {
  return {
    id: row.id,
    pairId: row.pairId,
    topic: row.topic,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    status: row.status,
    calendarToken: row.calendarToken,
  };
}
