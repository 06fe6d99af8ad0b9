// The help: what Tandem is and the commands, in the person's language.
import type { RequestContext } from '../context.js';
import { message, type Block, type Message } from '../messages.js';

export function showHelp(ctx: Pick<RequestContext, 't' | 'isAdmin'>, lead?: string): Message {
  const { t } = ctx;
  const blocks: Block[] = [];
  if (lead) blocks.push({ type: 'text', text: lead });
  blocks.push(
    { type: 'header', text: t('help.title') },
    { type: 'text', text: t('help.intro') },
    { type: 'text', text: `${t('help.commands.title')}\n${t('help.commands')}` },
    { type: 'text', text: `${t('help.pair.title')}\n${t('help.pair')}` },
    { type: 'text', text: `${t('help.data.title')}\n${t('help.data')}` },
    { type: 'text', text: `${t('help.summary.title')}\n${t('help.summary')}` },
  );
  if (ctx.isAdmin) {
    blocks.push({ type: 'text', text: `${t('help.admin.title')}\n${t('help.admin')}\n${t('help.admin.pair')}\n${t('help.admin.oversight')}\n${t('help.admin.program')}` });
  }
  blocks.push(
    {
      type: 'actions',
      buttons: [
        { action: 'join', label: t('button.join_mentee'), value: 'mentee', style: 'primary' },
        { action: 'join', label: t('button.join_mentor'), value: 'mentor' },
      ],
    },
    { type: 'context', text: t('help.footer') },
  );
  return message(blocks, lead ? undefined : t('help.title'));
}
