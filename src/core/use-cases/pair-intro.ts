// The pair's introduction: who is who and why, both bios, the suggested plan and a first-session agenda.
import { businessTopicName } from '../business-topics.js';
import type { CoreDeps } from '../context.js';
import { commandPrefix } from '../context.js';
import { formatList } from '../format.js';
import { translator, type Translator } from '../i18n/index.js';
import { message, type Block, type Button, type Message } from '../messages.js';
import type { PairRecord } from '../ports.js';
import { untrusted } from '../text.js';
import type { Enrollment, Person, Topic } from '../types.js';
import { describeReasons, topicName } from './describe-match.js';

interface IntroParts {
  pair: PairRecord;
  mentor: Person;
  mentee: Person;
  mentorEnrollment: Enrollment;
  menteeEnrollment: Enrollment;
  programName: string;
  topics: Topic[];
  firstKit: { keyFigure: Record<'en' | 'fr', string>; exercise: Record<'en' | 'fr', string> } | null;
}

/** The intro for `recipient`; for a group message, one section per language of its readers. */
export async function composePairIntro(deps: CoreDeps, pairId: string, recipient: Person, audience: Person[]): Promise<Message | null> {
  const { store } = deps;
  const pair = await store.getPair(pairId);
  if (!pair || pair.status !== 'active') return null;
  const [mentor, mentee, mentorEnrollment, menteeEnrollment, topics] = await Promise.all([
    store.getPerson(pair.mentorPersonId),
    store.getPerson(pair.menteePersonId),
    store.getEnrollment(pair.mentorEnrollmentId),
    store.getEnrollment(pair.menteeEnrollmentId),
    store.listTopics(),
  ]);
  if (!mentor || !mentee || !mentorEnrollment || !menteeEnrollment) return null;
  const program = await store.getProgram(pair.programId);
  const firstModule = pair.plan?.modules[0];
  const kit = firstModule ? await store.getTopicKit(firstModule) : null;
  const parts: IntroParts = {
    pair,
    mentor,
    mentee,
    mentorEnrollment,
    menteeEnrollment,
    programName: program?.name ?? 'Tandem',
    topics,
    firstKit: kit && kit.keyFigures[0] ? { keyFigure: kit.keyFigures[0], exercise: kit.exercise } : null,
  };
  const readers = audience.length > 1 ? audience : [recipient];
  const locales = [...new Set([recipient.locale, ...readers.map((r) => r.locale)])];
  const blocks: Block[] = [];
  locales.forEach((locale, index) => {
    if (index > 0) blocks.push({ type: 'divider' });
    const t = translator(locale, commandPrefix(recipient.platform));
    blocks.push(...introBlocks(t, parts, recipient, readers.length > 1));
  });
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  return message(blocks, t('intro.title'));
}

function introBlocks(t: Translator, p: IntroParts, recipient: Person, group: boolean): Block[] {
  const locale = t.locale;
  const blocks: Block[] = [
    { type: 'header', text: t('intro.title') },
    { type: 'text', text: t('intro.text', { mentor: p.mentor.name, mentee: p.mentee.name, program: p.programName }) },
  ];
  if (p.pair.reasons.length > 0) {
    blocks.push({ type: 'text', text: t('intro.why', { reasons: { trusted: describeReasons(t, p.topics, p.pair.reasons, 4) } }) });
  }
  blocks.push({
    type: 'fields',
    fields: [
      { label: t('intro.about', { name: p.mentor.name }), value: p.mentorEnrollment.bio ? untrusted(p.mentorEnrollment.bio) : t('intro.no_bio') },
      { label: t('intro.about', { name: p.mentee.name }), value: p.menteeEnrollment.bio ? untrusted(p.menteeEnrollment.bio) : t('intro.no_bio') },
    ],
  });
  const teachBack = p.menteeEnrollment.teachBack;
  if (teachBack.length > 0) {
    blocks.push({
      type: 'text',
      text: t('intro.teach_back', {
        mentee: p.mentee.name,
        topics: { trusted: formatList(teachBack.map((slug) => businessTopicName(slug, locale)), locale) },
      }),
    });
  }
  const plan = p.pair.plan;
  if (plan && plan.modules.length > 0) {
    blocks.push({
      type: 'text',
      text: t('intro.plan', {
        count: plan.sessionCount,
        duration: plan.durationMinutes,
        cadence: { trusted: t(`cadence.${plan.cadence}`) },
        modules: { trusted: formatList(plan.modules.map((slug) => topicName(p.topics, slug, t)), locale) },
      }),
    });
    if (p.firstKit) {
      blocks.push({
        type: 'text',
        text: t('intro.agenda', {
          topic: { trusted: topicName(p.topics, plan.modules[0]!, t) },
          figure: { trusted: p.firstKit.keyFigure[locale] },
          mentee: p.mentee.name,
          exercise: { trusted: p.firstKit.exercise[locale] },
        }),
      });
    }
  }
  const partner = recipient.id === p.mentor.id ? p.mentee : p.mentor;
  const buttons: Button[] = [
    { action: 'session.form', label: t('intro.schedule'), value: p.pair.id, style: 'primary' },
    { action: 'plan.form', label: t('sessions.intro.plan'), value: p.pair.id },
  ];
  if (!group) {
    if (recipient.platform === 'teams' && partner.platform === 'teams' && partner.email) {
      buttons.push({ action: 'open.chat', label: t('intro.open_chat', { name: partner.name }), url: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(partner.email)}` });
    } else if (partner.email && partner.platform !== recipient.platform) {
      blocks.push({ type: 'context', text: t('intro.contact', { name: partner.name, email: partner.email }) });
    }
  }
  blocks.push({ type: 'actions', buttons });
  return blocks;
}
