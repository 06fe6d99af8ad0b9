// 300 notifications to 100 people against a fake Slack that enforces its limits with 429s, in time
// scaled 40×: every message arrives exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { idealMakespan, runSlackSimulation } from './slack-simulation.js';

let testDb: TestDatabase;
let store: DrizzleStore;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
});
afterAll(async () => testDb?.dispose());

describe('a round against Slack’s rate limits', () => {
  it('delivers 300 notifications to 100 people with no loss and no duplicate, through 429s', async () => {
    const result = await runSlackSimulation({
      store,
      people: 100,
      messagesPerPerson: 3,
      scale: 40,
      // Slack: ~1 message/s per channel (short bursts tolerated), Tier 3 conversations.open. The
      // workspace cap here (180/min) is below the dispatcher's default pace (4/s): it meets 429s.
      limits: { perChannel: { perSecond: 1, burst: 2 }, workspace: { perSecond: 3, burst: 10 }, open: { perSecond: 50 / 60, burst: 5 } },
      // And a few 429s whatever the pace, so the retry path is always taken.
      forced429s: 5,
      wallTimeoutMs: 25_000,
    });
    expect(result).toMatchObject({ notifications: 300, delivered: 300, duplicates: 0, lost: 0, failed: 0 });
    expect(result.retried).toBeGreaterThanOrEqual(5);
  });
});

describe('idealMakespan', () => {
  it('is bound by opening conversations, by each channel, or by the workspace', () => {
    const open = { perSecond: 1, burst: 1 };
    // 3 opens (0, 1, 2 s), then 5 messages a channel at 1/s: the last channel ends at 2 + 4 s.
    expect(idealMakespan({ people: 3, messagesPerPerson: 5, limits: { open, perChannel: { perSecond: 1 }, workspace: { perSecond: 100 } } })).toBe(6);
    // 15 messages at 2/s for the workspace: 7 s.
    expect(idealMakespan({ people: 3, messagesPerPerson: 5, limits: { open, perChannel: { perSecond: 10 }, workspace: { perSecond: 2 } } })).toBe(7);
  });
});
