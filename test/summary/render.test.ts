// The chart block and the channel outcome in both adapters' renderers, and Slack's late (after-ack) path.
import { describe, expect, it } from 'vitest';
import type { RespondArguments } from '@slack/bolt';
import { message } from '../../src/core/messages.js';
import { renderBlocks } from '../../src/adapters/slack/render.js';
import { interactionSurface, present } from '../../src/adapters/slack/replies.js';
import { renderCard } from '../../src/adapters/teams/render.js';

const chart = message([{ type: 'preformatted', lines: ['2 Nov   ████  4', '9 Nov   █▌    1', 'a<b>&c  ', '16 Nov        0'] }]);

describe('preformatted lines', () => {
  it('are one code block on Slack, entities escaped, spaces kept', () => {
    expect(renderBlocks(chart)).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '```\n2 Nov   ████  4\n9 Nov   █▌    1\na&lt;b&gt;&amp;c  \n16 Nov        0\n```' } },
    ]);
  });

  it('are tight monospace TextBlocks on Teams, with non-breaking spaces and escaped Markdown', () => {
    const body = (renderCard(chart).content as { body: Record<string, unknown>[] }).body;
    expect(body).toHaveLength(4);
    expect(body[0]).toEqual({ type: 'TextBlock', text: '2\u00a0Nov\u00a0\u00a0\u00a0████\u00a0\u00a04', fontType: 'Monospace', wrap: false });
    expect(body[1]).toMatchObject({ fontType: 'Monospace', spacing: 'None' });
    expect(body[2]!.text).toBe('a&lt;b&gt;&amp;c\u00a0\u00a0');
  });
});

describe('Slack: a summary finished after the ack', () => {
  it('goes to the response_url as in_channel, not ephemeral', async () => {
    const responses: RespondArguments[] = [];
    const surface = interactionSurface({
      client: {} as never,
      userId: 'U1',
      triggerId: 't',
      respond: async (answer) => {
        responses.push(answer as RespondArguments);
        return {} as never;
      },
      logger: { warn() {} } as never,
    });
    await present({ kind: 'channel', message: message([{ type: 'text', text: 'Figures' }]) }, surface);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ response_type: 'in_channel', replace_original: false, text: 'Figures' });
  });
});

describe('summary message', () => {
  it('says "fewer than 3" once for a role of 1 or 2 people, and "not enough data" for withheld feedback figures', async () => {
    const { summaryMessage } = await import('../../src/core/summary/compose.js');
    const { translator } = await import('../../src/core/i18n/index.js');
    const shown = summaryMessage(translator('en', '/tandem '), {
      programName: 'Tandem',
      figures: {
        version: 1,
        at: '2026-11-25T09:00:00.000Z',
        mentors: { total: 5, buckets: [{ statuses: ['approved'], count: 5 }] },
        mentees: { total: 'few', buckets: [{ statuses: ['approved'], count: 'few' }] },
        pairs: { active: 2, closed: 0, ended: 0, atRisk: 0 },
        sessions: { held: 3, scheduled: 1, missed: 0 },
        responseRate: null,
        usefulness: null,
        adoptionRate: null,
        topics: { basis: 'demand', items: [] },
        weekly: [{ week: '2026-11-23', held: 3 }],
      },
      previous: null,
      timeZone: 'Europe/Paris',
      topics: [],
      atRiskDays: 21,
      kind: 'request',
    });
    const fields = shown.blocks.find((b) => b.type === 'fields');
    expect(fields).toMatchObject({
      fields: expect.arrayContaining([
        { label: 'Mentees', value: 'fewer than 3' },
        { label: 'Mentors', value: '*5* — 5 approved' },
        { label: 'Feedback response rate', value: '_not enough data_' },
        { label: 'Average usefulness', value: '_not enough data_' },
      ]),
    });
  });
});
