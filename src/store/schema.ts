// Drizzle schema: everything the mission stores. Later features add tables or columns, never reshape these.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { Locale, ProgramSettings, SessionPlan, TopicChoice } from '../core/types.js';
import type { TopicKit } from '../core/catalogue/types.js';
import type { MatchResult, PairReason } from '../core/matching/types.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** A Slack workspace or a Teams tenant, attached to an organization. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    externalId: text('external_id').notNull(),
    name: text('name'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workspaces_platform_external_id').on(t.platform, t.externalId)],
);

export const programs = pgTable('programs', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  status: text('status', { enum: ['draft', 'open', 'closed', 'archived'] }).notNull().default('open'),
  settings: jsonb('settings').$type<ProgramSettings>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    locale: text('locale').$type<Locale>().notNull(),
    timeZone: text('time_zone').notNull(),
    timeZoneChosen: boolean('time_zone_chosen').notNull().default(false),
    department: text('department'),
    managerId: uuid('manager_id').references((): AnyPgColumn => people.id, { onDelete: 'set null' }),
    profileFetchedAt: timestamp('profile_fetched_at', { withTimezone: true }).notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('people_identity').on(t.platform, t.tenantId, t.userId),
    index('people_email').on(sql`lower(${t.email})`),
  ],
);

export const programRoles = pgTable(
  'program_roles',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'manager'] }).notNull(),
    grantedBy: uuid('granted_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.personId, t.role] })],
);

export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
    status: text('status', { enum: ['pending', 'approved', 'declined', 'withdrawn', 'paused'] }).notNull(),
    /** For status 'paused': the day (in the person's time zone) the enrollment resumes by itself. */
    pausedUntil: date('paused_until', { mode: 'string' }),
    topics: jsonb('topics').$type<TopicChoice[]>().notNull(),
    teachBack: jsonb('teach_back').$type<string[]>().notNull(),
    languages: jsonb('languages').$type<Locale[]>().notNull(),
    capacity: integer('capacity').notNull().default(1),
    availability: jsonb('availability').$type<string[]>().notNull().default([]),
    bio: text('bio').notNull().default(''),
    department: text('department'),
    managerEmail: text('manager_email'),
    charterAcceptedAt: timestamp('charter_accepted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => people.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrollments_program_person_role').on(t.programId, t.personId, t.role),
    index('enrollments_program_status').on(t.programId, t.role, t.status),
  ],
);

/** The topic catalogue: names, descriptions and the pedagogical kit, in French and English. */
export const topics = pgTable('topics', {
  slug: text('slug').primaryKey(),
  name: jsonb('name').$type<Record<Locale, string>>().notNull(),
  description: jsonb('description').$type<Record<Locale, string>>().notNull(),
  kit: jsonb('kit').$type<TopicKit>().notNull(),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

/** People an admin declared must never be paired together. */
export const exclusions = pgTable(
  'exclusions',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    personA: uuid('person_a')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    personB: uuid('person_b')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.personA, t.personB] })],
);

export const pairingRounds = pgTable('pairing_rounds', {
  id: uuid('id').primaryKey().defaultRandom(),
  programId: uuid('program_id')
    .notNull()
    .references(() => programs.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['preview', 'confirmed', 'cancelled', 'superseded'] }).notNull(),
  createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
  result: jsonb('result').$type<MatchResult>().notNull(),
  createdAt: createdAt(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  confirmedBy: uuid('confirmed_by').references(() => people.id, { onDelete: 'set null' }),
  /** When the admin got the final delivery report of the round's announcements. */
  reportedAt: timestamp('reported_at', { withTimezone: true }),
});

export const pairs = pgTable(
  'pairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id').references(() => pairingRounds.id, { onDelete: 'set null' }),
    mentorEnrollmentId: uuid('mentor_enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    menteeEnrollmentId: uuid('mentee_enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['active', 'closed', 'ended'] }).notNull().default('active'),
    score: real('score').notNull().default(0),
    reasons: jsonb('reasons').$type<PairReason[]>().notNull().default([]),
    plan: jsonb('plan').$type<SessionPlan>(),
    /** When a partner agreed the plan (null: still the suggested one). */
    planAgreedAt: timestamp('plan_agreed_at', { withTimezone: true }),
    planAgreedBy: uuid('plan_agreed_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('pairs_mentor').on(t.mentorEnrollmentId), index('pairs_mentee').on(t.menteeEnrollmentId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pairId: uuid('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    topic: text('topic').references(() => topics.slug),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    status: text('status', { enum: ['scheduled', 'held', 'missed', 'cancelled'] }).notNull().default('scheduled'),
    /** Unguessable token of the session's .ics URL; the event UID stays the session id. */
    calendarToken: text('calendar_token').notNull().unique(),
    sequence: integer('sequence').notNull().default(0),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sessions_pair_starts').on(t.pairId, t.startsAt)],
);

export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    pairId: uuid('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    /** session (after each session), adoption (a week later), closing (end of program). */
    kind: text('kind', { enum: ['session', 'adoption', 'closing'] }).notNull(),
    happened: boolean('happened'),
    usefulness: integer('usefulness'),
    ease: integer('ease'),
    learned: text('learned'),
    nextStep: text('next_step'),
    adopted: boolean('adopted'),
    wouldRecommend: boolean('would_recommend'),
    wouldRepeat: boolean('would_repeat'),
    /** The module the answer is about (adoption is asked per module). */
    topic: text('topic').references(() => topics.slug),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('feedback_once').on(t.pairId, t.sessionId, t.personId, t.kind),
    // Answers not tied to a session (closing): still one per person and pair.
    uniqueIndex('feedback_once_per_pair').on(t.pairId, t.personId, t.kind).where(sql`${t.sessionId} is null`),
  ],
);

/** The transactional outbox: everything Tandem sends on its own initiative. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** A group message (Slack group DM): everyone it goes to, the recipient included. */
    audienceIds: jsonb('audience_ids').$type<string[]>(),
    /** The pairing round an announcement belongs to, for its progress report. */
    roundId: uuid('round_id').references(() => pairingRounds.id, { onDelete: 'set null' }),
    /** What the message is about, e.g. "session:<id>" or "pair:<id>": rescheduling or ending it cancels what is still pending. */
    subject: text('subject'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    dedupeKey: text('dedupe_key').notNull().unique(),
    platformMessageId: text('platform_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // Claims read due rows in due order: pending ones, and 'sending' ones whose sender's lease ran out.
    index('notifications_claimable').on(t.dueAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('notifications_lease').on(t.leaseUntil).where(sql`${t.status} = 'sending'`),
    index('notifications_round').on(t.roundId, t.status),
    index('notifications_subject').on(t.subject).where(sql`${t.status} in ('pending', 'sending')`),
  ],
);

/** Teams: the conversation reference of each person's 1:1 chat with the bot, for proactive messages. */
export const teamsConversationRefs = pgTable('teams_conversation_refs', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  reference: jsonb('reference').$type<Record<string, unknown>>().notNull(),
  updatedAt: updatedAt(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => people.id, { onDelete: 'set null' }),
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_program_at').on(t.programId, t.at)],
);

/** One row per cron slot that ran: node-cron's run coordinator elects one replica per slot. */
export const cronRuns = pgTable('cron_runs', {
  key: text('key').primaryKey(),
  owner: text('owner').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** Program summaries already given: the next one shows the trend since the previous one. */
export const summaries = pgTable(
  'summaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** request (someone asked in a channel) or digest (the weekly one). */
    kind: text('kind', { enum: ['request', 'digest'] }).notNull(),
    requestedBy: uuid('requested_by').references(() => people.id, { onDelete: 'set null' }),
    figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('summaries_program_created').on(t.programId, t.createdAt)],
);

/** Channels Tandem posts in on its own (weekly digest): Teams needs the channel's conversation reference. */
export const channelRefs = pgTable(
  'channel_refs',
  {
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    tenantId: text('tenant_id').notNull(),
    channelId: text('channel_id').notNull(),
    name: text('name'),
    reference: jsonb('reference').$type<Record<string, unknown>>(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.tenantId, t.channelId] })],
);

/** CSV exports offered as a download link (Teams): unguessable token, short life. */
export const exports = pgTable(
  'exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    token: text('token').notNull().unique(),
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull().default('text/csv; charset=utf-8'),
    content: text('content').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('exports_expires').on(t.expiresAt)],
);
