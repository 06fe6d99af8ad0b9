// The Store port implemented with Drizzle, on PGlite or Postgres alike.
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TopicKit } from '../core/catalogue/types.js';
import type { MatchResult } from '../core/matching/types.js';
import { randomBytes } from 'node:crypto';
import type {
  AtRiskPair,
  AuditEntry,
  ErasureResult,
  PersonData,
  AuditRecord,
  ExportFile,
  NewExportFile,
  ProgramExportData,
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
  ChannelRef,
  SummaryData,
  SummaryOptions,
  SummaryRecord,
} from '../core/ports.js';
import type { FailedNotification } from '../core/ports.js';
import type { EndedSession, FeedbackAnswer, FeedbackKind, FeedbackRecord, HeldSession, PairActivity, QuietPair, SessionAnswer } from '../core/ports.js';
import type {
  Enrollment,
  EnrollmentRole,
  EnrollmentStatus,
  Identity,
  Person,
  Platform,
  Program,
  ProgramRole,
  ProgramSettings,
  ProgramStatus,
  SessionPlan,
  Topic,
} from '../core/types.js';
import { TandemError } from '../core/errors.js';
import { withDefaultSettings } from '../core/program-defaults.js';
import type { Database, Db } from './database.js';
import { erasePersonData, loadPersonData } from './person-data.js';
import {
  auditLog,
  channelRefs,
  enrollments,
  exclusions,
  exports,
  feedback,
  notifications,
  pairingRounds,
  organizations,
  pairs,
  people,
  programRoles,
  programs,
  sessions,
  summaries,
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

  async grantRole(programId: string, personId: string, role: ProgramRole, grantedBy: string | null = null): Promise<void> {
    await this.db.insert(programRoles).values({ programId, personId, role, grantedBy }).onConflictDoNothing();
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
      planAgreedAt: pair.planAgreedAt,
      planAgreedBy: pair.planAgreedBy,
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
    // Most of a claim's time on a server is the commit's WAL flush. A claim need not wait for it: if a
    // server crash loses it, its rows are simply pending again — the same at-least-once as a sender
    // dying after its claim. Sent/failed marks keep the default (durable) commit.
    const claim = claimStatement(now, leaseUntil, limit, owner);
    const result = this.inTransaction
      ? await this.db.execute(claim)
      : await this.db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL synchronous_commit TO OFF`);
          return tx.execute(claim);
        });
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

  async markNotificationSent(id: string, platformMessageId: string, at: Date, owner: string): Promise<boolean> {
    const updated = await this.db
      .update(notifications)
      .set({ status: 'sent', platformMessageId, sentAt: at, leaseOwner: null, leaseUntil: null, lastError: null })
      .where(leasedTo(id, owner))
      .returning({ id: notifications.id });
    return updated.length > 0;
  }

  async markNotificationAttemptFailed(id: string, error: string, retryAt: Date | null, owner: string): Promise<boolean> {
    const updated = await this.db
      .update(notifications)
      .set(
        retryAt
          ? { status: 'pending', dueAt: retryAt, lastError: error.slice(0, 1000), leaseOwner: null, leaseUntil: null }
          : { status: 'failed', lastError: error.slice(0, 1000), leaseOwner: null, leaseUntil: null },
      )
      .where(leasedTo(id, owner))
      .returning({ id: notifications.id });
    return updated.length > 0;
  }

  async releaseNotifications(ids: string[], owner: string): Promise<number> {
    if (ids.length === 0) return 0;
    const released = await this.db
      .update(notifications)
      .set({ status: 'pending', leaseOwner: null, leaseUntil: null, attempts: sql`greatest(${notifications.attempts} - 1, 0)` })
      .where(and(inArray(notifications.id, ids), eq(notifications.status, 'sending'), eq(notifications.leaseOwner, owner)))
      .returning({ id: notifications.id });
    return released.length;
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

  async markNotificationCancelled(id: string, reason: string, owner?: string): Promise<boolean> {
    const updated = await this.db
      .update(notifications)
      .set({ status: 'cancelled', lastError: reason, leaseOwner: null, leaseUntil: null })
      .where(owner === undefined ? and(eq(notifications.id, id), eq(notifications.status, 'pending')) : leasedTo(id, owner))
      .returning({ id: notifications.id });
    return updated.length > 0;
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

  // Data rights (GDPR: `my-data`, `forget-me`, `admin forget`) — the SQL lives in person-data.ts ------
  async exportPersonData(personId: string): Promise<PersonData | null> {
    if (!isUuid(personId)) return null;
    return loadPersonData(this.db, personId);
  }

  async erasePerson(personId: string, at: Date): Promise<ErasureResult> {
    if (!isUuid(personId)) return { status: 'not_found', endedPairs: [] };
    return this.transaction((tx) => erasePersonData((tx as DrizzleStore).db, this.database, personId, at));
  }

  // Programs & roles (admin oversight) ------------------------------------------------------------

  async findCurrentProgram(): Promise<Program | null> {
    const [row] = await this.db
      .select()
      .from(programs)
      .where(ne(programs.status, 'archived'))
      .orderBy(desc(programs.createdAt), desc(programs.id))
      .limit(1);
    return row ? toProgram(row) : null;
  }

  async listPrograms(): Promise<Program[]> {
    const rows = await this.db.select().from(programs).orderBy(desc(programs.createdAt), desc(programs.id));
    return rows.map(toProgram);
  }

  async createProgram(input: { name: string; status: ProgramStatus; settings: ProgramSettings }): Promise<Program> {
    let [organization] = await this.db.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.createdAt)).limit(1);
    if (!organization) [organization] = await this.db.insert(organizations).values({ name: 'Tandem' }).returning({ id: organizations.id });
    const base = slugify(input.name);
    const taken = new Set(
      (await this.db.select({ slug: programs.slug }).from(programs).where(sql`${programs.slug} like ${`${base}%`}`)).map((r) => r.slug),
    );
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    const [row] = await this.db
      .insert(programs)
      .values({ organizationId: organization!.id, slug, name: input.name, status: input.status, settings: input.settings })
      .returning();
    return toProgram(row!);
  }

  async setProgramStatus(id: string, from: ProgramStatus[], to: ProgramStatus): Promise<boolean> {
    if (!isUuid(id) || from.length === 0) return false;
    const rows = await this.db
      .update(programs)
      .set({ status: to, updatedAt: sql`now()` })
      .where(and(eq(programs.id, id), inArray(programs.status, from)))
      .returning({ id: programs.id });
    return rows.length > 0;
  }

  async updateProgramSettings(id: string, patch: Partial<ProgramSettings>): Promise<Program> {
    const [row] = await this.db
      .update(programs)
      .set({ settings: sql`${programs.settings} || ${JSON.stringify(patch)}::jsonb`, updatedAt: sql`now()` })
      .where(eq(programs.id, id))
      .returning();
    if (!row) throw new TandemError('not_found', `program ${id} not found`);
    return toProgram(row);
  }

  async lockProgram(id: string): Promise<void> {
    await this.db.select({ id: programs.id }).from(programs).where(eq(programs.id, id)).for('update');
  }

  async revokeRole(programId: string, personId: string, role: ProgramRole): Promise<boolean> {
    const rows = await this.db
      .delete(programRoles)
      .where(and(eq(programRoles.programId, programId), eq(programRoles.personId, personId), eq(programRoles.role, role)))
      .returning({ personId: programRoles.personId });
    return rows.length > 0;
  }

  async listAuditEntries(filter: { programId?: string; action?: string } = {}): Promise<AuditRecord[]> {
    const conditions: SQL[] = [];
    if (filter.programId) conditions.push(eq(auditLog.programId, filter.programId));
    if (filter.action) conditions.push(eq(auditLog.action, filter.action));
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(asc(auditLog.id));
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actorId,
      programId: row.programId,
      action: row.action,
      targetType: row.targetType ?? undefined,
      targetId: row.targetId,
      details: row.details,
    }));
  }

  // Sessions (plan, scheduling, calendar files) ---------------------------------------------------

  async getSession(id: string): Promise<SessionRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.select().from(sessions).where(eq(sessions.id, id));
    return row ? toSession(row) : null;
  }

  async getSessionByToken(token: string): Promise<SessionRecord | null> {
    const [row] = await this.db.select().from(sessions).where(eq(sessions.calendarToken, token));
    return row ? toSession(row) : null;
  }

  async rescheduleSession(
    id: string,
    change: { startsAt: Date; durationMinutes: number; topic: string | null },
    expectedSequence: number,
  ): Promise<SessionRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db
      .update(sessions)
      .set({ ...change, sequence: sql`${sessions.sequence} + 1`, updatedAt: sql`now()` })
      .where(and(eq(sessions.id, id), eq(sessions.status, 'scheduled'), eq(sessions.sequence, expectedSequence)))
      .returning();
    return row ? toSession(row) : null;
  }

  async cancelSession(id: string, expectedSequence: number): Promise<SessionRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db
      .update(sessions)
      .set({ status: 'cancelled', sequence: sql`${sessions.sequence} + 1`, updatedAt: sql`now()` })
      .where(and(eq(sessions.id, id), eq(sessions.status, 'scheduled'), eq(sessions.sequence, expectedSequence)))
      .returning();
    return row ? toSession(row) : null;
  }

  async savePlan(pairId: string, plan: SessionPlan, agreedBy: string, at: Date): Promise<boolean> {
    if (!isUuid(pairId)) return false;
    const rows = await this.db
      .update(pairs)
      .set({ plan, planAgreedAt: at, planAgreedBy: agreedBy })
      .where(and(eq(pairs.id, pairId), eq(pairs.status, 'active')))
      .returning({ id: pairs.id });
    return rows.length === 1;
  }

  async listActivePairsOfPerson(personId: string): Promise<PairRecord[]> {
    if (!isUuid(personId)) return [];
    const mine = this.db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.personId, personId));
    return this.pairQuery(
      and(eq(pairs.status, 'active'), or(inArray(pairs.mentorEnrollmentId, mine), inArray(pairs.menteeEnrollmentId, mine))),
    );
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

  // Pair oversight (at-risk pairs, exports) -------------------------------------------------------

  async listAtRiskPairs(
    programId: string,
    now: Date,
    silentSince: Date,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; pairs: AtRiskPair[] }> {
    // One statement: each active pair's last activity, computed set-based, filtered and paged in SQL.
    const result = await this.db.execute(sql`
      WITH activity AS (
        SELECT p.id, p.created_at, p.mentor_enrollment_id, p.mentee_enrollment_id,
               greatest(p.created_at,
                        max(s.starts_at + make_interval(mins => s.duration_minutes)) FILTER (WHERE s.status IN ('held', 'missed')),
                        max(s.created_at)) AS last_activity,
               count(s.id) FILTER (WHERE s.status = 'held') AS held
          FROM ${pairs} p
          LEFT JOIN ${sessions} s ON s.pair_id = p.id
         WHERE p.program_id = ${programId} AND p.status = 'active'
         GROUP BY p.id
        HAVING count(s.id) FILTER (WHERE s.status = 'scheduled' AND s.starts_at > ${now.toISOString()}) = 0
      )
      SELECT a.id, a.created_at, a.last_activity, a.held, count(*) OVER () AS total,
             mentor.id AS mentor_enrollment_id, mentor.person_id AS mentor_person_id, mentor_person.name AS mentor_name,
             mentee.id AS mentee_enrollment_id, mentee.person_id AS mentee_person_id, mentee_person.name AS mentee_name
        FROM activity a
        JOIN ${enrollments} mentor ON mentor.id = a.mentor_enrollment_id
        JOIN ${people} mentor_person ON mentor_person.id = mentor.person_id
        JOIN ${enrollments} mentee ON mentee.id = a.mentee_enrollment_id
        JOIN ${people} mentee_person ON mentee_person.id = mentee.person_id
       WHERE a.last_activity <= ${silentSince.toISOString()}
       ORDER BY a.last_activity, a.id
       LIMIT ${page.limit} OFFSET ${page.offset}`);
    const rows = this.database.rows<Record<string, unknown>>(result);
    if (rows.length === 0 && page.offset > 0) {
      // Past the end (the list shrank since the page was shown): the total still tells the caller.
      const { total } = await this.listAtRiskPairs(programId, now, silentSince, { limit: 1, offset: 0 });
      return { total, pairs: [] };
    }
    return {
      total: Number(rows[0]?.total ?? 0),
      pairs: rows.map((r) => ({
        pairId: String(r.id),
        mentor: { personId: String(r.mentor_person_id), enrollmentId: String(r.mentor_enrollment_id), name: String(r.mentor_name) },
        mentee: { personId: String(r.mentee_person_id), enrollmentId: String(r.mentee_enrollment_id), name: String(r.mentee_name) },
        createdAt: new Date(r.created_at as string),
        lastActivity: new Date(r.last_activity as string),
        heldSessions: Number(r.held),
      })),
    };
  }

  async loadProgramExport(programId: string): Promise<ProgramExportData> {
    const pairRows = await this.pairQuery(eq(pairs.programId, programId));
    const pairDates = new Map(
      (await this.db.select({ id: pairs.id, closedAt: pairs.closedAt, planAgreedAt: pairs.planAgreedAt }).from(pairs).where(eq(pairs.programId, programId))).map(
        (row) => [row.id, row],
      ),
    );
    const sessionRows = await this.db
      .select({ session: sessions })
      .from(sessions)
      .innerJoin(pairs, eq(pairs.id, sessions.pairId))
      .where(eq(pairs.programId, programId))
      .orderBy(asc(sessions.startsAt), asc(sessions.id));
    const aggregates = await this.db.execute(sql`
      SELECT f.pair_id, coalesce(f.topic, s.topic) AS topic,
             count(*) AS answers, count(DISTINCT f.person_id) AS respondents,
             count(*) FILTER (WHERE f.happened) AS happened_yes, count(*) FILTER (WHERE f.happened = false) AS happened_no,
             count(f.usefulness) AS usefulness_count, avg(f.usefulness)::float8 AS usefulness_avg, avg(f.ease)::float8 AS ease_avg,
             count(*) FILTER (WHERE f.adopted) AS adopted_yes, count(*) FILTER (WHERE f.adopted = false) AS adopted_no,
             count(*) FILTER (WHERE f.would_recommend) AS recommend_yes, count(*) FILTER (WHERE f.would_recommend = false) AS recommend_no
        FROM ${feedback} f
        JOIN ${pairs} p ON p.id = f.pair_id
        LEFT JOIN ${sessions} s ON s.id = f.session_id
       WHERE p.program_id = ${programId}
       GROUP BY f.pair_id, coalesce(f.topic, s.topic)
       ORDER BY f.pair_id, coalesce(f.topic, s.topic) NULLS LAST`);
    const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
    return {
      pairs: pairRows.map((pair) => ({ ...pair, closedAt: pairDates.get(pair.id)?.closedAt ?? null, planAgreedAt: pairDates.get(pair.id)?.planAgreedAt ?? null })),
      sessions: sessionRows.map(({ session }) => ({ ...toSession(session), createdAt: session.createdAt })),
      feedback: this.database.rows<Record<string, unknown>>(aggregates).map((r) => ({
        pairId: String(r.pair_id),
        topic: (r.topic as string | null) ?? null,
        answers: Number(r.answers),
        respondents: Number(r.respondents),
        happenedYes: Number(r.happened_yes),
        happenedNo: Number(r.happened_no),
        usefulnessCount: Number(r.usefulness_count),
        usefulnessAverage: nullableNumber(r.usefulness_avg),
        easeAverage: nullableNumber(r.ease_avg),
        adoptedYes: Number(r.adopted_yes),
        adoptedNo: Number(r.adopted_no),
        wouldRecommendYes: Number(r.recommend_yes),
        wouldRecommendNo: Number(r.recommend_no),
      })),
    };
  }

  async saveExport(file: NewExportFile): Promise<void> {
    await this.db.insert(exports).values(file);
  }

  async findExport(token: string): Promise<ExportFile | null> {
    const [row] = await this.db.select().from(exports).where(eq(exports.token, token));
    if (!row || !row.personId) return null;
    return {
      token: row.token,
      programId: row.programId,
      personId: row.personId,
      filename: row.filename,
      contentType: row.contentType,
      content: row.content,
      expiresAt: row.expiresAt,
      createdAt: row.createdAt,
    };
  }

  async purgeExpiredExports(now: Date): Promise<number> {
    const deleted = await this.db.delete(exports).where(lte(exports.expiresAt, now)).returning({ id: exports.id });
    return deleted.length;
  }

  async dismissFailedNotification(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db
      .update(notifications)
      .set({ status: 'cancelled' })
      .where(and(eq(notifications.id, id), eq(notifications.status, 'failed')))
      .returning({ id: notifications.id });
    return rows.length === 1;
  }

  // Summary (program figures, trend, weekly digest channel) -------------------------------------------

  async summaryData(programId: string, options: SummaryOptions): Promise<SummaryData> {
    const now = options.now.toISOString();
    const cutoff = new Date(options.now.getTime() - options.atRiskDays * 86_400_000).toISOString();
    const ofProgram = sql`${sessions} s JOIN ${pairs} p ON p.id = s.pair_id AND p.program_id = ${programId}`;
    const [enrollmentRows, pairRows, feedbackRows, topicRows, demandRows, weekRows] = await Promise.all([
      this.db.execute(sql`
        SELECT role, status, count(*)::int AS count FROM ${enrollments} WHERE program_id = ${programId} GROUP BY role, status`),
      // Per pair: its sessions and last activity (as listAtRiskPairs), then the program's totals.
      this.db.execute(sql`
        WITH per_pair AS (
          SELECT p.status,
                 count(s.id) FILTER (WHERE s.status = 'held') AS held,
                 count(s.id) FILTER (WHERE s.status = 'scheduled') AS scheduled,
                 count(s.id) FILTER (WHERE s.status = 'missed') AS missed,
                 count(s.id) FILTER (WHERE s.status = 'scheduled' AND s.starts_at > ${now}) AS upcoming,
                 greatest(p.created_at,
                          max(s.starts_at + make_interval(mins => s.duration_minutes)) FILTER (WHERE s.status IN ('held', 'missed')),
                          max(s.created_at)) AS last_activity
            FROM ${pairs} p
            LEFT JOIN ${sessions} s ON s.pair_id = p.id
           WHERE p.program_id = ${programId}
           GROUP BY p.id)
        SELECT count(*) FILTER (WHERE status = 'active')::int AS active,
               count(*) FILTER (WHERE status = 'closed')::int AS closed,
               count(*) FILTER (WHERE status = 'ended')::int AS ended,
               count(*) FILTER (WHERE status = 'active' AND upcoming = 0 AND last_activity <= ${cutoff})::int AS at_risk,
               coalesce(sum(held), 0)::int AS held,
               coalesce(sum(scheduled), 0)::int AS scheduled,
               coalesce(sum(missed), 0)::int AS missed
          FROM per_pair`),
      // Per person first (one hash aggregate), then totals: no count(DISTINCT), which sorts.
      this.db.execute(sql`
        WITH per_person AS (
          SELECT f.person_id,
                 count(*) FILTER (WHERE f.kind = 'session' AND s.id IS NOT NULL) AS answers,
                 sum(f.usefulness) FILTER (WHERE f.kind = 'session') AS usefulness_sum,
                 count(f.usefulness) FILTER (WHERE f.kind = 'session') AS usefulness_count,
                 count(*) FILTER (WHERE f.kind = 'adoption' AND f.adopted) AS adoption_yes,
                 count(f.adopted) FILTER (WHERE f.kind = 'adoption') AS adoption_answered
            FROM ${feedback} f
            JOIN ${pairs} p ON p.id = f.pair_id AND p.program_id = ${programId}
            LEFT JOIN ${sessions} s ON s.id = f.session_id AND s.status = 'held'
           GROUP BY f.person_id)
        SELECT coalesce(sum(answers), 0)::int AS answers,
               count(*) FILTER (WHERE person_id IS NOT NULL AND answers > 0)::int AS respondents,
               coalesce(sum(usefulness_sum), 0)::int AS usefulness_sum,
               coalesce(sum(usefulness_count), 0)::int AS usefulness_count,
               count(*) FILTER (WHERE person_id IS NOT NULL AND usefulness_count > 0)::int AS usefulness_respondents,
               coalesce(sum(adoption_yes), 0)::int AS adoption_yes,
               coalesce(sum(adoption_answered), 0)::int AS adoption_answered,
               count(*) FILTER (WHERE person_id IS NOT NULL AND adoption_answered > 0)::int AS adoption_respondents
          FROM per_person`),
      this.db.execute(sql`
        WITH per_mentee AS (
          SELECT s.topic, p.mentee_enrollment_id, count(*) AS sessions
            FROM ${ofProgram}
           WHERE s.status = 'held' AND s.topic IS NOT NULL
           GROUP BY s.topic, p.mentee_enrollment_id)
        SELECT topic, sum(sessions)::int AS sessions, count(*)::int AS mentees
          FROM per_mentee
         GROUP BY topic
         ORDER BY sessions DESC, topic
         LIMIT 20`),
      this.db.execute(sql`
        SELECT choice->>'topic' AS topic, count(DISTINCT e.id)::int AS mentees
          FROM ${enrollments} e, jsonb_array_elements(e.topics) AS choice
         WHERE e.program_id = ${programId} AND e.role = 'mentee' AND e.status IN ('pending', 'approved', 'paused')
         GROUP BY 1
         ORDER BY mentees DESC, topic
         LIMIT 20`),
      this.db.execute(sql`
        SELECT to_char(date_trunc('week', s.starts_at AT TIME ZONE ${options.timeZone}), 'YYYY-MM-DD') AS week, count(*)::int AS held
          FROM ${ofProgram}
         WHERE s.status = 'held'
           AND s.starts_at >= (${options.chartFrom}::date::timestamp AT TIME ZONE ${options.timeZone})
           AND s.starts_at <= ${now}
         GROUP BY 1
         ORDER BY 1`),
    ]);
    const num = (value: unknown) => Number(value ?? 0);
    const totals = this.database.rows<Record<string, unknown>>(pairRows)[0] ?? {};
    const answers = this.database.rows<Record<string, unknown>>(feedbackRows)[0] ?? {};
    return {
      enrollments: this.database.rows<Record<string, unknown>>(enrollmentRows).map((r) => ({
        role: r.role as EnrollmentRole,
        status: r.status as EnrollmentStatus,
        count: num(r.count),
      })),
      pairs: { active: num(totals.active), closed: num(totals.closed), ended: num(totals.ended), atRisk: num(totals.at_risk) },
      sessions: { held: num(totals.held), scheduled: num(totals.scheduled), missed: num(totals.missed) },
      feedback: {
        answers: num(answers.answers),
        respondents: num(answers.respondents),
        usefulnessSum: num(answers.usefulness_sum),
        usefulnessCount: num(answers.usefulness_count),
        usefulnessRespondents: num(answers.usefulness_respondents),
        adoptionYes: num(answers.adoption_yes),
        adoptionAnswered: num(answers.adoption_answered),
        adoptionRespondents: num(answers.adoption_respondents),
      },
      topicsBySessions: this.database.rows<Record<string, unknown>>(topicRows).map((r) => ({
        topic: String(r.topic),
        sessions: num(r.sessions),
        mentees: num(r.mentees),
      })),
      topicsByDemand: this.database.rows<Record<string, unknown>>(demandRows).map((r) => ({ topic: String(r.topic), mentees: num(r.mentees) })),
      weekly: this.database.rows<Record<string, unknown>>(weekRows).map((r) => ({ week: String(r.week), held: num(r.held) })),
    };
  }

  async latestSummary(programId: string, before?: Date): Promise<SummaryRecord | null> {
    const [row] = await this.db
      .select({ kind: summaries.kind, figures: summaries.figures, createdAt: summaries.createdAt })
      .from(summaries)
      .where(and(eq(summaries.programId, programId), before ? lt(summaries.createdAt, before) : undefined))
      .orderBy(desc(summaries.createdAt))
      .limit(1);
    return row ?? null;
  }

  async saveSummary(summary: { programId: string; kind: 'request' | 'digest'; requestedBy: string | null; figures: Record<string, unknown>; at: Date }): Promise<void> {
    await this.db.insert(summaries).values({
      programId: summary.programId,
      kind: summary.kind,
      requestedBy: summary.requestedBy,
      figures: summary.figures,
      createdAt: summary.at,
    });
  }

  async setProgramDigest(programId: string, digest: ProgramSettings['digest']): Promise<void> {
    await this.db
      .update(programs)
      .set({ settings: sql`jsonb_set(${programs.settings}, '{digest}', ${JSON.stringify(digest)}::jsonb, true)`, updatedAt: sql`now()` })
      .where(eq(programs.id, programId));
  }

  async listProgramsWithDigest(): Promise<Program[]> {
    const rows = await this.db
      .select()
      .from(programs)
      .where(and(inArray(programs.status, ['open', 'closed']), sql`jsonb_typeof(${programs.settings}->'digest') = 'object'`))
      .orderBy(asc(programs.createdAt));
    return rows.map(toProgram);
  }

  async saveChannelRef(ref: ChannelRef): Promise<void> {
    const values = { name: ref.name, reference: ref.reference };
    await this.db
      .insert(channelRefs)
      .values({ platform: ref.platform, tenantId: ref.tenantId, channelId: ref.channelId, ...values })
      .onConflictDoUpdate({ target: [channelRefs.platform, channelRefs.tenantId, channelRefs.channelId], set: { ...values, updatedAt: sql`now()` } });
  }

  async getChannelRef(platform: Platform, tenantId: string, channelId: string): Promise<ChannelRef | null> {
    const [row] = await this.db
      .select()
      .from(channelRefs)
      .where(and(eq(channelRefs.platform, platform), eq(channelRefs.tenantId, tenantId), eq(channelRefs.channelId, channelId)));
    return row ? { platform: row.platform, tenantId: row.tenantId, channelId: row.channelId, name: row.name, reference: row.reference } : null;
  }
  // Summary end -----------------------------------------------------------------------------------

  // Engagement (nudge ladder, after-session check, feedback, adoption, closing) ---------------------

  async listPairsNeedingNudge(now: Date, defaults: ProgramSettings['nudgeDays']): Promise<QuietPair[]> {
    const at = now.toISOString();
    const days = (step: 'mentee' | 'both' | 'admins') =>
      sql`coalesce((pr.settings -> 'nudgeDays' ->> ${step})::int, ${defaults[step]}::int)`;
    // Dedupe keys are rebuilt here exactly as nudge-pairs.ts writes them, so a step already queued for
    // this silence is skipped with one index lookup instead of being re-inserted every day.
    const result = await this.db.execute(sql`
      WITH activity AS (${pairActivitySql(now, sql`p.status = 'active'`)}),
      quiet AS (
        SELECT a.*, ${days('mentee')} AS mentee_days, ${days('both')} AS both_days, ${days('admins')} AS admins_days,
               (extract(epoch FROM a.last_activity) * 1000000)::bigint::text AS since
          FROM activity a
          JOIN ${programs} pr ON pr.id = a.program_id AND pr.status <> 'archived'
         WHERE NOT a.has_upcoming
      )
      SELECT q.id, q.program_id, q.last_activity, q.since, q.mentee_days, q.both_days, q.admins_days,
             mentor.person_id AS mentor_person_id, mentor.status AS mentor_status, mentor_person.time_zone AS mentor_zone,
             mentee.person_id AS mentee_person_id, mentee.status AS mentee_status, mentee_person.time_zone AS mentee_zone
        FROM quiet q
        JOIN ${enrollments} mentor ON mentor.id = q.mentor_enrollment_id AND mentor.status = 'approved'
        JOIN ${people} mentor_person ON mentor_person.id = mentor.person_id AND mentor_person.erased_at IS NULL
        JOIN ${enrollments} mentee ON mentee.id = q.mentee_enrollment_id AND mentee.status = 'approved'
        JOIN ${people} mentee_person ON mentee_person.id = mentee.person_id AND mentee_person.erased_at IS NULL
       WHERE q.last_activity <= ${at}::timestamptz - make_interval(days => q.mentee_days)
         AND (
              (q.last_activity > ${at}::timestamptz - make_interval(days => q.both_days)
                AND NOT EXISTS (SELECT 1 FROM ${notifications} n WHERE n.dedupe_key = 'nudge.mentee:' || q.id || ':' || q.since))
           OR (q.last_activity <= ${at}::timestamptz - make_interval(days => q.both_days)
                AND NOT EXISTS (SELECT 1 FROM ${notifications} n WHERE n.dedupe_key = 'nudge.both:' || q.id || ':' || q.since || ':mentee'))
           OR (q.last_activity <= ${at}::timestamptz - make_interval(days => q.admins_days)
                AND EXISTS (SELECT 1 FROM ${programRoles} r
                             WHERE r.program_id = q.program_id AND r.role = 'admin'
                               AND NOT EXISTS (SELECT 1 FROM ${notifications} n
                                                WHERE n.dedupe_key = 'nudge.at_risk:' || q.id || ':' || q.since || ':' || r.person_id)))
         )
       ORDER BY q.last_activity, q.id`);
    return this.database.rows<Record<string, unknown>>(result).map((r) => ({
      pairId: String(r.id),
      programId: String(r.program_id),
      mentor: { personId: String(r.mentor_person_id), enrollmentStatus: r.mentor_status as EnrollmentStatus, timeZone: String(r.mentor_zone) },
      mentee: { personId: String(r.mentee_person_id), enrollmentStatus: r.mentee_status as EnrollmentStatus, timeZone: String(r.mentee_zone) },
      lastActivity: new Date(r.last_activity as string),
      silenceKey: String(r.since),
      nudgeDays: { mentee: Number(r.mentee_days), both: Number(r.both_days), admins: Number(r.admins_days) },
    }));
  }

  async getPairActivity(pairId: string, now: Date): Promise<PairActivity | null> {
    if (!isUuid(pairId)) return null;
    const result = await this.db.execute(sql`
      SELECT a.status, a.last_activity, a.has_upcoming, a.held,
             (extract(epoch FROM a.last_activity) * 1000000)::bigint::text AS since
        FROM (${pairActivitySql(now, sql`p.id = ${pairId}`)}) a`);
    const [r] = this.database.rows<Record<string, unknown>>(result);
    if (!r) return null;
    return {
      status: r.status as PairActivity['status'],
      lastActivity: new Date(r.last_activity as string),
      silenceKey: String(r.since),
      hasUpcomingSession: r.has_upcoming === true || r.has_upcoming === 't',
      heldSessions: Number(r.held),
    };
  }

  async listEndedUncheckedSessions(now: Date, endedAfter: Date, limit: number): Promise<EndedSession[]> {
    const end = sql`(s.starts_at + make_interval(mins => s.duration_minutes))`;
    const result = await this.db.execute(sql`
      SELECT s.*, ${end} AS ends_at, p.program_id,
             mentor.person_id AS mentor_person_id, mentor.status AS mentor_status, mentor_person.time_zone AS mentor_zone,
             mentee.person_id AS mentee_person_id, mentee.status AS mentee_status, mentee_person.time_zone AS mentee_zone
        FROM ${sessions} s
        JOIN ${pairs} p ON p.id = s.pair_id AND p.status IN ('active', 'closed')
        JOIN ${programs} pr ON pr.id = p.program_id AND pr.status <> 'archived'
        JOIN ${enrollments} mentor ON mentor.id = p.mentor_enrollment_id
        JOIN ${people} mentor_person ON mentor_person.id = mentor.person_id
        JOIN ${enrollments} mentee ON mentee.id = p.mentee_enrollment_id
        JOIN ${people} mentee_person ON mentee_person.id = mentee.person_id
       WHERE s.status = 'scheduled'
         AND s.starts_at <= ${now.toISOString()}::timestamptz
         AND ${end} <= ${now.toISOString()}::timestamptz
         AND ${end} > ${endedAfter.toISOString()}::timestamptz
         AND NOT EXISTS (SELECT 1 FROM ${notifications} n WHERE n.dedupe_key = 'session.check:' || s.id || ':' || s.sequence || ':mentee')
       ORDER BY ends_at, s.id
       LIMIT ${limit}`);
    return this.database.rows<Record<string, unknown>>(result).map((r) => ({
      session: {
        id: String(r.id),
        pairId: String(r.pair_id),
        topic: (r.topic as string | null) ?? null,
        startsAt: new Date(r.starts_at as string),
        durationMinutes: Number(r.duration_minutes),
        status: r.status as SessionRecord['status'],
        calendarToken: String(r.calendar_token),
        sequence: Number(r.sequence),
      },
      programId: String(r.program_id),
      endsAt: new Date(r.ends_at as string),
      mentor: { personId: String(r.mentor_person_id), enrollmentStatus: r.mentor_status as EnrollmentStatus, timeZone: String(r.mentor_zone) },
      mentee: { personId: String(r.mentee_person_id), enrollmentStatus: r.mentee_status as EnrollmentStatus, timeZone: String(r.mentee_zone) },
    }));
  }

  async recordSessionAnswer(sessionId: string, personId: string, happened: boolean): Promise<SessionAnswer | null> {
    if (!isUuid(sessionId) || !isUuid(personId)) return null;
    return this.transaction(async (tx) => {
      const db = (tx as DrizzleStore).db;
      // The row lock serializes both partners answering at once, so the status follows every answer.
      const [before] = await db.select().from(sessions).where(eq(sessions.id, sessionId)).for('update');
      if (!before || before.status === 'cancelled') return null;
      await tx.upsertFeedback({ pairId: before.pairId, sessionId, personId, kind: 'session', happened });
      const [answers] = await db
        .select({
          yes: sql<number>`count(*) FILTER (WHERE ${feedback.happened})::int`,
          no: sql<number>`count(*) FILTER (WHERE ${feedback.happened} = false)::int`,
        })
        .from(feedback)
        .where(and(eq(feedback.sessionId, sessionId), eq(feedback.kind, 'session')));
      // Held wins: one "yes" is enough; "no" alone means it was missed.
      const status = Number(answers?.yes) > 0 ? 'held' : Number(answers?.no) > 0 ? 'missed' : before.status;
      const [after] = await db
        .update(sessions)
        .set({ status, updatedAt: sql`now()` })
        .where(eq(sessions.id, sessionId))
        .returning();
      const [held] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(sessions)
        .where(and(eq(sessions.pairId, before.pairId), eq(sessions.status, 'held')));
      return { session: toSession(after!), previousStatus: before.status, heldSessions: Number(held?.count ?? 0) };
    });
  }

  async upsertFeedback(answer: FeedbackAnswer): Promise<FeedbackRecord> {
    const { pairId, sessionId, personId, kind, ...fields } = answer;
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const set = { ...given, updatedAt: sql`now()` };
    const insert = this.db.insert(feedback).values({ pairId, sessionId, personId, kind, ...given });
    const [row] = await (sessionId
      ? insert.onConflictDoUpdate({ target: [feedback.pairId, feedback.sessionId, feedback.personId, feedback.kind], set })
      : insert.onConflictDoUpdate({ target: [feedback.pairId, feedback.personId, feedback.kind], targetWhere: sql`session_id is null`, set })
    ).returning();
    return toFeedback(row!);
  }

  async getFeedback(key: { pairId: string; sessionId: string | null; personId: string; kind: FeedbackKind }): Promise<FeedbackRecord | null> {
    if (!isUuid(key.pairId) || !isUuid(key.personId) || (key.sessionId !== null && !isUuid(key.sessionId))) return null;
    const [row] = await this.db
      .select()
      .from(feedback)
      .where(
        and(
          eq(feedback.pairId, key.pairId),
          eq(feedback.personId, key.personId),
          eq(feedback.kind, key.kind),
          key.sessionId === null ? isNull(feedback.sessionId) : eq(feedback.sessionId, key.sessionId),
        ),
      );
    return row ? toFeedback(row) : null;
  }

  async listPairFeedback(pairId: string): Promise<FeedbackRecord[]> {
    if (!isUuid(pairId)) return [];
    const rows = await this.db.select().from(feedback).where(eq(feedback.pairId, pairId)).orderBy(asc(feedback.createdAt), asc(feedback.id));
    return rows.map(toFeedback);
  }

  async closePair(pairId: string, at: Date): Promise<boolean> {
    if (!isUuid(pairId)) return false;
    const rows = await this.db
      .update(pairs)
      .set({ status: 'closed', closedAt: at })
      .where(and(eq(pairs.id, pairId), eq(pairs.status, 'active')))
      .returning({ id: pairs.id });
    return rows.length === 1;
  }

  async listHeldSessionsOf(personId: string, limit: number): Promise<HeldSession[]> {
    if (!isUuid(personId)) return [];
    const result = await this.db.execute(sql`
      SELECT s.*, CASE WHEN mentor.person_id = ${personId} THEN mentee.person_id ELSE mentor.person_id END AS partner_id,
             EXISTS (SELECT 1 FROM ${feedback} f
                      WHERE f.session_id = s.id AND f.person_id = ${personId} AND f.kind = 'session' AND f.usefulness IS NOT NULL) AS answered
        FROM ${sessions} s
        JOIN ${pairs} p ON p.id = s.pair_id AND p.status IN ('active', 'closed')
        JOIN ${enrollments} mentor ON mentor.id = p.mentor_enrollment_id
        JOIN ${enrollments} mentee ON mentee.id = p.mentee_enrollment_id
       WHERE s.status = 'held' AND (mentor.person_id = ${personId} OR mentee.person_id = ${personId})
       ORDER BY s.starts_at DESC, s.id
       LIMIT ${limit}`);
    return this.database.rows<Record<string, unknown>>(result).map((r) => ({
      session: {
        id: String(r.id),
        pairId: String(r.pair_id),
        topic: (r.topic as string | null) ?? null,
        startsAt: new Date(r.starts_at as string),
        durationMinutes: Number(r.duration_minutes),
        status: r.status as SessionRecord['status'],
        calendarToken: String(r.calendar_token),
        sequence: Number(r.sequence),
      },
      partnerId: String(r.partner_id),
      answered: r.answered === true || r.answered === 't',
    }));
  }
  // Engagement end --------------------------------------------------------------------------------

  // Delivery oversight (failed notifications, admin retry) ----------------------------------------
  async listFailedNotifications(limit: number): Promise<FailedNotification[]> {
    return this.db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        recipientId: notifications.recipientId,
        subject: notifications.subject,
        attempts: notifications.attempts,
        lastError: notifications.lastError,
        dueAt: notifications.dueAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(eq(notifications.status, 'failed'))
      .orderBy(desc(notifications.dueAt), desc(notifications.createdAt), asc(notifications.id))
      .limit(Math.max(0, Math.floor(limit)));
  }

  async retryNotification(id: string, at: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db
      .update(notifications)
      .set({ status: 'pending', dueAt: at, attempts: 0, leaseOwner: null, leaseUntil: null })
      .where(and(eq(notifications.id, id), eq(notifications.status, 'failed')))
      .returning({ id: notifications.id });
    return rows.length === 1;
  }
  // Delivery oversight end ------------------------------------------------------------------------

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
    erasedAt: row.erasedAt,
  };
}

/** "Reverse mentoring 2027" → "reverse-mentoring-2027" (accents dropped); "program" when nothing is left. */
function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug || 'program';
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

/**
 * The outbox claim (also EXPLAINed by bench/dispatcher.bench.ts). A row is claimable when due and
 * pending, or when its sender's lease ran out (the sender died); the partial index
 * notifications_claimable serves both, in due order.
 */
export function claimStatement(now: Date, leaseUntil: Date, limit: number, owner: string): SQL {
  return sql`
    UPDATE ${notifications}
       SET status = 'sending', lease_owner = ${owner}, lease_until = ${leaseUntil.toISOString()}, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM ${notifications}
        WHERE status IN ('pending', 'sending') AND due_at <= ${now.toISOString()}
          AND (status = 'pending' OR lease_until < ${now.toISOString()})
        ORDER BY due_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, recipient_id, kind, payload, audience_ids, round_id, subject, due_at, status, attempts, last_error, dedupe_key`;
}

/**
 * The row is still being sent under `owner`'s lease. A sender whose lease ran out and was taken over
 * by another replica records nothing: the row's outcome is the new owner's.
 */
function leasedTo(id: string, owner: string) {
  return and(eq(notifications.id, id), eq(notifications.status, 'sending'), eq(notifications.leaseOwner, owner));
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
    sequence: row.sequence,
  };
}

// Engagement helpers ---------------------------------------------------------------------------------

/**
 * Each pair's last activity (created, end of its latest held or missed session, latest session scheduled),
 * whether a session is scheduled ahead of `now`, and its held sessions: the same definition as the at-risk list.
 */
function pairActivitySql(now: Date, where: SQL): SQL {
  return sql`
    SELECT p.id, p.program_id, p.status, p.mentor_enrollment_id, p.mentee_enrollment_id,
           greatest(p.created_at,
                    max(s.starts_at + make_interval(mins => s.duration_minutes)) FILTER (WHERE s.status IN ('held', 'missed')),
                    max(s.created_at)) AS last_activity,
           coalesce(bool_or(s.status = 'scheduled' AND s.starts_at > ${now.toISOString()}::timestamptz), false) AS has_upcoming,
           count(s.id) FILTER (WHERE s.status = 'held') AS held
      FROM ${pairs} p
      LEFT JOIN ${sessions} s ON s.pair_id = p.id
     WHERE ${where}
     GROUP BY p.id`;
}

function toFeedback(row: typeof feedback.$inferSelect): FeedbackRecord {
  return {
    id: row.id,
    pairId: row.pairId,
    sessionId: row.sessionId,
    personId: row.personId,
    kind: row.kind,
    happened: row.happened,
    usefulness: row.usefulness,
    ease: row.ease,
    learned: row.learned,
    nextStep: row.nextStep,
    adopted: row.adopted,
    wouldRecommend: row.wouldRecommend,
    wouldRepeat: row.wouldRepeat,
    topic: row.topic,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
