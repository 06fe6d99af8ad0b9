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
  createdAt: Date;
}

export interface NewPair {
  programId: string;
  roundId: string;
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
    readonly options: { retryAfterMs?: number; permanent?: boolean } = {},
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

  /** The program people join: the newest open one. */
  findOpenProgram(): Promise<Program | null>;
  getProgram(id: string): Promise<Program | null>;

  hasRole(programId: string, personId: string, role: ProgramRole): Promise<boolean>;
  grantRole(programId: string, personId: string, role: ProgramRole): Promise<void>;
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
  markNotificationSent(id: string, platformMessageId: string, at: Date): Promise<void>;
  /** Records a failed attempt: pending again at `retryAt`, or failed for good when `retryAt` is null. */
  markNotificationAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void>;

  /** Hands claimed rows back unsent (shutdown): pending again, the claim's attempt not counted. */
  releaseNotifications(ids: string[]): Promise<void>;
  /**
   * Messages about `subject` still waiting to go out (optionally only these kinds) will never be sent:
   * a rescheduled session's reminders, an ended pair's nudges. Returns how many were cancelled.
   */
  cancelPendingNotifications(subject: string, reason: string, kinds?: string[]): Promise<number>;
  /** The message no longer applies (e.g. the mentor was decided meanwhile): never sent. */
  markNotificationCancelled(id: string, reason: string): Promise<void>;

  /** Where to reach a person proactively (Teams conversation reference). */
  saveConversationReference(personId: string, reference: Record<string, unknown>): Promise<void>;
  getConversationReference(personId: string): Promise<Record<string, unknown> | null>;
  /**
   * Any stored Teams conversation reference of a person of this tenant, most recently updated first:
   * its serviceUrl and bot account let the bot create a 1:1 chat with someone who never wrote to it.
   */
  findConversationReferenceInTenant(tenantId: string): Promise<Record<string, unknown> | null>;

  audit(entry: AuditEntry): Promise<void>;
}

export type { Platform };
