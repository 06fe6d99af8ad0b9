// The pair's plan (phase 3 of a real program): modules in order, cadence, duration, number of sessions.
// Either partner agrees it from the intro or `/tandem plan`; the other is told.
import type { RequestContext } from '../context.js';
import { commandPrefix } from '../context.js';
import { formatDay, today } from '../format.js';
import { translator, trusted, type Translator } from '../i18n/index.js';
import { message, type Block, type Form, type FormField, type FormValues, type Outcome, textReply } from '../messages.js';
import type { PairRecord, SessionRecord } from '../ports.js';
import type { Person, SessionPlan, Topic } from '../types.js';
import { topicName } from './describe-match.js';
import type { Composer } from './notification-composers.js';
import { isPartner, partnerIdOf, SESSION_DURATION } from './schedule-session.js';
import { showExpired } from './show-expired.js';

export const PLAN_FORM_ID = 'plan';
export const PLAN_SESSION_COUNT = { min: 1, max: 24 } as const;
const CADENCES: SessionPlan['cadence'][] = ['weekly', 'biweekly', 'monthly'];
/** Module slots offered: enough for AXA's five modules and a spare, more when the plan already has more. */
const MIN_MODULE_SLOTS = 6;
const MAX_MODULE_SLOTS = 12;
const NO_MODULE = '-';

/** The plan to start the form from: the pair's, else the program's default led by the mentee's needs by priority. */
async function startingPlan(ctx: RequestContext, pair: PairRecord): Promise<SessionPlan> {
  const program = await ctx.store.getProgram(pair.programId);
  const defaults = program?.settings.defaultPlan ?? { modules: [], cadence: 'biweekly', durationMinutes: 60, sessionCount: 6 };
  if (pair.plan && pair.plan.modules.length > 0) return pair.plan;
  const mentee = await ctx.store.getEnrollment(pair.menteeEnrollmentId);
  const needs = [...(mentee?.topics ?? [])].sort((a, b) => b.level - a.level || a.topic.localeCompare(b.topic)).map((c) => c.topic);
  const modules = [...new Set([...needs, ...defaults.modules])].slice(0, defaults.sessionCount);
  return { ...defaults, ...pair.plan, modules };
}

export async function planForm(ctx: RequestContext, pairId: string): Promise<Outcome> {
  const { t, person, store } = ctx;
  const pair = await store.getPair(pairId);
  if (!pair || !isPartner(pair, person.id)) return showExpired(ctx);
  if (pair.status !== 'active') return textReply(t('sessions.plan.not_active'));
  return { kind: 'form', form: await buildPlanForm(ctx, pair, await startingPlan(ctx, pair)) };
}

async function buildPlanForm(ctx: RequestContext, pair: PairRecord, plan: SessionPlan, values?: FormValues): Promise<Form> {
  const { t, person, store } = ctx;
  const topics = await store.listTopics();
  const partner = await store.getPerson(partnerIdOf(pair, person.id));
  const value = (id: string) => {
    const v = values?.[id];
    return Array.isArray(v) ? v[0] : v;
  };
  const slots = Math.min(MAX_MODULE_SLOTS, Math.max(MIN_MODULE_SLOTS, plan.modules.length + 1));
  const topicOptions = topics.map((topic) => ({ value: topic.slug, label: topicName(topics, topic.slug, t) }));
  const moduleFields: FormField[] = Array.from({ length: slots }, (_, index) => {
    const id = `module.${index + 1}`;
    const initial = values ? value(id) : plan.modules[index];
    return {
      kind: 'select',
      id,
      label: t('sessions.plan.form.module', { number: index + 1 }),
      // Past the first, a slot can be emptied again: a chosen option cannot be unselected in Slack.
      options: index === 0 ? topicOptions : [{ value: NO_MODULE, label: t('sessions.plan.form.no_module') }, ...topicOptions],
      multiple: false,
      required: index === 0,
      ...(initial ? { initial: [initial] } : {}),
    };
  });
  const cadence = value('cadence') ?? plan.cadence;
  return {
    id: PLAN_FORM_ID,
    title: t('sessions.plan.form.title'),
    submitLabel: t('sessions.plan.form.submit'),
    cancelLabel: t('form.cancel'),
    requiredError: t('validation.required'),
    state: JSON.stringify({ pairId: pair.id }),
    intro: t('sessions.plan.form.intro', { partner: partner?.name ?? '—' }),
    fields: [
      ...moduleFields,
      {
        kind: 'select',
        id: 'cadence',
        label: t('sessions.plan.form.cadence'),
        options: CADENCES.map((c) => ({ value: c, label: t(`cadence.${c}`) })),
        multiple: false,
        required: true,
        initial: [cadence],
      },
      {
        kind: 'number',
        id: 'duration',
        label: t('sessions.plan.form.duration'),
        min: SESSION_DURATION.min,
        max: SESSION_DURATION.max,
        required: true,
        initial: Number(value('duration')) || plan.durationMinutes,
      },
      {
        kind: 'number',
        id: 'sessionCount',
        label: t('sessions.plan.form.count'),
        min: PLAN_SESSION_COUNT.min,
        max: PLAN_SESSION_COUNT.max,
        required: true,
        initial: Number(value('sessionCount')) || plan.sessionCount,
      },
    ],
  };
}

/** Reads and checks the plan form; errors by field id. */
export function readPlan(t: Translator, topics: Topic[], values: FormValues): { plan: SessionPlan | null; errors: Record<string, string> } {
  const one = (id: string) => {
    const v = values[id];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
  };
  const errors: Record<string, string> = {};
  const known = new Set(topics.map((topic) => topic.slug));
  const modules: string[] = [];
  const slotIds = Object.keys(values)
    .map((id) => /^module\.(\d{1,2})$/.exec(id))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) >= 1 && Number(m[1]) <= MAX_MODULE_SLOTS)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => m[0]);
  for (const id of slotIds) {
    const slug = one(id);
    if (slug === '' || slug === NO_MODULE) continue;
    if (!known.has(slug)) errors[id] = t('validation.choice');
    else if (modules.includes(slug)) errors[id] = t('sessions.plan.duplicate');
    else modules.push(slug);
  }
  if (modules.length === 0 && !errors['module.1']) errors['module.1'] = t('sessions.plan.modules_required');
  const cadence = one('cadence') as SessionPlan['cadence'];
  if (!CADENCES.includes(cadence)) errors.cadence = t('validation.choice');
  const duration = Number(one('duration'));
  if (one('duration') === '' || !Number.isInteger(duration) || duration < SESSION_DURATION.min || duration > SESSION_DURATION.max) {
    errors.duration = t('session.duration', { min: SESSION_DURATION.min, max: SESSION_DURATION.max });
  }
  const count = Number(one('sessionCount'));
  if (one('sessionCount') === '' || !Number.isInteger(count) || count < PLAN_SESSION_COUNT.min || count > PLAN_SESSION_COUNT.max) {
    errors.sessionCount = t('sessions.plan.count', { min: PLAN_SESSION_COUNT.min, max: PLAN_SESSION_COUNT.max });
  } else if (modules.length > count) {
    errors.sessionCount = t('sessions.plan.too_few_sessions', { modules: modules.length });
  }
  if (Object.keys(errors).length > 0) return { plan: null, errors };
  return { plan: { modules, cadence, durationMinutes: duration, sessionCount: count }, errors };
}

export async function submitPlanForm(ctx: RequestContext, rawState: string, values: FormValues): Promise<Outcome> {
  const { t, person, store, clock } = ctx;
  let pairId = '';
  try {
    pairId = String((JSON.parse(rawState) as { pairId?: unknown }).pairId ?? '');
  } catch {
    return showExpired(ctx);
  }
  const pair = await store.getPair(pairId);
  if (!pair || !isPartner(pair, person.id)) return showExpired(ctx);
  const notActive: Outcome = { kind: 'form_done', message: message([{ type: 'text', text: t('sessions.plan.not_active') }]) };
  if (pair.status !== 'active') return notActive;
  const topics = await store.listTopics();
  const { plan, errors } = readPlan(t, topics, values);
  if (!plan) return { kind: 'form_errors', errors, form: await buildPlanForm(ctx, pair, await startingPlan(ctx, pair), values) };
  const partnerId = partnerIdOf(pair, person.id);
  const now = clock.now();
  const saved = await store.transaction(async (tx) => {
    if (!(await tx.savePlan(pair.id, plan, person.id, now))) return false;
    await tx.enqueueNotifications([
      {
        recipientId: partnerId,
        kind: 'plan.agreed',
        subject: `pair:${pair.id}`,
        payload: { pairId: pair.id, by: person.id, at: now.toISOString() },
        dueAt: now,
        dedupeKey: `plan.agreed:${pair.id}:${now.getTime()}:${partnerId}`,
      },
    ]);
    await tx.audit({ actorId: person.id, programId: pair.programId, action: 'plan.agreed', targetType: 'pair', targetId: pair.id, details: { ...plan } });
    return true;
  });
  if (!saved) return notActive;
  const partner = await store.getPerson(partnerId);
  const sessions = await store.listSessions(pair.id);
  return {
    kind: 'form_done',
    message: message([
      { type: 'text', text: t('sessions.plan.saved', { partner: partner?.name ?? '—' }) },
      ...planBlocks(t, plan, topics, sessions),
      { type: 'actions', buttons: [{ action: 'session.form', label: t('sessions.button.schedule_next'), value: pair.id, style: 'primary' }] },
    ]),
  };
}

/** The plan in words: numbered modules (✓ when a session on it was held), then rhythm and length. */
export function planBlocks(t: Translator, plan: SessionPlan, topics: Topic[], sessions: SessionRecord[]): Block[] {
  const held = new Set(sessions.filter((s) => s.status === 'held').map((s) => s.topic));
  const modules = plan.modules.map((slug, index) => `${index + 1}. ${topicName(topics, slug, t)}${held.has(slug) ? ' ✓' : ''}`).join('\n');
  return [
    { type: 'text', text: `${t('sessions.plan.modules')}\n${modules || t('sessions.plan.no_modules')}` },
    {
      type: 'text',
      text: t('sessions.plan.rhythm', { count: plan.sessionCount, duration: plan.durationMinutes, cadence: trusted(t(`cadence.${plan.cadence}`)) }),
    },
  ];
}

/** `/tandem plan`: the plan of each of the person's active pairs, with Edit. */
export async function showPlans(ctx: RequestContext): Promise<Outcome> {
  const { t, person, store } = ctx;
  const pairs = await store.listActivePairsOfPerson(person.id);
  if (pairs.length === 0) return textReply(t('sessions.no_pair'));
  const topics = await store.listTopics();
  const blocks: Block[] = [];
  for (const [index, pair] of pairs.entries()) {
    const partner = await store.getPerson(partnerIdOf(pair, person.id));
    if (!partner) continue;
    if (index > 0) blocks.push({ type: 'divider' });
    blocks.push({ type: 'header', text: t('sessions.plan.title', { partner: partner.name }) });
    const plan = pair.plan && pair.plan.modules.length > 0 ? pair.plan : await startingPlan(ctx, pair);
    blocks.push(...planBlocks(t, plan, topics, await store.listSessions(pair.id)));
    blocks.push({ type: 'context', text: await agreedLine(ctx, pair) });
    blocks.push({
      type: 'actions',
      buttons: [
        { action: 'plan.form', label: pair.planAgreedAt ? t('sessions.button.plan_edit') : t('sessions.button.plan'), value: pair.id, style: 'primary' },
        { action: 'session.form', label: t('sessions.button.schedule_with', { name: partner.name }), value: pair.id },
      ],
    });
  }
  return { kind: 'message', message: message(blocks) };
}

async function agreedLine(ctx: RequestContext, pair: PairRecord): Promise<string> {
  const { t, person, store } = ctx;
  if (!pair.planAgreedAt) return t('sessions.plan.suggested');
  const by = pair.planAgreedBy ? await store.getPerson(pair.planAgreedBy) : null;
  const day = trusted(formatDay(today(pair.planAgreedAt, person.timeZone), t.locale));
  if (by?.id === person.id) return t('sessions.plan.agreed_by_you', { day });
  return t('sessions.plan.agreed_by', { name: by?.name ?? '—', day });
}

/** The partner learns the plan their partner agreed, and can edit it in turn. */
const composePlanAgreed: Composer = async (deps, notification, recipient: Person) => {
  const { store } = deps;
  const payload = notification.payload as { pairId?: string; by?: string; at?: string };
  const pair = await store.getPair(payload.pairId ?? '');
  const by = await store.getPerson(payload.by ?? '');
  if (!pair || pair.status !== 'active' || !pair.plan || !by || !isPartner(pair, recipient.id)) return null;
  // Changed again since: only the plan that stands is announced.
  if (payload.at && pair.planAgreedAt && pair.planAgreedAt.toISOString() !== payload.at) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const topics = await store.listTopics();
  return message([
    { type: 'text', text: t('sessions.plan.agreed_partner', { name: by.name }) },
    ...planBlocks(t, pair.plan, topics, await store.listSessions(pair.id)),
    {
      type: 'actions',
      buttons: [
        { action: 'session.form', label: t('sessions.button.schedule_next'), value: pair.id, style: 'primary' },
        { action: 'plan.form', label: t('sessions.button.plan_edit'), value: pair.id },
      ],
    },
  ]);
};

export const PLAN_COMPOSERS: Record<string, Composer> = { 'plan.agreed': composePlanAgreed };
