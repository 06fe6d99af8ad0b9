// Messages of one feature, English and French side by side; en.ts and fr.ts include them.
// Data rights: `my-data` (a copy of everything Tandem stores about you) and `forget-me` (erasure).
export const en = {
  'privacy.former_participant': 'Former participant',

  'privacy.my_data.ready':
    'Here is everything Tandem stores about you, in a JSON file: your profile, your sign-ups, your pairs and sessions, your feedback answers, the messages Tandem sent you and the admin actions that concern you. Your partners appear by name only: their own data is theirs.\nTo have all of it erased, type `{prefix}forget-me`.',
  'privacy.my_data.about':
    'Everything Tandem stored about you on {date}. Times are in UTC (ISO 8601). Partners appear by name only: their own data, such as their feedback, is theirs.',
  'privacy.my_data.teams_note':
    'Technical data: the address Microsoft Teams gave Tandem to write to you in your chat with the bot.',
  'privacy.my_data.exclusion_note':
    'An administrator asked that you and another person never be paired together. The other person is not named, to protect their privacy.',

  'privacy.forget.confirm':
    '*Erase everything Tandem knows about you?*\nYour profile, your sign-ups and what you wrote in them, the comments in your feedback, and your history of messages with Tandem will be erased. If you are in a pair, your partner will only be told that the pair has ended — no reason is given.\nFigures such as the number of sessions held stay in the program’s statistics, with nothing that points to you. This cannot be undone: to keep a copy first, type `{prefix}my-data`.',
  'privacy.forget.confirm_button': 'Erase everything',
  'privacy.forget.keep_button': 'Keep my data',
  'privacy.forget.kept': 'Nothing was erased: your data stays as it was.',
  'privacy.forget.done':
    'Done: Tandem has erased your personal data. Thank you for taking part. If you write to Tandem again, you will start afresh, as a new participant.',
  'privacy.forget.done_partner': 'Your partner has been told that your pair has ended, without any reason.',
  'privacy.forget.done_partners': 'Your {count} partners have been told that your pairs have ended, without any reason.',
  'privacy.forget.already': 'Your data has already been erased: there is nothing left to erase. Thank you for having taken part in Tandem.',

  'privacy.admin.usage': 'Please say whose data to erase, like `{prefix}admin forget @person` (or give their email).',
  'privacy.admin.confirm':
    '*Erase everything Tandem stores about {who}?*\nTheir profile, sign-ups, feedback comments and message history will be erased. If they are in a pair, their partner will only be told that the pair has ended. Figures stay in the statistics, with nothing that points to them. This cannot be undone.',
  'privacy.admin.confirm_many':
    '*Erase everything Tandem stores about {who}?*\nThis email is known on several platforms: all of these identities will be erased — profiles, sign-ups, feedback comments and message history. Their partners will only be told that their pairs have ended. Figures stay in the statistics, with nothing that points to them. This cannot be undone.',
  'privacy.admin.confirm_button': 'Erase their data',
  'privacy.admin.keep_button': 'Cancel',
  'privacy.admin.kept': 'Cancelled: nothing was erased.',
  'privacy.admin.done':
    'Done: that person’s personal data has been erased. Pairs ended: {pairs} (partners were told, without any reason). The audit log records the erasure without their name or email.',
  'privacy.admin.already': 'That person’s data has already been erased: there is nothing left to erase.',

  'privacy.pair_ended':
    'Hello {name}, your {role} has left Tandem, so your pair in {program} has ended. Thank you for the sessions you shared. You’ll be considered for the next pairing round.',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'privacy.former_participant': 'Ancien(ne) participant(e)',

  'privacy.my_data.ready':
    'Voici tout ce que Tandem conserve à votre sujet, dans un fichier JSON : votre profil, vos inscriptions, vos binômes et vos séances, vos réponses aux questionnaires, les messages que Tandem vous a envoyés et les actions des administrateurs qui vous concernent. Vos partenaires n’y figurent que par leur nom : leurs propres données leur appartiennent.\nPour tout faire effacer, tapez `{prefix}oublie-moi`.',
  'privacy.my_data.about':
    'Tout ce que Tandem conservait à votre sujet le {date}. Les heures sont en UTC (ISO 8601). Vos partenaires n’y figurent que par leur nom : leurs propres données, comme leurs réponses aux questionnaires, leur appartiennent.',
  'privacy.my_data.teams_note':
    'Donnée technique : l’adresse que Microsoft Teams a donnée à Tandem pour vous écrire dans votre conversation avec le bot.',
  'privacy.my_data.exclusion_note':
    'Un administrateur a demandé que vous ne soyez jamais mis(e) en binôme avec une autre personne. Celle-ci n’est pas nommée, pour protéger sa vie privée.',

  'privacy.forget.confirm':
    '*Effacer tout ce que Tandem sait de vous ?*\nVotre profil, vos inscriptions et ce que vous y avez écrit, les commentaires de vos réponses aux questionnaires et l’historique de vos messages avec Tandem seront effacés. Si vous êtes en binôme, votre partenaire sera seulement prévenu(e) que le binôme s’arrête, sans aucune raison.\nLes chiffres comme le nombre de séances tenues restent dans les statistiques du programme, sans rien qui permette de vous reconnaître. C’est définitif : pour garder une copie avant, tapez `{prefix}mes-données`.',
  'privacy.forget.confirm_button': 'Tout effacer',
  'privacy.forget.keep_button': 'Conserver mes données',
  'privacy.forget.kept': 'Rien n’a été effacé : vos données restent telles quelles.',
  'privacy.forget.done':
    'C’est fait : Tandem a effacé vos données personnelles. Merci d’avoir participé. Si vous écrivez de nouveau à Tandem, vous repartirez de zéro, comme un nouveau participant.',
  'privacy.forget.done_partner': 'Votre partenaire a été prévenu(e) que votre binôme s’arrête, sans aucune raison.',
  'privacy.forget.done_partners': 'Vos {count} partenaires ont été prévenus que vos binômes s’arrêtent, sans aucune raison.',
  'privacy.forget.already': 'Vos données ont déjà été effacées : il n’y a plus rien à effacer. Merci d’avoir participé à Tandem.',

  'privacy.admin.usage': 'Précisez de qui effacer les données, par exemple `{prefix}admin oublier @personne` (ou donnez son e-mail).',
  'privacy.admin.confirm':
    '*Effacer tout ce que Tandem conserve sur {who} ?*\nSon profil, ses inscriptions, les commentaires de ses réponses aux questionnaires et l’historique de ses messages seront effacés. Si cette personne est en binôme, son partenaire sera seulement prévenu que le binôme s’arrête. Les chiffres restent dans les statistiques, sans rien qui permette de la reconnaître. C’est définitif.',
  'privacy.admin.confirm_many':
    '*Effacer tout ce que Tandem conserve sur {who} ?*\nCet e-mail est connu sur plusieurs plateformes : toutes ces identités seront effacées — profils, inscriptions, commentaires des questionnaires et historique des messages. Ses partenaires seront seulement prévenus que leurs binômes s’arrêtent. Les chiffres restent dans les statistiques, sans rien qui permette de la reconnaître. C’est définitif.',
  'privacy.admin.confirm_button': 'Effacer ses données',
  'privacy.admin.keep_button': 'Annuler',
  'privacy.admin.kept': 'Annulé : rien n’a été effacé.',
  'privacy.admin.done':
    'C’est fait : les données personnelles de cette personne ont été effacées. Binômes arrêtés : {pairs} (les partenaires ont été prévenus, sans aucune raison). Le journal d’audit garde une trace de l’effacement, sans son nom ni son e-mail.',
  'privacy.admin.already': 'Les données de cette personne ont déjà été effacées : il n’y a plus rien à effacer.',

  'privacy.pair_ended':
    'Bonjour {name}, votre {role} a quitté Tandem : votre binôme du programme {program} s’arrête donc ici. Merci pour les séances partagées. Vous serez pris(e) en compte lors de la prochaine constitution des binômes.',
};
