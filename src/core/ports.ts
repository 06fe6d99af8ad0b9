// The ports the core needs; the store, the adapters and the tests implement them.
import type {
  Enrollment,
  EnrollmentDetails,
  EnrollmentRole,
  EnrollmentStatus,
  Identity,
  Locale,
  Person,
  Platform,
  PlatformProfile,
  Program,
  ProgramRole,
  ProgramSettings,
  ProgramStatus,
  SessionPlan,
  Topic,
} from './types.js';
import type { TopicKit } from './catalogue/types.js';
import type { Message } from './messages.js';
import type { MatchInput, MatchResult, PairReason } from './matching/types.js';

/** Solves a pairing round (in a worker thread in production, so the server keeps answering). */
export interface Matcher {
  solve(input: MatchInput): Promise<MatchResult>;
}

export interface PairingRound {
  id: string;
  programId: string;
  status: 'preview' | 'confirmed' | 'cancelled' | 'superseded';
  createdBy: string | null;
  result: MatchResult;
  createdAt: Date;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  reportedAt: Date | null;
}

export interface PairRecord {
  id: string;
  programId: string;
  roundId: string | null;
  mentorEnrollmentId: string;
  menteeEnrollmentId: string;
  mentorPersonId: string;
  menteePersonId: string;
  status: 'active' | 'closed' | 'ended';
  score: number;
  reasons: PairReason[];
  plan: SessionPlan | null;
  /** When a partner agreed the plan (null: still the suggested one), and who. */
  planAgreedAt: Date | null;
  planAgreedBy: string | null;
  createdAt: Date;
}

export interface NewPair {
  programId: string;
  /** Null for a pair an admin made outside a round (rematch now). */
  roundId: string | null;
  mentorEnrollmentId: string;
  menteeEnrollmentId: string;
  score: number;
  reasons: PairReason[];
  plan: SessionPlan;
}

export interface SessionRecord {
  id: string;
  pairId: string;
  topic: string | null;
  startsAt: Date;
  durationMinutes: number;
  status: 'scheduled' | 'held' | 'missed' | 'cancelled';
  calendarToken: string;
  /** Bumped by each reschedule or cancellation: calendar clients replace the event, stale reminders are dropped. */
  sequence: number;
}

export interface DeliveryStats {
  total: number;
  sent: number;
  failed: number;
  pending: number;
  cancelled: number;
  /** The most frequent failure reasons, most frequent first. */
  failures: { error: string; count: number }[];
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Looks people up on their platform (Slack users.info, Teams member info). */
export interface Directory {
  fetchProfile(identity: Identity): Promise<PlatformProfile | null>;
}

/** A proactive message could not be delivered. `retryAfterMs` comes from a 429; `permanent` stops retries. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: {
      retryAfterMs?: number;
      permanent?: boolean;
      /**
       * What a Retry-After holds: every send to the workspace/tenant (default), or only this row, when the
       * limit is on a call the messenger paces itself (Slack's conversations.open, Tier 3).
       */
      retryAfterScope?: 'workspace' | 'row';
    } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Sends messages on one platform, outside of any request. */
export interface Messenger {
  /** A direct message to one person. */
  send(to: Person, message: Message): Promise<{ messageId: string }>;
  /** One message to a small group, the bot included (Slack: a group DM). Absent: not supported. */
  sendToGroup?(people: Person[], message: Message): Promise<{ messageId: string }>;
  /** Replaces a message sent earlier (its `messageId` as `send` returned it) for the person it went to. */
  update(to: Person, messageId: string, message: Message): Promise<void>;
  /** A message posted in a channel, visible to everyone there (weekly summary). Absent: not supported. */
  sendToChannel?(channel: ChannelRef, message: Message): Promise<{ messageId: string }>;
}

export interface NewPerson extends Identity {
  name: string;
  email: string | null;
  locale: Locale;
  timeZone: string;
  profileFetchedAt: Date;
}

export interface NewEnrollment extends EnrollmentDetails {
  programId: string;
  personId: string;
  role: EnrollmentRole;
  status: EnrollmentStatus;
  charterAcceptedAt: Date;
  approvedAt: Date | null;
}

export interface EnrollmentUpdate {
  status: EnrollmentStatus;
  pausedUntil?: string | null;
  approvedAt?: Date | null;
  decidedBy?: string | null;
  decidedAt?: Date | null;
}

/** A person's current pair, seen from one of the two enrollments. */
export interface CurrentPair {
  pairId: string;
  partner: Person;
  partnerRole: EnrollmentRole;
  nextSession: { startsAt: Date; durationMinutes: number } | null;
}

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface NewNotification {
  recipientId: string;
  /** Everyone the message goes to when it is one group message (Slack group DM); the recipient is one of them. */
  audienceIds?: string[];
  /** The pairing round an announcement belongs to. */
  roundId?: string;
  /** What the message is about ("session:<id>", "pair:<id>"): see `cancelPendingNotifications`. */
  subject?: string;
  kind: string;
  payload: Record<string, unknown>;
  dueAt: Date;
  /** Unique: a second row with the same key is ignored. */
  dedupeKey: string;
}

export interface Notification extends NewNotification {
  id: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
}

export interface AuditEntry {
  actorId: string | null;
  action: string;
  programId?: string | null;
  targetType?: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export interface Store {
  /** Runs `work` in one database transaction; nested calls reuse it. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;

  findPerson(identity: Identity): Promise<Person | null>;
  getPerson(id: string): Promise<Person | null>;
  findPeopleByEmail(email: string): Promise<Person[]>;
  /** Insert, or refresh the platform profile of, the person with this identity. */
  savePerson(person: NewPerson): Promise<Person>;
  updatePerson(
    id: string,
    patch: Partial<Pick<Person, 'department' | 'managerId' | 'timeZone' | 'timeZoneChosen' | 'locale'>>,
  ): Promise<void>;

  /** The program people can join: the newest open one. Everything else is about `findCurrentProgram`. */
  findOpenProgram(): Promise<Program | null>;
  getProgram(id: string): Promise<Program | null>;

  hasRole(programId: string, personId: string, role: ProgramRole): Promise<boolean>;
  grantRole(programId: string, personId: string, role: ProgramRole, grantedBy?: string | null): Promise<void>;
  listRoleHolders(programId: string, role: ProgramRole): Promise<Person[]>;

  listTopics(): Promise<Topic[]>;
  getTopicKit(slug: string): Promise<TopicKit | null>;

  /** Everyone Tandem knows (their manager links complete the reporting chain). */
  listPeople(): Promise<Person[]>;
  listPairs(programId: string): Promise<PairRecord[]>;
  getPair(id: string): Promise<PairRecord | null>;
  /** Admin-declared pairs of people never to be paired, as [personIdA, personIdB]. */
  listExclusions(programId: string): Promise<[string, string][]>;
  /** Stores a preview; earlier previews of the program are superseded. */
  saveRoundPreview(programId: string, createdBy: string, result: MatchResult): Promise<PairingRound>;
  getRound(id: string): Promise<PairingRound | null>;
  /** preview → confirmed, at most once; false when the round was not a preview any more. */
  confirmRound(id: string, confirmedBy: string, at: Date): Promise<boolean>;
  /** preview → cancelled; false when it was not a preview any more. */
  cancelRound(id: string): Promise<boolean>;
  markRoundReported(id: string, at: Date): Promise<void>;
  /** Confirmed rounds whose final report has not been given yet. */
  listUnreportedRounds(): Promise<PairingRound[]>;
  insertPairs(pairs: NewPair[]): Promise<PairRecord[]>;
  /** A scheduled session; the store gives it an unguessable calendar token. */
  createSession(session: { pairId: string; topic: string | null; startsAt: Date; durationMinutes: number; createdBy: string }): Promise<SessionRecord>;
  listSessions(pairId: string): Promise<SessionRecord[]>;
  /** The notification sent under this dedupe key, with the platform's message id once sent. */
  findNotificationByKey(dedupeKey: string): Promise<(Notification & { platformMessageId: string | null }) | null>;
  /** How the announcements of a round are going. */
  roundDeliveryStats(roundId: string, kinds: string[]): Promise<DeliveryStats>;

  findEnrollment(programId: string, personId: string, role: EnrollmentRole): Promise<Enrollment | null>;
  /** `forUpdate` locks the row until the transaction ends (decisions that must happen once). */
  getEnrollment(id: string, options?: { forUpdate?: boolean }): Promise<Enrollment | null>;
  /** Serializes, until the transaction ends, the changes one person makes to their own enrollments. */
  lockPerson(personId: string): Promise<void>;
  listEnrollmentsOfPerson(personId: string): Promise<Enrollment[]>;
  /** Insert, or replace the details and status of, the enrollment (program, person, role). */
  saveEnrollment(enrollment: NewEnrollment): Promise<Enrollment>;
  listEnrollments(programId: string, filter?: { role?: EnrollmentRole; status?: EnrollmentStatus }): Promise<Enrollment[]>;
  updateEnrollment(id: string, update: EnrollmentUpdate): Promise<Enrollment>;
  /** The active pair an enrollment belongs to, with the partner and the next scheduled session. */
  findCurrentPair(enrollmentId: string, now: Date): Promise<CurrentPair | null>;
  /** Ends an active pair early (someone left); its future sessions are cancelled. */
  endPair(pairId: string, at: Date): Promise<void>;

  enqueueNotifications(rows: NewNotification[]): Promise<void>;
  /** Claims due rows (FOR UPDATE SKIP LOCKED) and leases them to `owner` until `leaseUntil`. */
  claimDueNotifications(now: Date, leaseUntil: Date, limit: number, owner: string): Promise<Notification[]>;
  /**
   * Records the send of a row `owner` claimed. Like the other outcomes below, it is recorded only while
   * the row is still leased to `owner` (false otherwise: another replica took the row over).
   */
  markNotificationSent(id: string, platformMessageId: string, at: Date, owner: string): Promise<boolean>;
  /** Records a failed attempt: pending again at `retryAt`, or failed for good when `retryAt` is null. */
  markNotificationAttemptFailed(id: string, error: string, retryAt: Date | null, owner: string): Promise<boolean>;

  /** Hands rows `owner` claimed back unsent (shutdown): pending again, the claim's attempt not counted. */
  releaseNotifications(ids: string[], owner: string): Promise<number>;
  /**
   * Messages about `subject` still waiting to go out (optionally only these kinds) will never be sent:
   * a rescheduled session's reminders, an ended pair's nudges. Returns how many were cancelled.
   */
  cancelPendingNotifications(subject: string, reason: string, kinds?: string[]): Promise<number>;
  /**
   * The message no longer applies (e.g. the mentor was decided meanwhile): never sent. With `owner`
   * (the dispatcher), only a row still leased to it; without, only a row still pending.
   */
  markNotificationCancelled(id: string, reason: string, owner?: string): Promise<boolean>;

  /** Where to reach a person proactively (Teams conversation reference). */
  saveConversationReference(personId: string, reference: Record<string, unknown>): Promise<void>;
  getConversationReference(personId: string): Promise<Record<string, unknown> | null>;
  /**
   * Any stored Teams conversation reference of a person of this tenant, most recently updated first:
   * its serviceUrl and bot account let the bot create a 1:1 chat with someone who never wrote to it.
   */
  findConversationReferenceInTenant(tenantId: string): Promise<Record<string, unknown> | null>;

  audit(entry: AuditEntry): Promise<void>;

  // Data rights (GDPR: `my-data`, `forget-me`, `admin forget`) ------------------------------------
  /** Everything stored about one person, for their own copy; null when no such person. */
  exportPersonData(personId: string): Promise<PersonData | null>;
  /**
   * Erases or anonymizes everything about a person, in one transaction: their active pairs end (future
   * sessions cancelled), pending messages to or about them are cancelled, sign-ups withdrawn and their
   * texts cleared, feedback comments cleared (numeric answers kept), their name, email and platform id
   * scrubbed from every stored text, their conversation reference and exports deleted, and the person row
   * anonymized (the platform id replaced, so their next message starts afresh). Telling the partners
   * (listed in the result) is left to the caller, in the same transaction.
   */
  erasePerson(personId: string, at: Date): Promise<ErasureResult>;

  // Summary (program figures, trend, weekly digest channel) -------------------------------------------
  /** Everything a program summary shows, aggregated in the database (a few set-based queries). */
  summaryData(programId: string, options: SummaryOptions): Promise<SummaryData>;
  /** The latest summary given for the program (optionally: given before `before`). */
  latestSummary(programId: string, before?: Date): Promise<SummaryRecord | null>;
  saveSummary(summary: { programId: string; kind: 'request' | 'digest'; requestedBy: string | null; figures: Record<string, unknown>; at: Date }): Promise<void>;
  /** Sets or clears `settings.digest` alone (other settings untouched). */
  setProgramDigest(programId: string, digest: ProgramSettings['digest']): Promise<void>;
  /** Programs still running (open or closed to sign-up) whose weekly digest is switched on. */
  listProgramsWithDigest(): Promise<Program[]>;
  saveChannelRef(ref: ChannelRef): Promise<void>;
  getChannelRef(platform: Platform, tenantId: string, channelId: string): Promise<ChannelRef | null>;
  // Summary end -----------------------------------------------------------------------------------

  // Programs & roles (admin oversight) ------------------------------------------------------------
  /** The program admins steer and people see: the newest one not archived (draft, open or closed). */
  findCurrentProgram(): Promise<Program | null>;
  /** Every program, newest first. */
  listPrograms(): Promise<Program[]>;
  /** A new program in the organization of the existing ones; its slug is derived from the name, made unique. */
  createProgram(program: { name: string; status: ProgramStatus; settings: ProgramSettings }): Promise<Program>;
  /** Moves the program to `to` only when it is in one of `from` (two admins clicking at once move it once). */
  setProgramStatus(id: string, from: ProgramStatus[], to: ProgramStatus): Promise<boolean>;
  /** Replaces the given top-level settings, leaving the others (e.g. the digest set from a channel) as they are. */
  updateProgramSettings(id: string, patch: Partial<ProgramSettings>): Promise<Program>;
  /** Serializes, until the transaction ends, changes to the program's status and roles. */
  lockProgram(id: string): Promise<void>;
  /** False when the person did not hold the role. */
  revokeRole(programId: string, personId: string, role: ProgramRole): Promise<boolean>;
  /** Audit entries, oldest first. */
  listAuditEntries(filter?: { programId?: string; action?: string }): Promise<AuditRecord[]>;

  // Sessions (plan, scheduling, calendar files) ---------------------------------------------------
  getSession(id: string): Promise<SessionRecord | null>;
  /** The session whose calendar file lives at this token, whatever its status. */
  getSessionByToken(token: string): Promise<SessionRecord | null>;
  /**
   * Moves a scheduled session and bumps its sequence, only while it is still scheduled at `expectedSequence`
   * (two people moving it at once: the second is told it changed). Null when it was not.
   */
  rescheduleSession(id: string, change: { startsAt: Date; durationMinutes: number; topic: string | null }, expectedSequence: number): Promise<SessionRecord | null>;
  /** scheduled → cancelled with its sequence bumped, only at `expectedSequence`; null when it was not. */
  cancelSession(id: string, expectedSequence: number): Promise<SessionRecord | null>;
  /** Stores the pair's agreed plan; false when the pair is not active any more. */
  savePlan(pairId: string, plan: SessionPlan, agreedBy: string, at: Date): Promise<boolean>;
  /** The active pairs a person belongs to (as mentor or mentee), oldest first. */
  listActivePairsOfPerson(personId: string): Promise<PairRecord[]>;

  // Pair oversight (at-risk pairs, exports) -------------------------------------------------------
  /**
   * Active pairs with no scheduled session ahead of `now` whose last activity (pair created, end of the
   * latest held/missed session, latest session scheduled) is at or before `silentSince`; longest silence first.
   */
  listAtRiskPairs(programId: string, now: Date, silentSince: Date, page: { limit: number; offset: number }): Promise<{ total: number; pairs: AtRiskPair[] }>;
  /** Everything an admin export holds for a program: pairs (with their end), sessions, aggregated feedback. */
  loadProgramExport(programId: string): Promise<ProgramExportData>;
  saveExport(file: NewExportFile): Promise<void>;
  /** The export stored under this token, expired or not (the caller tells them apart). */
  findExport(token: string): Promise<ExportFile | null>;
  /** Deletes exports that expired at or before `now`; returns how many. */
  purgeExpiredExports(now: Date): Promise<number>;
  /** failed → cancelled, its last error kept (the admin's "dismiss"); false when the row was not failed any more. */
  dismissFailedNotification(id: string): Promise<boolean>;

  // Engagement (nudge ladder, after-session check, feedback, adoption, closing) -------------------
  /**
   * Active pairs of both approved partners, nothing scheduled ahead of `now`, silent for at least their
   * program's `nudgeDays.mentee` (`defaults` where a program has none), and with a ladder step due that was
   * not queued yet for this silence. One set-based statement.
   */
  listPairsNeedingNudge(now: Date, defaults: ProgramSettings['nudgeDays']): Promise<QuietPair[]>;
  /** Where a pair stands now: status, last activity and whether a session is scheduled ahead. */
  getPairActivity(pairId: string, now: Date): Promise<PairActivity | null>;
  /**
   * Sessions still `scheduled` whose end is in (`endedAfter`, `now`], of active or closed pairs of programs not
   * archived, for which the "did it happen?" question was not queued yet for their current sequence; earliest
   * end first.
   */
  listEndedUncheckedSessions(now: Date, endedAfter: Date, limit: number): Promise<EndedSession[]>;
  /**
   * Records one partner's "did it happen?" and sets the session from all answers: held when anyone said
   * yes, missed when the only answers are no. Null when the session is cancelled or unknown.
   */
  recordSessionAnswer(sessionId: string, personId: string, happened: boolean): Promise<SessionAnswer | null>;
  /** One answer per person, pair, session (null: not tied to one) and kind; the given fields replace the stored ones. */
  upsertFeedback(answer: FeedbackAnswer): Promise<FeedbackRecord>;
  getFeedback(key: { pairId: string; sessionId: string | null; personId: string; kind: FeedbackKind }): Promise<FeedbackRecord | null>;
  /** Every answer about a pair, oldest first (admins and tests; never shown to the partner). */
  listPairFeedback(pairId: string): Promise<FeedbackRecord[]>;
  /** active → closed at `at` (the plan is completed); false when the pair was not active. */
  closePair(pairId: string, at: Date): Promise<boolean>;
  /** Held sessions of the person's active or closed pairs, newest first, with whether they gave their feedback. */
  listHeldSessionsOf(personId: string, limit: number): Promise<HeldSession[]>;

  // Delivery oversight (failed notifications, admin retry) ----------------------------------------
  /** Notifications that failed for good, most recently attempted first. */
  listFailedNotifications(limit: number): Promise<FailedNotification[]>;
  /**
   * failed → pending again, due at `at`, with its attempts reset (the admin's "retry"). False when the
   * row is not failed (already retried, or an unknown id).
   */
  retryNotification(id: string, at: Date): Promise<boolean>;
}

/** A notification that failed for good, as admins see it. */
export interface FailedNotification {
  id: string;
  kind: string;
  recipientId: string;
  subject: string | null;
  attempts: number;
  lastError: string | null;
  /** When its last attempt was due. */
  dueAt: Date;
  createdAt: Date;
}

/** An audit entry as stored. */
export interface AuditRecord extends AuditEntry {
  id: number;
  at: Date;
}

/** A quiet pair, as the at-risk list shows it. */
export interface AtRiskPair {
  pairId: string;
  mentor: { personId: string; enrollmentId: string; name: string };
  mentee: { personId: string; enrollmentId: string; name: string };
  createdAt: Date;
  lastActivity: Date;
  heldSessions: number;
}

/** Feedback of one pair about one module (null topic: not tied to a module), counted, never quoted. */
export interface FeedbackAggregate {
  pairId: string;
  topic: string | null;
  answers: number;
  respondents: number;
  happenedYes: number;
  happenedNo: number;
  usefulnessCount: number;
  usefulnessAverage: number | null;
  easeAverage: number | null;
  adoptedYes: number;
  adoptedNo: number;
  wouldRecommendYes: number;
  wouldRecommendNo: number;
}

export interface ProgramExportData {
  pairs: (PairRecord & { closedAt: Date | null; planAgreedAt: Date | null })[];
  sessions: (SessionRecord & { createdAt: Date })[];
  feedback: FeedbackAggregate[];
}

export interface NewExportFile {
  token: string;
  programId: string | null;
  personId: string;
  filename: string;
  contentType: string;
  content: string;
  expiresAt: Date;
}

export interface ExportFile extends NewExportFile {
  createdAt: Date;
}

// Summary ----------------------------------------------------------------------------------------
export interface SummaryOptions {
  now: Date;
  /** Weeks of the chart are counted in this time zone (the program's), Monday first. */
  timeZone: string;
  /** First day (YYYY-MM-DD, a Monday) of the oldest week the chart shows. */
  chartFrom: string;
  /** A pair is at risk after this many days with nothing planned (program `nudgeDays.admins`). */
  atRiskDays: number;
}

/** Raw aggregates of one program, before the privacy threshold is applied (src/core/summary). */
export interface SummaryData {
  enrollments: { role: EnrollmentRole; status: EnrollmentStatus; count: number }[];
  pairs: { active: number; closed: number; ended: number; atRisk: number };
  sessions: { held: number; scheduled: number; missed: number };
  feedback: {
    /** Session feedback answers about held sessions. */
    answers: number;
    /** Distinct people behind those answers. */
    respondents: number;
    usefulnessSum: number;
    usefulnessCount: number;
    usefulnessRespondents: number;
    adoptionYes: number;
    adoptionAnswered: number;
    adoptionRespondents: number;
  };
  /** Held sessions per topic, with the distinct mentees behind them; most sessions first. */
  topicsBySessions: { topic: string; sessions: number; mentees: number }[];
  /** Topics mentees (not withdrawn or declined) asked for, most asked first. */
  topicsByDemand: { topic: string; mentees: number }[];
  /** Held sessions per week since `chartFrom` (weeks without any are absent); `week` is its Monday. */
  weekly: { week: string; held: number }[];
}

export interface SummaryRecord {
  kind: 'request' | 'digest';
  figures: Record<string, unknown>;
  createdAt: Date;
}

/** A channel Tandem posts in on its own. Teams needs the channel's conversation reference. */
export interface ChannelRef {
  platform: Platform;
  tenantId: string;
  channelId: string;
  name: string | null;
  reference: Record<string, unknown> | null;
}
// Summary end ------------------------------------------------------------------------------------

// Engagement -------------------------------------------------------------------------------------
/** One partner of a pair, as proactive messages need them. */
export interface PartnerState {
  personId: string;
  enrollmentStatus: EnrollmentStatus;
  timeZone: string;
}

/** A pair gone quiet: candidates of the nudge ladder. */
export interface QuietPair {
  pairId: string;
  programId: string;
  mentor: PartnerState;
  mentee: PartnerState;
  lastActivity: Date;
  /** The exact last activity (microseconds since 1970) naming this silence in dedupe keys. */
  silenceKey: string;
  nudgeDays: ProgramSettings['nudgeDays'];
}

export interface PairActivity {
  status: PairRecord['status'];
  lastActivity: Date;
  silenceKey: string;
  hasUpcomingSession: boolean;
  heldSessions: number;
}

export interface EndedSession {
  session: SessionRecord;
  programId: string;
  endsAt: Date;
  mentor: PartnerState;
  mentee: PartnerState;
}

export interface SessionAnswer {
  session: SessionRecord;
  /** The session's status before this answer. */
  previousStatus: SessionRecord['status'];
  heldSessions: number;
}

export type FeedbackKind = 'session' | 'adoption' | 'closing';

export interface HeldSession {
  session: SessionRecord;
  partnerId: string;
  /** The person already rated it (usefulness given). */
  answered: boolean;
}

export interface FeedbackFields {
  happened: boolean | null;
  usefulness: number | null;
  ease: number | null;
  learned: string | null;
  nextStep: string | null;
  /** Adoption: true yes, false no, null "not yet". */
  adopted: boolean | null;
  wouldRecommend: boolean | null;
  wouldRepeat: boolean | null;
  topic: string | null;
}

export interface FeedbackAnswer extends Partial<FeedbackFields> {
  pairId: string;
  sessionId: string | null;
  personId: string;
  kind: FeedbackKind;
}

export interface FeedbackRecord extends FeedbackFields {
  id: string;
  pairId: string;
  sessionId: string | null;
  personId: string | null;
  kind: FeedbackKind;
  createdAt: Date;
  updatedAt: Date;
}
// Engagement end ---------------------------------------------------------------------------------

/** What `my-data` hands over; dates as stored, the partner's name only (their own data is theirs). */
export interface PersonData {
  person: Person & { createdAt: Date; updatedAt: Date; erasedAt: Date | null; manager: Pick<Person, 'name' | 'erasedAt'> | null };
  programRoles: { program: string; role: ProgramRole; grantedAt: Date }[];
  enrollments: (Enrollment & { program: string })[];
  pairs: {
    id: string;
    program: string;
    yourRole: EnrollmentRole;
    partner: Pick<Person, 'name' | 'erasedAt'>;
    status: PairRecord['status'];
    plan: SessionPlan | null;
    planAgreedAt: Date | null;
    planAgreedByYou: boolean;
    reasons: PairReason[];
    createdAt: Date;
    endedAt: Date | null;
  }[];
  sessions: {
    id: string;
    pairId: string;
    topic: string | null;
    startsAt: Date;
    durationMinutes: number;
    status: SessionRecord['status'];
    scheduledByYou: boolean;
    createdAt: Date;
    updatedAt: Date;
  }[];
  feedback: {
    id: string;
    pairId: string;
    sessionId: string | null;
    kind: string;
    topic: string | null;
    happened: boolean | null;
    usefulness: number | null;
    ease: number | null;
    learned: string | null;
    nextStep: string | null;
    adopted: boolean | null;
    wouldRecommend: boolean | null;
    wouldRepeat: boolean | null;
    createdAt: Date;
    updatedAt: Date;
  }[];
  notifications: { kind: string; status: NotificationStatus; subject: string | null; dueAt: Date; sentAt: Date | null; createdAt: Date; payload: Record<string, unknown> }[];
  teamsConversationReference: Record<string, unknown> | null;
  /** `by`: who acted — the person, someone else (not named), or Tandem itself. */
  auditEntries: { at: Date; action: string; program: string | null; by: 'you' | 'someone_else' | 'tandem'; targetType: string | null; targetId: string | null; details: Record<string, unknown> }[];
  /** Only that an exclusion exists: the other person is not named. */
  exclusions: { program: string; declaredAt: Date }[];
  summariesRequested: { program: string; kind: string; createdAt: Date }[];
  exportsRequested: { filename: string; createdAt: Date; expiresAt: Date }[];
}

export interface ErasureResult {
  status: 'erased' | 'already_erased' | 'not_found';
  /** The pairs that were active and ended, with the partner to tell. */
  endedPairs: { pairId: string; programId: string; partnerId: string; partnerRole: EnrollmentRole }[];
}

export type { Platform };
