// Defaults of a new program, drawn from real programs (AXA: one-hour sessions, 5 modules over 6 sessions).
import type { ProgramSettings } from './types.js';

export const DEFAULT_PROGRAM_SETTINGS: ProgramSettings = {
  approvalRequired: true,
  defaultPlan: { modules: [], cadence: 'biweekly', durationMinutes: 60, sessionCount: 6 },
  reminderOffsetsMinutes: [24 * 60, 60],
  timeZone: 'Europe/Paris',
  summaryChannel: null,
  languages: ['fr', 'en'],
  nudgeDays: { mentee: 7, both: 14, admins: 21 },
  digest: null,
};

/** Settings stored before a field existed get its default. */
export function withDefaultSettings(stored: Partial<ProgramSettings>): ProgramSettings {
  return {
    ...DEFAULT_PROGRAM_SETTINGS,
    ...stored,
    defaultPlan: { ...DEFAULT_PROGRAM_SETTINGS.defaultPlan, ...stored.defaultPlan },
    nudgeDays: { ...DEFAULT_PROGRAM_SETTINGS.nudgeDays, ...stored.nudgeDays },
  };
}

export const MENTOR_CAPACITY = { min: 1, max: 3 } as const;
