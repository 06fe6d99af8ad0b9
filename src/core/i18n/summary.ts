// Messages of one feature, English and French side by side; en.ts and fr.ts include them.
export const en = {
  // Program summary posted in a channel ------------------------------------------------------------
  'summary.title': 'Program summary — {program}',
  'summary.digest_title': 'Weekly summary — {program}',
  'summary.as_of': 'Figures as of {date}.',
  'summary.mentors': 'Mentors',
  'summary.mentees': 'Mentees',
  'summary.volunteers': '*{total}* — {breakdown}',
  'summary.volunteers.none': 'none yet',
  'summary.bucket': '{count} {status}',
  'summary.status.mentor.approved': 'approved',
  'summary.status.mentee.approved': 'active',
  'summary.status.pending': 'awaiting approval',
  'summary.status.paused': 'on a break',
  'summary.status.withdrawn': 'left',
  'summary.fewer_than_3': 'fewer than 3',
  'summary.not_enough_data': '_not enough data_',
  'summary.pairs': 'Pairs',
  'summary.pairs.value': '*{active}* active · {closed} completed · {ended} ended early',
  'summary.at_risk': 'Pairs at risk',
  'summary.at_risk.value': '*{count}* (nothing planned for {days} days or more)',
  'summary.sessions': 'Sessions',
  'summary.sessions.value': '*{held}* held · {scheduled} scheduled · {missed} missed',
  'summary.response_rate': 'Feedback response rate',
  'summary.usefulness': 'Average usefulness',
  'summary.usefulness.value': '*{score}* / 5',
  'summary.adoption': 'Adoption (mentees who use what they learned)',
  'summary.topics.sessions': '*Top topics* (sessions held)',
  'summary.topics.demand': '*Most wanted topics* (mentee requests, no sessions yet)',
  'summary.topics.sessions_item': '• {topic} — {count} sessions',
  'summary.topics.demand_item': '• {topic} — {count} mentees',
  'summary.topics.none': '*Top topics*: not enough data yet.',
  'summary.chart.title': '*Sessions held per week*',
  'summary.trend.title': '*Since the previous summary* ({date})',
  'summary.trend.first': '_This is the first summary of the program: the next one will show how things moved._',
  'summary.trend.none': '*Since the previous summary* ({date}): no change.',
  'summary.trend.item': '• {label}: {value} ({delta})',
  'summary.trend.mentors': 'Mentors',
  'summary.trend.mentees': 'Mentees',
  'summary.trend.approved_mentors': 'Approved mentors',
  'summary.trend.active_pairs': 'Active pairs',
  'summary.trend.sessions_held': 'Sessions held',
  'summary.trend.at_risk': 'Pairs at risk',
  'summary.trend.response_rate': 'Feedback response rate',
  'summary.trend.usefulness': 'Average usefulness',
  'summary.trend.adoption': 'Adoption',
  'summary.points': '{value} pts',
  'summary.privacy':
    'Figures drawn from fewer than 3 people are withheld, so no one can be singled out. Feedback stays private: this summary only shows totals.',

  'summary.refused': 'Only the program’s managers and admins can post its summary. Your program team can share it with you.',
  'summary.no_channel.slack':
    'The summary is posted in a channel for everyone there to read: type `/tandem summary` in the channel you want it in.',
  'summary.no_channel.teams':
    'The summary is posted in a channel for everyone there to read: mention Tandem with “summary” in the channel you want it in.',
  'summary.no_program': 'There is no program running right now, so there is nothing to summarise yet.',
  'summary.usage':
    'To post the program summary here: `{prefix}summary`. For a weekly one: `{prefix}summary weekly monday 9` (a day and an hour), and `{prefix}summary weekly off` to stop it.',

  'summary.weekly.on':
    'Done: the program summary will be posted in this channel every *{day} at {hour}* ({timeZone}). The first one comes on {next}.',
  'summary.weekly.off': 'The weekly summary is switched off. `{prefix}summary weekly monday 9` switches it back on.',
  'summary.weekly.already_off': 'The weekly summary is not switched on — nothing to stop. `{prefix}summary weekly monday 9` switches it on.',
  'summary.weekly.show_here': 'The program summary is posted in this channel every *{day} at {hour}* ({timeZone}). `{prefix}summary weekly off` stops it.',
  'summary.weekly.show_elsewhere':
    'The program summary is posted every *{day} at {hour}* ({timeZone}) in another channel. To have it here instead, type `{prefix}summary weekly {dayExample} {hourExample}` in this channel.',
  'summary.weekly.show_off':
    'The weekly summary is off. To have it posted in this channel every week, type `{prefix}summary weekly monday 9` here (a day and an hour).',
  // Program summary end ------------------------------------------------------------------------------
} as const;

export const fr: Record<keyof typeof en, string> = {
  // Program summary posted in a channel ------------------------------------------------------------
  'summary.title': 'Bilan du programme — {program}',
  'summary.digest_title': 'Bilan de la semaine — {program}',
  'summary.as_of': 'Chiffres au {date}.',
  'summary.mentors': 'Mentors',
  'summary.mentees': 'Mentorés',
  'summary.volunteers': '*{total}* — {breakdown}',
  'summary.volunteers.none': 'aucun pour l’instant',
  'summary.bucket': '{count} {status}',
  'summary.status.mentor.approved': 'validés',
  'summary.status.mentee.approved': 'actifs',
  'summary.status.pending': 'en attente de validation',
  'summary.status.paused': 'en pause',
  'summary.status.withdrawn': 'partis',
  'summary.fewer_than_3': 'moins de 3',
  'summary.not_enough_data': '_pas assez de données_',
  'summary.pairs': 'Binômes',
  'summary.pairs.value': '*{active}* actifs · {closed} terminés · {ended} arrêtés en cours de route',
  'summary.at_risk': 'Binômes à risque',
  'summary.at_risk.value': '*{count}* (rien de prévu depuis {days} jours ou plus)',
  'summary.sessions': 'Séances',
  'summary.sessions.value': '*{held}* tenues · {scheduled} planifiées · {missed} manquées',
  'summary.response_rate': 'Taux de réponse aux retours',
  'summary.usefulness': 'Utilité moyenne',
  'summary.usefulness.value': '*{score}* / 5',
  'summary.adoption': 'Adoption (mentorés qui utilisent ce qu’ils ont appris)',
  'summary.topics.sessions': '*Sujets phares* (séances tenues)',
  'summary.topics.demand': '*Sujets les plus demandés* (demandes des mentorés, pas encore de séance)',
  'summary.topics.sessions_item': '• {topic} — {count} séances',
  'summary.topics.demand_item': '• {topic} — {count} mentorés',
  'summary.topics.none': '*Sujets phares* : pas encore assez de données.',
  'summary.chart.title': '*Séances tenues par semaine*',
  'summary.trend.title': '*Depuis le bilan précédent* ({date})',
  'summary.trend.first': '_C’est le premier bilan du programme : le prochain montrera l’évolution._',
  'summary.trend.none': '*Depuis le bilan précédent* ({date}) : aucun changement.',
  'summary.trend.item': '• {label} : {value} ({delta})',
  'summary.trend.mentors': 'Mentors',
  'summary.trend.mentees': 'Mentorés',
  'summary.trend.approved_mentors': 'Mentors validés',
  'summary.trend.active_pairs': 'Binômes actifs',
  'summary.trend.sessions_held': 'Séances tenues',
  'summary.trend.at_risk': 'Binômes à risque',
  'summary.trend.response_rate': 'Taux de réponse aux retours',
  'summary.trend.usefulness': 'Utilité moyenne',
  'summary.trend.adoption': 'Adoption',
  'summary.points': '{value} pts',
  'summary.privacy':
    'Les chiffres issus de moins de 3 personnes ne sont pas affichés, pour que personne ne puisse être reconnu. Les retours restent confidentiels : ce bilan ne montre que des totaux.',

  'summary.refused': 'Seuls les managers et les administrateurs du programme peuvent publier son bilan. L’équipe du programme peut vous le communiquer.',
  'summary.no_channel.slack':
    'Le bilan est publié dans un canal, pour que tout le monde puisse le lire : tapez `/tandem bilan` dans le canal de votre choix.',
  'summary.no_channel.teams':
    'Le bilan est publié dans un canal, pour que tout le monde puisse le lire : mentionnez Tandem avec « bilan » dans le canal de votre choix.',
  'summary.no_program': 'Aucun programme n’est en cours pour l’instant : il n’y a encore rien à résumer.',
  'summary.usage':
    'Pour publier le bilan du programme ici : `{prefix}bilan`. Pour un bilan chaque semaine : `{prefix}bilan hebdo lundi 9h` (un jour et une heure), et `{prefix}bilan hebdo arrêt` pour l’arrêter.',

  'summary.weekly.on':
    'C’est fait : le bilan du programme sera publié dans ce canal chaque *{day} à {hour}* ({timeZone}). Le premier arrivera le {next}.',
  'summary.weekly.off': 'Le bilan hebdomadaire est désactivé. `{prefix}bilan hebdo lundi 9h` le réactive.',
  'summary.weekly.already_off': 'Le bilan hebdomadaire n’est pas activé — rien à arrêter. `{prefix}bilan hebdo lundi 9h` l’active.',
  'summary.weekly.show_here': 'Le bilan du programme est publié dans ce canal chaque *{day} à {hour}* ({timeZone}). `{prefix}bilan hebdo arrêt` l’arrête.',
  'summary.weekly.show_elsewhere':
    'Le bilan du programme est publié chaque *{day} à {hour}* ({timeZone}) dans un autre canal. Pour le recevoir ici à la place, tapez `{prefix}bilan hebdo {dayExample} {hourExample}` dans ce canal.',
  'summary.weekly.show_off':
    'Le bilan hebdomadaire est désactivé. Pour le recevoir dans ce canal chaque semaine, tapez ici `{prefix}bilan hebdo lundi 9h` (un jour et une heure).',
  // Program summary end ------------------------------------------------------------------------------
};
