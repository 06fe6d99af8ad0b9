// `admin failed`: messages Tandem gave up delivering, in words an admin can act on, with Retry / Dismiss.
import type { RequestContext } from '../context.js';
import { formatDateTime } from '../format.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { message, textReply, type Block, type Button, type Outcome } from '../messages.js';
import type { FailedNotification } from '../ports.js';

export const FAILED_ACTIONS = {
  retry: 'failed.retry',
  dismiss: 'failed.dismiss',
  /** Another page (value: page number). */
  page: 'failed.page',
} as const;

/** Deliveries per page: two blocks each, well under Slack's 50 blocks, a light Teams card. */
export const FAILED_PAGE = 15;

export async function listFailedDeliveries(ctx: RequestContext, pageValue?: string): Promise<Outcome> {
  const { t, store, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const page = Math.min(Math.max(0, Number.parseInt(pageValue ?? '0', 10) || 0), 1000);
  const first = page * FAILED_PAGE;
  // One row past the page tells whether there is a next one.
  const rows = await store.listFailedNotifications(first + FAILED_PAGE + 1);
  const shown = rows.slice(first, first + FAILED_PAGE);
  const replaceSource = pageValue !== undefined;
  if (shown.length === 0) {
    return { ...textReply(t(page === 0 ? 'oversight.failed.none' : 'oversight.failed.no_more')), replaceSource };
  }
  const names = new Map<string, string>();
  for (const id of new Set(shown.map((row) => row.recipientId))) names.set(id, (await store.getPerson(id))?.name ?? '—');
  const title = t('oversight.failed.title');
  const blocks: Block[] = [{ type: 'header', text: title }, { type: 'context', text: t('oversight.failed.intro') }];
  for (const row of shown) {
    blocks.push(
      {
        type: 'text',
        text: t('oversight.failed.row', {
          what: { trusted: describeKind(t, row.kind) },
          name: names.get(row.recipientId) ?? '—',
          attempts: row.attempts,
          when: { trusted: formatDateTime(row.dueAt, t.locale, person.timeZone) },
          error: { trusted: describeError(t, row) },
        }),
      },
      {
        type: 'actions',
        buttons: [
          { action: FAILED_ACTIONS.retry, label: t('oversight.failed.retry'), value: row.id, style: 'primary' },
          { action: FAILED_ACTIONS.dismiss, label: t('oversight.failed.dismiss'), value: row.id },
        ],
      },
    );
  }
  const hasMore = rows.length > first + FAILED_PAGE;
  if (page > 0 || hasMore) {
    blocks.push({ type: 'context', text: t('oversight.failed.page', { from: first + 1, to: first + shown.length }) });
    const nav: Button[] = [];
    if (page > 0) nav.push({ action: FAILED_ACTIONS.page, label: t('oversight.pairs.previous'), value: String(page - 1) });
    if (hasMore) nav.push({ action: FAILED_ACTIONS.page, label: t('oversight.pairs.more'), value: String(page + 1) });
    blocks.push({ type: 'actions', buttons: nav });
  }
  return { kind: 'message', message: message(blocks, title), replaceSource };
}

/** Retry: pending again now, attempts reset; the dispatcher composes it afresh (dropped if it no longer applies). */
export async function retryDelivery(ctx: RequestContext, id: string): Promise<Outcome> {
  const { t, store, clock, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const retried = await store.transaction(async (tx) => {
    if (!(await tx.retryNotification(id, clock.now()))) return false;
    await tx.audit({ actorId: person.id, programId: ctx.program?.id, action: 'notification.retried', targetType: 'notification', targetId: id });
    return true;
  });
  return textReply(t(retried ? 'oversight.failed.retried' : 'oversight.failed.already_handled'));
}

/** Dismiss: the admin dealt with it another way; it leaves the list and is never sent. */
export async function dismissDelivery(ctx: RequestContext, id: string): Promise<Outcome> {
  const { t, store, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const dismissed = await store.transaction(async (tx) => {
    if (!(await tx.dismissFailedNotification(id))) return false;
    await tx.audit({ actorId: person.id, programId: ctx.program?.id, action: 'notification.dismissed', targetType: 'notification', targetId: id });
    return true;
  });
  return textReply(t(dismissed ? 'oversight.failed.dismissed' : 'oversight.failed.already_handled'));
}

/** What the message was, by the family of its kind ("pair.intro" → a pair introduction). */
export function describeKind(t: Translator, kind: string): string {
  const families: [RegExp, MessageKey][] = [
    [/^pair\.intro$/, 'oversight.failed.kind.intro'],
    [/^round\.unmatched$/, 'oversight.failed.kind.unmatched'],
    [/^round\./, 'oversight.failed.kind.round'],
    [/^mentor\./, 'oversight.failed.kind.mentor'],
    [/^(session\.reminder|session\.kit)/, 'oversight.failed.kind.reminder'],
    [/^session\./, 'oversight.failed.kind.session'],
    [/(^|\.)nudge|^pair\.remind|^pair\.at_risk/, 'oversight.failed.kind.nudge'],
    [/feedback|adoption|closing/, 'oversight.failed.kind.feedback'],
    [/^pair\./, 'oversight.failed.kind.pair'],
    [/summary|digest/, 'oversight.failed.kind.summary'],
    [/^pause\./, 'oversight.failed.kind.pause'],
  ];
  const key = families.find(([pattern]) => pattern.test(kind))?.[1];
  return key ? t(key) : t('oversight.failed.kind.other', { kind });
}

/** The platform's failure, said plainly; the raw text stays as a hint when nothing better is known. */
export function describeError(t: Translator, row: Pick<FailedNotification, 'lastError'>): string {
  const error = row.lastError ?? '';
  const known: [RegExp, MessageKey][] = [
    [/is not configured/, 'oversight.failed.error.not_configured'],
    [/user_not_found|account_inactive|user_disabled|user_not_visible|invalid_users|users_not_found/, 'oversight.failed.error.account_gone'],
    [/no Teams conversation with this person|invalid conversation reference/, 'oversight.failed.error.no_teams_chat'],
    [/channel_not_found|not_in_channel|cannot_dm_bot|messages_tab_disabled|is_archived|restricted_action/, 'oversight.failed.error.cannot_message'],
    [/refused the message \((401|403|404)\)|\((401|403)\)/, 'oversight.failed.error.refused'],
    [/rate limit|ratelimited|\b429\b/i, 'oversight.failed.error.rate_limited'],
    [/invalid_auth|not_authed|token_revoked|account_inactive/, 'oversight.failed.error.auth'],
    [/unreachable|request failed|HTTP 5\d\d|error \(5\d\d\)|ECONN|ETIMEDOUT|fetch failed/i, 'oversight.failed.error.unreachable'],
    [/invalid_blocks|msg_too_long|too_many_attachments|invalid_arguments/, 'oversight.failed.error.invalid_message'],
  ];
  const key = known.find(([pattern]) => pattern.test(error))?.[1];
  if (key) return t(key);
  return error ? t('oversight.failed.error.other', { detail: error.slice(0, 160) }) : t('oversight.failed.error.unknown');
}
