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
  Topic,
} from './types.js';
import type { Message } from './messages.js';

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

/** Sends a message to one person on their platform, outside of any request. */
export interface Messenger {
  send(to: Person, message: Message): Promise<{ messageId: string }>;
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

  /** The message no longer applies (e.g. the mentor was decided meanwhile): never sent. */
  markNotificationCancelled(id: string, reason: string): Promise<void>;

  /** Where to reach a person proactively (Teams conversation reference). */
  saveConversationReference(personId: string, reference: Record<string, unknown>): Promise<void>;
  getConversationReference(personId: string): Promise<Record<string, unknown> | null>;

  audit(entry: AuditEntry): Promise<void>;
}

export type { Platform };
