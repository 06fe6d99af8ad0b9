// Domain model shared by the core, the store and the adapters.
export type Locale = 'en' | 'fr';
export const LOCALES: readonly Locale[] = ['en', 'fr'];
export type Platform = 'slack' | 'teams';
export type EnrollmentRole = 'mentor' | 'mentee';
export type EnrollmentStatus = 'pending' | 'approved' | 'declined' | 'withdrawn' | 'paused';
export type ProgramRole = 'admin' | 'manager';
export type ProgramStatus = 'draft' | 'open' | 'closed' | 'archived';

/** Who is talking to Tandem: one user of one Slack workspace or Teams tenant. */
export interface Identity {
  platform: Platform;
  /** Slack team id or Teams tenant id. */
  tenantId: string;
  userId: string;
}

/** What the platform tells us about a person (Slack users.info, Teams activity + member info). */
export interface PlatformProfile {
  name: string;
  email?: string | null;
  locale?: string | null;
  timeZone?: string | null;
}

export interface Person extends Identity {
  id: string;
  name: string;
  email: string | null;
  locale: Locale;
  timeZone: string;
  department: string | null;
  managerId: string | null;
  /** True when the person chose their time zone in Tandem: platform refreshes then keep it. */
  timeZoneChosen: boolean;
  profileFetchedAt: Date;
  /** Set when the person's data was erased (`forget-me`): show `privacy.former_participant` instead of the name. */
  erasedAt?: Date | null;
}

export interface SessionPlan {
  modules: string[];
  cadence: 'weekly' | 'biweekly' | 'monthly';
  durationMinutes: number;
  sessionCount: number;
}

export interface ProgramSettings {
  approvalRequired: boolean;
  defaultPlan: SessionPlan;
  reminderOffsetsMinutes: number[];
  timeZone: string;
  summaryChannel: string | null;
  languages: Locale[];
  /** Nudge ladder for a pair with nothing scheduled: days of silence before each step. */
  nudgeDays: { mentee: number; both: number; admins: number };
  /** The weekly summary posted to a channel; null when switched off. `day` 1 = Monday … 7 = Sunday, `hour` in the program's time zone. */
  digest: {
    channel: string;
    platform: Platform;
    day: number;
    hour: number;
    /** The admin who switched it on: the outbox row's recipient, and the language the digest is written in. */
    by?: string;
    /** When it was switched on (ISO): no digest for a slot before that. */
    since?: string;
  } | null;
}

export interface Program {
  id: string;
  slug: string;
  name: string;
  status: ProgramStatus;
  settings: ProgramSettings;
}

export interface TopicChoice {
  topic: string;
  /** Mentor: mastery level 1–5. Mentee: priority 1 (nice to have) – 3 (must have). */
  level: number;
}

export interface EnrollmentDetails {
  topics: TopicChoice[];
  teachBack: string[];
  languages: Locale[];
  capacity: number;
  /** Half-day slots such as "mon-am", "thu-pm" (see availability.ts). */
  availability: string[];
  bio: string;
  department: string | null;
  managerEmail: string | null;
}

export interface Enrollment extends EnrollmentDetails {
  id: string;
  programId: string;
  personId: string;
  role: EnrollmentRole;
  status: EnrollmentStatus;
  pausedUntil: string | null;
  charterAcceptedAt: Date | null;
  /** When the enrollment was approved (by an admin, or at sign-up when no approval is needed). */
  approvedAt: Date | null;
  /** When an admin approved or declined the mentor application (null: not decided by an admin). */
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Topic {
  slug: string;
  name: Record<Locale, string>;
  description: Record<Locale, string>;
}

export function asLocale(value: string | null | undefined, fallback: Locale): Locale {
  const lang = (value ?? '').toLowerCase().slice(0, 2);
  return lang === 'fr' || lang === 'en' ? lang : fallback;
}
