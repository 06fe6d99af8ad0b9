// Words for the matching's structured reasons: why a pair, why nobody.
import { businessTopicName } from '../business-topics.js';
import { formatList } from '../format.js';
import type { Translator } from '../i18n/index.js';
import type { BlockingRule, MenteeUnmatchedReason, MentorUnmatchedReason, PairReason } from '../matching/types.js';
import type { Topic } from '../types.js';

export function topicName(topics: Topic[], slug: string, t: Translator): string {
  return topics.find((topic) => topic.slug === slug)?.name[t.locale] ?? slug;
}

/** The top reasons of a pair, in words: "Cybersecurity (level 5/5, essential), different departments". */
export function describeReasons(t: Translator, topics: Topic[], reasons: PairReason[], max = 3): string {
  const words = reasons.slice(0, max).map((reason) => {
    switch (reason.code) {
      case 'shared_topic':
        return t('reason.shared_topic', {
          topic: { trusted: topicName(topics, reason.topic, t) },
          level: reason.mentorLevel,
          priority: { trusted: t(`form.priority.${reason.priority}` as 'form.priority.1').toLowerCase() },
        });
      case 'teach_back':
        return t('reason.teach_back', { topic: { trusted: businessTopicName(reason.topic, t.locale) } });
      case 'other_department':
        return t('reason.other_department');
      case 'timezone_overlap':
        return t('reason.timezone_overlap', { hours: reason.hours });
      case 'availability_overlap':
        return t('reason.availability_overlap', { slots: reason.slots });
    }
  });
  return words.join(', ');
}

function rules(t: Translator, blockedBy: BlockingRule[]): string {
  return formatList(blockedBy.map((rule) => t(`rule.${rule}`)), t.locale);
}

/** For the admin's preview. */
export function describeUnmatched(t: Translator, reason: MenteeUnmatchedReason | MentorUnmatchedReason, role: 'mentor' | 'mentee'): string {
  switch (reason.code) {
    case 'no_mentors':
      return t('unmatched.no_mentors');
    case 'no_mentees':
      return t('unmatched.no_mentees');
    case 'no_shared_language':
      return t(role === 'mentee' ? 'unmatched.no_shared_language' : 'unmatched.mentor_no_shared_language');
    case 'no_compatible_mentor':
      return t('unmatched.no_compatible_mentor', { rules: { trusted: rules(t, reason.blockedBy) } });
    case 'no_compatible_mentee':
      return t('unmatched.no_compatible_mentee', { rules: { trusted: rules(t, reason.blockedBy) } });
    case 'all_compatible_full':
      return t('unmatched.all_compatible_full', { count: reason.compatibleMentors });
    case 'mentees_paired_elsewhere':
      return t('unmatched.mentees_paired_elsewhere', { count: reason.compatibleMentees });
  }
}

/** For the mentee themself: kind, and without naming anyone. */
export function describeUnmatchedForMentee(t: Translator, reason: MenteeUnmatchedReason): string {
  return t(`unmatched.you.${reason.code}`);
}
