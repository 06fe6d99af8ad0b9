// Why someone is left without a partner, told kindly by the caller with these codes.
import { RULE_BITS, type Pool } from './pool.js';
import type { BlockingRule, MenteeUnmatchedReason, MentorUnmatchedReason, UnmatchedEntry } from './types.js';

export interface Compatibility {
  /** Per mentee / mentor: partners sharing a language. */
  menteeSpeakers: Int32Array;
  mentorSpeakers: Int32Array;
  /** Per mentee / mentor: partners sharing a language and allowed by every hard rule. */
  menteeCompatible: Int32Array;
  mentorCompatible: Int32Array;
  /** Per mentee / mentor: RULE_BITS of the rules that ruled out a partner sharing a language. */
  menteeBlockedBy: Int32Array;
  mentorBlockedBy: Int32Array;
  /** Allowed pairs in the whole pool. */
  pairs: number;
}

/** Counts allowed partners without enumerating pairs: few distinct language sets, few blocked pairs. */
export function countCompatibility(pool: Pool): Compatibility {
  const { mentorCount, menteeCount, mentorLanguages, menteeLanguages } = pool;
  const menteeSpeakers = speakersOf(menteeLanguages, mentorLanguages);
  const mentorSpeakers = speakersOf(mentorLanguages, menteeLanguages);
  const menteeCompatible = menteeSpeakers.slice();
  const mentorCompatible = mentorSpeakers.slice();
  const menteeBlockedBy = new Int32Array(menteeCount);
  const mentorBlockedBy = new Int32Array(mentorCount);
  for (const [key, rules] of pool.blocked) {
    const mentor = Math.floor(key / menteeCount);
    const mentee = key - mentor * menteeCount;
    if ((mentorLanguages[mentor]! & menteeLanguages[mentee]!) === 0) continue;
    menteeCompatible[mentee]!--;
    mentorCompatible[mentor]!--;
    menteeBlockedBy[mentee]! |= rules;
    mentorBlockedBy[mentor]! |= rules;
  }
  let pairs = 0;
  for (let i = 0; i < menteeCount; i++) pairs += menteeCompatible[i]!;
  return { menteeSpeakers, mentorSpeakers, menteeCompatible, mentorCompatible, menteeBlockedBy, mentorBlockedBy, pairs };
}

export function explainUnmatched(pool: Pool, compatibility: Compatibility, mentorOf: Int32Array): UnmatchedEntry[] {
  const { mentorCount, menteeCount } = pool;
  const entries: UnmatchedEntry[] = [];
  const load = new Int32Array(mentorCount);
  for (let i = 0; i < menteeCount; i++) if (mentorOf[i]! >= 0) load[mentorOf[i]!]!++;

  for (let i = 0; i < menteeCount; i++) {
    if (mentorOf[i]! >= 0) continue;
    let reason: MenteeUnmatchedReason;
    if (mentorCount === 0) reason = { code: 'no_mentors' };
    else if (compatibility.menteeSpeakers[i] === 0) reason = { code: 'no_shared_language' };
    else if (compatibility.menteeCompatible[i] === 0) reason = { code: 'no_compatible_mentor', blockedBy: rulesOf(compatibility.menteeBlockedBy[i]!) };
    else reason = { code: 'all_compatible_full', compatibleMentors: compatibility.menteeCompatible[i]! };
    entries.push({ role: 'mentee', menteeId: pool.mentees[i]!.id, reason });
  }
  for (let j = 0; j < mentorCount; j++) {
    if (load[j]! > 0) continue;
    let reason: MentorUnmatchedReason;
    if (menteeCount === 0) reason = { code: 'no_mentees' };
    else if (compatibility.mentorSpeakers[j] === 0) reason = { code: 'no_shared_language' };
    else if (compatibility.mentorCompatible[j] === 0) reason = { code: 'no_compatible_mentee', blockedBy: rulesOf(compatibility.mentorBlockedBy[j]!) };
    else reason = { code: 'mentees_paired_elsewhere', compatibleMentees: compatibility.mentorCompatible[j]! };
    entries.push({ role: 'mentor', mentorId: pool.mentors[j]!.id, reason });
  }
  return entries;
}

/** For each row of `own` language masks, how many rows of `other` share a language. */
function speakersOf(own: Int32Array, other: Int32Array): Int32Array {
  const countByMask = new Map<number, number>();
  for (const mask of other) countByMask.set(mask, (countByMask.get(mask) ?? 0) + 1);
  const memo = new Map<number, number>();
  return own.map((mask) => {
    let count = memo.get(mask);
    if (count === undefined) {
      count = 0;
      for (const [otherMask, n] of countByMask) if ((otherMask & mask) !== 0) count += n;
      memo.set(mask, count);
    }
    return count;
  });
}

function rulesOf(bits: number): BlockingRule[] {
  return (Object.entries(RULE_BITS) as [BlockingRule, number][]).filter(([, bit]) => (bits & bit) !== 0).map(([rule]) => rule);
}
