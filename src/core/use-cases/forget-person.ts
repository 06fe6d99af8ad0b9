// `forget-me` and `admin forget @person`: after a confirmation, everything about the person is erased or
// anonymized in one transaction; partners of their active pairs are told the pair ended, without reasons.
import { commandPrefix, type CoreDeps, type RequestContext } from '../context.js';
import type { Target } from '../grammar.js';
import { translator, trusted } from '../i18n/index.js';
import { message, textReply, type Message, type Outcome } from '../messages.js';
import { untrusted } from '../text.js';
import type { Person } from '../types.js';
import { showExpired } from './show-expired.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function askToForget(ctx: RequestContext): Outcome {
  const { t, person } = ctx;
  return {
    kind: 'message',
    message: message([
      { type: 'text', text: t('privacy.forget.confirm') },
      {
        type: 'actions',
        buttons: [
          { action: 'forget.confirm', label: t('privacy.forget.confirm_button'), value: person.id, style: 'danger' },
          { action: 'forget.keep', label: t('privacy.forget.keep_button') },
        ],
      },
    ]),
  };
}

/** The click on "Erase everything": `value` is the id of the person who was asked. */
export async function confirmForget(ctx: RequestContext, value: string | undefined): Promise<Outcome> {
  const { t, person } = ctx;
  if (value !== person.id) {
    // Erasure gave the old platform identity a fresh person: a second click finds the first one erased.
    const asked = value && UUID.test(value) ? await ctx.store.getPerson(value) : null;
    return asked?.erasedAt ? { ...textReply(t('privacy.forget.already')), replaceSource: true } : showExpired(ctx);
  }
  const result = await erase(ctx, [person.id], 'self');
  if (result.erased === 0) return { ...textReply(t('privacy.forget.already')), replaceSource: true };
  const lines = [t('privacy.forget.done')];
  if (result.pairsEnded === 1) lines.push(t('privacy.forget.done_partner'));
  if (result.pairsEnded > 1) lines.push(t('privacy.forget.done_partners', { count: result.pairsEnded }));
  return { kind: 'message', message: message(lines.map((text) => ({ type: 'text' as const, text }))), replaceSource: true };
}

export function keepData(ctx: RequestContext): Outcome {
  return { ...textReply(ctx.t('privacy.forget.kept')), replaceSource: true };
}

/** `admin forget @person` / `admin forget person@example.com`: an email known on both platforms erases both. */
export async function askToForgetPerson(ctx: RequestContext, target: Target): Promise<Outcome> {
  const { t, store } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const found =
    target.kind === 'email'
      ? await store.findPeopleByEmail(target.email)
      : [await store.findPerson({ platform: ctx.person.platform, tenantId: ctx.person.tenantId, userId: target.userId })];
  const people = found.filter((p): p is Person => p !== null && !p.erasedAt);
  if (people.length === 0) {
    return textReply(target.kind === 'email' ? t('admin.unknown_person', { target: target.email }) : t('admin.unknown_mention'));
  }
  const who = trusted(people.map((p) => describe(p)).join(', '));
  return {
    kind: 'message',
    message: message([
      { type: 'text', text: t(people.length > 1 ? 'privacy.admin.confirm_many' : 'privacy.admin.confirm', { who }) },
      {
        type: 'actions',
        buttons: [
          { action: 'forget.admin.confirm', label: t('privacy.admin.confirm_button'), value: people.map((p) => p.id).join(','), style: 'danger' },
          { action: 'forget.admin.keep', label: t('privacy.admin.keep_button') },
        ],
      },
    ]),
  };
}

export async function confirmForgetPerson(ctx: RequestContext, value: string | undefined): Promise<Outcome> {
  const { t } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const ids = (value ?? '').split(',').filter((id) => UUID.test(id));
  if (ids.length === 0) return showExpired(ctx);
  const result = await erase(ctx, ids, 'admin');
  if (result.erased === 0) {
    return result.found === 0 ? showExpired(ctx) : { ...textReply(t('privacy.admin.already')), replaceSource: true };
  }
  return { ...textReply(t('privacy.admin.done', { pairs: result.pairsEnded })), replaceSource: true };
}

export function keepPersonData(ctx: RequestContext): Outcome {
  return { ...textReply(ctx.t('privacy.admin.kept')), replaceSource: true };
}

/** "*Ada Lovelace* (ada@example.com, Slack)": enough for an admin to be sure who they erase. */
function describe(person: Person): string {
  const platform = person.platform === 'slack' ? 'Slack' : 'Teams';
  const details = person.email ? `${untrusted(person.email)}, ${platform}` : platform;
  return `*${untrusted(person.name)}* (${details})`;
}

/**
 * One transaction: each person erased, the partners of their active pairs told (once: the dedupe key is
 * the one `leave` uses), and the erasure audited with ids only — never a name or an email.
 */
async function erase(
  ctx: RequestContext,
  personIds: string[],
  by: 'self' | 'admin',
): Promise<{ found: number; erased: number; pairsEnded: number }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    let found = 0;
    let erased = 0;
    let pairsEnded = 0;
    for (const personId of personIds) {
      const result = await tx.erasePerson(personId, now);
      if (result.status === 'not_found') continue;
      found += 1;
      if (result.status === 'already_erased') continue;
      erased += 1;
      pairsEnded += result.endedPairs.length;
      await tx.enqueueNotifications(
        result.endedPairs.map((pair) => ({
          recipientId: pair.partnerId,
          kind: 'pair.ended',
          payload: { pairId: pair.pairId, leaverId: personId },
          dueAt: now,
          dedupeKey: `pair.ended:${pair.pairId}:${pair.partnerId}`,
        })),
      );
      await tx.audit({
        actorId: by === 'self' ? personId : ctx.person.id,
        programId: ctx.program?.id ?? null,
        action: 'person.erased',
        targetType: 'person',
        targetId: personId,
        details: { by, pairsEnded: result.endedPairs.length },
      });
    }
    if (erased > 0) ctx.logger.info({ erased, by, pairsEnded }, 'personal data erased');
    return { found, erased, pairsEnded };
  });
}

/**
 * The partner's notice when the person who left was erased: their name is gone, so the pair is named by
 * the former partner's role and the program. No reason is given.
 */
export async function composePairEndedByErasure(deps: CoreDeps, pairId: string, recipient: Person): Promise<Message | null> {
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const pair = await deps.store.getPair(pairId);
  if (!pair) return null;
  const program = await deps.store.getProgram(pair.programId);
  const formerRole = pair.mentorPersonId === recipient.id ? 'mentee' : 'mentor';
  return message([
    {
      type: 'text',
      text: t('privacy.pair_ended', {
        name: recipient.name,
        role: trusted(t(`role.${formerRole}`).toLowerCase()),
        program: program?.name ?? t('app.name'),
      }),
    },
  ]);
}
