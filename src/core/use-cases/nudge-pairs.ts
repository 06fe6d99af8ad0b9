// The nudge ladder: a pair with nothing planned is nudged (the mentee, then both), then its admins are
// told it is at risk. Each step goes out at most once per silence, within the recipient's working hours.
import type { CoreDeps } from '../context.js';
import { commandPrefix } from '../context.js';
import { translator } from '../i18n/index.js';
import { message, type Message } from '../messages.js';
import type { NewNotification, Notification, PairRecord, QuietPair } from '../ports.js';
import { DEFAULT_PROGRAM_SETTINGS } from '../program-defaults.js';
import type { Person } from '../types.js';
import { nextWorkingMoment } from '../working-hours.js';
import type { Composer } from './notification-composers.js';
import { pairActionButtons } from './pair-oversight.js';

export const NUDGE_KINDS = ['nudge.mentee', 'nudge.both', 'nudge.at_risk'];
const DAY_MS = 86_400_000;
const CHUNK = 1000;

export function pairSubject(pairId: string): string {
  return `pair:${pairId}`;
}

/**
 * The daily run. The store returns only pairs with a step due and not yet queued for their current
 * silence (the dedupe keys below name the pair, the step and the last activity), so running it again,
 * or on several replicas at once, queues nothing twice.
 */
export async function nudgeQuietPairs(deps: CoreDeps): Promise<{ pairs: number; queued: number }> {
  const { store, clock } = deps;
  const now = clock.now();
  const quiet = await store.listPairsNeedingNudge(now, DEFAULT_PROGRAM_SETTINGS.nudgeDays);
  const adminsByProgram = new Map<string, Person[]>();
  const rows: NewNotification[] = [];
  for (const pair of quiet) {
    let admins = adminsByProgram.get(pair.programId);
    if (!admins) {
      admins = await store.listRoleHolders(pair.programId, 'admin');
      adminsByProgram.set(pair.programId, admins);
    }
    rows.push(...ladderRows(pair, now, admins));
  }
  for (let i = 0; i < rows.length; i += CHUNK) await store.enqueueNotifications(rows.slice(i, i + CHUNK));
  if (rows.length > 0) deps.logger.info({ pairs: quiet.length, queued: rows.length }, 'nudge ladder');
  return { pairs: quiet.length, queued: rows.length };
}

/** The rows due for one quiet pair: the partners' step (both supersedes mentee), and the admins' one. */
export function ladderRows(pair: QuietPair, now: Date, admins: Person[]): NewNotification[] {
  const silentDays = Math.floor((now.getTime() - pair.lastActivity.getTime()) / DAY_MS);
  const subject = pairSubject(pair.pairId);
  const payload = { pairId: pair.pairId, since: pair.silenceKey };
  const key = (step: string) => `nudge.${step}:${pair.pairId}:${pair.silenceKey}`;
  const rows: NewNotification[] = [];
  if (silentDays >= pair.nudgeDays.both) {
    for (const [role, partner] of [['mentee', pair.mentee], ['mentor', pair.mentor]] as const) {
      rows.push({
        recipientId: partner.personId,
        kind: 'nudge.both',
        subject,
        payload,
        dueAt: nextWorkingMoment(now, partner.timeZone),
        dedupeKey: `${key('both')}:${role}`,
      });
    }
  } else if (silentDays >= pair.nudgeDays.mentee) {
    rows.push({
      recipientId: pair.mentee.personId,
      kind: 'nudge.mentee',
      subject,
      payload,
      dueAt: nextWorkingMoment(now, pair.mentee.timeZone),
      dedupeKey: key('mentee'),
    });
  }
  if (silentDays >= pair.nudgeDays.admins) {
    for (const admin of admins) {
      // An admin who is in the pair is already nudged as a partner.
      if (admin.id === pair.mentor.personId || admin.id === pair.mentee.personId) continue;
      rows.push({
        recipientId: admin.id,
        kind: 'nudge.at_risk',
        subject,
        payload,
        dueAt: nextWorkingMoment(now, admin.timeZone),
        dedupeKey: `${key('at_risk')}:${admin.id}`,
      });
    }
  }
  return rows;
}

/** The pair as it stands at send time, or null when the nudge no longer applies. */
async function stillQuiet(deps: CoreDeps, notification: Notification): Promise<{ pair: PairRecord; silentDays: number } | null> {
  const { store, clock } = deps;
  const payload = notification.payload as { pairId?: string; since?: string };
  const pair = await store.getPair(payload.pairId ?? '');
  if (!pair || pair.status !== 'active') return null;
  const now = clock.now();
  const activity = await store.getPairActivity(pair.id, now);
  // Something was planned or happened since: this silence is over.
  if (!activity || activity.hasUpcomingSession || activity.silenceKey !== payload.since) return null;
  return { pair, silentDays: Math.floor((now.getTime() - activity.lastActivity.getTime()) / DAY_MS) };
}

/** Paused or withdrawn partners get nothing. */
async function isActivePartner(deps: CoreDeps, pair: PairRecord, personId: string): Promise<boolean> {
  const enrollmentId = personId === pair.mentorPersonId ? pair.mentorEnrollmentId : personId === pair.menteePersonId ? pair.menteeEnrollmentId : null;
  if (!enrollmentId) return false;
  const enrollment = await deps.store.getEnrollment(enrollmentId);
  return enrollment?.status === 'approved';
}

const composePartnerNudge: Composer = async (deps, notification, recipient) => {
  const quiet = await stillQuiet(deps, notification);
  if (!quiet) return null;
  const { pair, silentDays } = quiet;
  const partnerId = recipient.id === pair.mentorPersonId ? pair.menteePersonId : pair.mentorPersonId;
  const [partner, partnerActive, recipientActive] = await Promise.all([
    deps.store.getPerson(partnerId),
    isActivePartner(deps, pair, partnerId),
    isActivePartner(deps, pair, recipient.id),
  ]);
  // A partner on pause explains the silence: nobody is nudged until they are back.
  if (!partner || !recipientActive || !partnerActive) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const step = notification.kind === 'nudge.mentee' ? 'mentee' : 'both';
  const text = t(`engagement.nudge.${step}.text`, { name: recipient.name, partner: partner.name, days: silentDays });
  return message(
    [
      { type: 'header', text: t(`engagement.nudge.${step}.title`) },
      { type: 'text', text },
      { type: 'actions', buttons: [{ action: 'session.form', label: t('engagement.nudge.schedule'), value: pair.id, style: 'primary' }] },
    ],
    text,
  );
};

const composeAtRisk: Composer = async (deps, notification, recipient): Promise<Message | null> => {
  const quiet = await stillQuiet(deps, notification);
  if (!quiet) return null;
  const { pair, silentDays } = quiet;
  if (!(await deps.store.hasRole(pair.programId, recipient.id, 'admin'))) return null;
  const [mentor, mentee] = await Promise.all([deps.store.getPerson(pair.mentorPersonId), deps.store.getPerson(pair.menteePersonId)]);
  if (!mentor || !mentee) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const text = t('engagement.nudge.at_risk.text', { mentor: mentor.name, mentee: mentee.name, days: silentDays });
  return message(
    [
      { type: 'header', text: t('engagement.nudge.at_risk.title') },
      { type: 'text', text },
      { type: 'context', text: t('engagement.nudge.at_risk.note', { mentee: mentee.name }) },
      { type: 'actions', buttons: pairActionButtons(t, pair.id) },
    ],
    text,
  );
};

export const NUDGE_COMPOSERS: Record<string, Composer> = {
  'nudge.mentee': composePartnerNudge,
  'nudge.both': composePartnerNudge,
  'nudge.at_risk': composeAtRisk,
};
