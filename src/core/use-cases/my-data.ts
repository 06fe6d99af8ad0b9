// `my-data`: the person receives, as a JSON file, everything Tandem stores about them (GDPR right of access).
import type { RequestContext } from '../context.js';
import { displayName } from '../display-name.js';
import { today } from '../format.js';
import type { Translator } from '../i18n/index.js';
import { message, type Outcome } from '../messages.js';
import type { PersonData } from '../ports.js';
import { plain } from '../text.js';
import { showExpired } from './show-expired.js';

export async function sendMyData(ctx: RequestContext): Promise<Outcome> {
  const { t, person, clock } = ctx;
  const data = await ctx.store.exportPersonData(person.id);
  if (!data) return showExpired(ctx);
  const now = clock.now();
  return {
    kind: 'file',
    file: {
      filename: `tandem-my-data-${today(now, person.timeZone)}.json`,
      contentType: 'application/json; charset=utf-8',
      content: `${JSON.stringify(personDataDocument(data, t, now), null, 2)}\n`,
    },
    message: message([{ type: 'text', text: t('privacy.my_data.ready') }]),
  };
}

/**
 * The file's content: fixed key order for Tandem's own fields, sorted keys inside stored JSON values
 * (messages' payloads, audit details), ISO 8601 dates. Keys stay in English so the file reads the same
 * for every tool; the notes are in the person's language.
 */
export function personDataDocument(data: PersonData, t: Translator, now: Date): Record<string, unknown> {
  const { person } = data;
  return {
    about: plain(t('privacy.my_data.about', { date: now.toISOString().slice(0, 10) })),
    generatedAt: iso(now),
    person: {
      id: person.id,
      platform: person.platform,
      workspace: person.tenantId,
      userId: person.userId,
      name: person.name,
      email: person.email,
      locale: person.locale,
      timeZone: person.timeZone,
      timeZoneChosenInTandem: person.timeZoneChosen,
      department: person.department,
      manager: person.manager ? plain(displayName(person.manager, t)) : null,
      profileFetchedAt: iso(person.profileFetchedAt),
      createdAt: iso(person.createdAt),
      updatedAt: iso(person.updatedAt),
    },
    programRoles: data.programRoles.map((r) => ({ program: r.program, role: r.role, grantedAt: iso(r.grantedAt) })),
    enrollments: data.enrollments.map((e) => ({
      id: e.id,
      program: e.program,
      role: e.role,
      status: e.status,
      pausedUntil: e.pausedUntil,
      topics: e.topics.map((c) => ({ topic: c.topic, level: c.level })),
      teachBack: e.teachBack,
      languages: e.languages,
      capacity: e.capacity,
      availability: e.availability,
      bio: e.bio,
      department: e.department,
      managerEmail: e.managerEmail,
      charterAcceptedAt: iso(e.charterAcceptedAt),
      approvedAt: iso(e.approvedAt),
      decidedAt: iso(e.decidedAt),
      createdAt: iso(e.createdAt),
      updatedAt: iso(e.updatedAt),
    })),
    pairs: data.pairs.map((p) => ({
      id: p.id,
      program: p.program,
      yourRole: p.yourRole,
      partner: plain(displayName(p.partner, t)),
      status: p.status,
      plan: sortKeys(p.plan),
      planAgreedAt: iso(p.planAgreedAt),
      planAgreedByYou: p.planAgreedByYou,
      matchReasons: sortKeys(p.reasons),
      createdAt: iso(p.createdAt),
      endedAt: iso(p.endedAt),
    })),
    // The store already shapes these rows for the file (same keys, same order): only dates become ISO text.
    sessions: data.sessions.map((s) => ({ ...s, startsAt: iso(s.startsAt), createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) })),
    feedback: data.feedback.map((f) => ({ ...f, createdAt: iso(f.createdAt), updatedAt: iso(f.updatedAt) })),
    messagesToYou: data.notifications.map((n) => ({
      kind: n.kind,
      status: n.status,
      subject: n.subject,
      dueAt: iso(n.dueAt),
      sentAt: iso(n.sentAt),
      createdAt: iso(n.createdAt),
      payload: sortKeys(n.payload),
    })),
    teamsConversation: data.teamsConversationReference
      ? { note: plain(t('privacy.my_data.teams_note')), reference: sortKeys(data.teamsConversationReference) }
      : null,
    auditLog: data.auditEntries.map((a) => ({
      at: iso(a.at),
      action: a.action,
      program: a.program,
      by: a.by,
      targetType: a.targetType,
      targetId: a.targetId,
      details: sortKeys(a.details),
    })),
    exclusions: data.exclusions.map((x) => ({ program: x.program, declaredAt: iso(x.declaredAt), note: plain(t('privacy.my_data.exclusion_note')) })),
    summariesRequested: data.summariesRequested.map((s) => ({ program: s.program, kind: s.kind, createdAt: iso(s.createdAt) })),
    filesRequested: data.exportsRequested.map((x) => ({ filename: x.filename, createdAt: iso(x.createdAt), expiresAt: iso(x.expiresAt) })),
  };
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/** Stored JSON with its object keys sorted at every depth, so two exports of the same data are identical. */
function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value ?? null;
}
