// The weekly summary of a program: switched on or off from a channel by an admin, enqueued in the
// outbox at its slot (one per program and ISO week), composed at send time, posted in that channel.
import { DateTime, Info } from 'luxon';
import { commandPrefix, type CoreDeps, type RequestContext } from '../context.js';
import type { WeeklySchedule } from '../grammar.js';
import { translator, trusted } from '../i18n/index.js';
import { textReply, type Message, type Outcome } from '../messages.js';
import type { Notification } from '../ports.js';
import type { ConversationChannel } from '../tandem.js';
import type { Locale, Person, Platform, Program, ProgramSettings } from '../types.js';
import { buildSummary, isProgramAdmin, maySeeSummary, refusal, summaryProgram } from './program-summary.js';

export const DIGEST_KIND = 'summary.digest';
/** A slot missed (the app was down) is still honoured this long after its time, not later. */
export const DIGEST_GRACE_MS = 3 * 3_600_000;

/** Where a digest row goes: named in its payload, read back by the dispatcher. */
export interface DigestChannel {
  platform: Platform;
  tenantId: string;
  channelId: string;
}

type Digest = NonNullable<ProgramSettings['digest']>;

export async function weeklySummaryCommand(
  ctx: RequestContext,
  channel: ConversationChannel | undefined,
  schedule: WeeklySchedule | 'off' | 'show',
): Promise<Outcome> {
  const { t, person, store } = ctx;
  const program = await summaryProgram(ctx);
  if (!program) return textReply(t('summary.no_program'));
  if (schedule === 'show' ? !(await maySeeSummary(ctx, program)) : !(await isProgramAdmin(ctx, person, program))) {
    return refusal(t(schedule === 'show' ? 'summary.refused' : 'error.forbidden'));
  }
  if (!channel) return textReply(t(person.platform === 'slack' ? 'summary.no_channel.slack' : 'summary.no_channel.teams'));
  const current = program.settings.digest;
  const zone = program.settings.timeZone;

  if (schedule === 'show') {
    if (!current) return textReply(t('summary.weekly.show_off'));
    const when = { day: trusted(dayName(current.day, t.locale)), hour: trusted(hourText(current.hour)), timeZone: zone };
    if (current.channel === channel.id && current.platform === person.platform) return textReply(t('summary.weekly.show_here', when));
    return textReply(
      t('summary.weekly.show_elsewhere', {
        ...when,
        dayExample: trusted(dayName(current.day, t.locale).toLowerCase()),
        hourExample: trusted(t.locale === 'fr' ? `${current.hour}h` : String(current.hour)),
      }),
    );
  }

  if (schedule === 'off') {
    if (!current) return textReply(t('summary.weekly.already_off'));
    await store.transaction(async (tx) => {
      await tx.setProgramDigest(program.id, null);
      await tx.cancelPendingNotifications(digestSubject(program.id), 'weekly summary switched off', [DIGEST_KIND]);
      await tx.audit({ actorId: person.id, programId: program.id, action: 'summary.digest.off', targetType: 'channel', targetId: current.channel });
    });
    return textReply(t('summary.weekly.off'));
  }

  const now = ctx.clock.now();
  const digest: Digest = { channel: channel.id, platform: person.platform, day: schedule.day, hour: schedule.hour, by: person.id, since: now.toISOString() };
  await store.transaction(async (tx) => {
    await tx.saveChannelRef({ platform: person.platform, tenantId: person.tenantId, channelId: channel.id, name: channel.name ?? null, reference: channel.reference ?? null });
    await tx.setProgramDigest(program.id, digest);
    // A digest already waiting for the former setting (another channel or slot) no longer applies.
    await tx.cancelPendingNotifications(digestSubject(program.id), 'weekly summary moved', [DIGEST_KIND]);
    await tx.audit({ actorId: person.id, programId: program.id, action: 'summary.digest.on', targetType: 'channel', targetId: channel.id, details: { day: schedule.day, hour: schedule.hour } });
  });
  const next = nextSlot(digest, zone, now);
  return textReply(
    t('summary.weekly.on', {
      day: trusted(dayName(schedule.day, t.locale)),
      hour: trusted(hourText(schedule.hour)),
      timeZone: zone,
      next: trusted(next.setLocale(t.locale === 'fr' ? 'fr-FR' : 'en-GB').toFormat('cccc d LLLL')),
    }),
  );
}

/** Job: enqueues each program's digest once its weekly slot has come (deduplicated per ISO week). */
export async function enqueueWeeklyDigests(deps: CoreDeps): Promise<number> {
  const { store, clock, logger } = deps;
  const now = clock.now();
  let enqueued = 0;
  for (const program of await store.listProgramsWithDigest()) {
    const digest = program.settings.digest;
    if (!digest) continue;
    const slot = slotOfWeek(digest, program.settings.timeZone, now);
    const elapsed = now.getTime() - slot.toMillis();
    if (elapsed < 0 || elapsed >= DIGEST_GRACE_MS) continue;
    if (digest.since && slot.toMillis() < Date.parse(digest.since)) continue;
    const recipient = await digestRecipient(deps, program, digest);
    if (!recipient) {
      logger.warn({ programId: program.id }, 'weekly summary not sent: no admin of the program on its platform to send it as');
      continue;
    }
    const channel: DigestChannel = { platform: digest.platform, tenantId: recipient.tenantId, channelId: digest.channel };
    await store.enqueueNotifications([
      {
        recipientId: recipient.id,
        kind: DIGEST_KIND,
        subject: digestSubject(program.id),
        payload: { programId: program.id, channel: { ...channel } },
        dueAt: slot.toJSDate(),
        dedupeKey: `${DIGEST_KIND}:${program.id}:${slot.toFormat("kkkk-'W'WW")}`,
      },
    ]);
    enqueued++;
  }
  return enqueued;
}

/** Composer of a digest row: the summary as of now, unless the digest was switched off or moved since. */
export async function composeWeeklyDigest(deps: CoreDeps, notification: Notification, recipient: Person): Promise<Message | null> {
  const payload = notification.payload as { programId?: unknown; channel?: Partial<DigestChannel> };
  const program = typeof payload.programId === 'string' ? await deps.store.getProgram(payload.programId) : null;
  const digest = program?.settings.digest;
  if (!program || !digest || (program.status !== 'open' && program.status !== 'closed')) return null;
  if (digest.channel !== payload.channel?.channelId || digest.platform !== payload.channel.platform) return null;
  // An earlier attempt of this row may have recorded its figures already: record them once.
  const latest = await deps.store.latestSummary(program.id);
  const recorded = latest?.kind === 'digest' && latest.createdAt.getTime() >= notification.dueAt.getTime();
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  return buildSummary(deps, program, t, { kind: 'digest', requestedBy: null, previousBefore: notification.dueAt, record: !recorded });
}

export function digestSubject(programId: string): string {
  return `digest:${programId}`;
}

/** The admin who switched it on, else another admin of the program on the channel's platform. */
async function digestRecipient(deps: CoreDeps, program: Program, digest: Digest): Promise<Person | null> {
  const admins = await deps.store.listRoleHolders(program.id, 'admin');
  const candidates = admins.filter((admin) => admin.platform === digest.platform);
  return candidates.find((admin) => admin.id === digest.by) ?? candidates[0] ?? null;
}

/** This week's slot (Monday-first weeks) in the program's time zone. */
function slotOfWeek(digest: Pick<Digest, 'day' | 'hour'>, timeZone: string, now: Date): DateTime {
  return DateTime.fromJSDate(now)
    .setZone(timeZone)
    .startOf('week')
    .plus({ days: digest.day - 1 })
    .set({ hour: digest.hour, minute: 0, second: 0, millisecond: 0 });
}

function nextSlot(digest: Digest, timeZone: string, now: Date): DateTime {
  const slot = slotOfWeek(digest, timeZone, now);
  return slot.toMillis() >= now.getTime() ? slot : slot.plus({ weeks: 1 });
}

function dayName(day: number, locale: Locale): string {
  return Info.weekdays('long', { locale: locale === 'fr' ? 'fr-FR' : 'en-GB' })[day - 1] ?? String(day);
}

function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** Spread into FEATURE_COMPOSERS. */
export const SUMMARY_COMPOSERS = { [DIGEST_KIND]: composeWeeklyDigest };
