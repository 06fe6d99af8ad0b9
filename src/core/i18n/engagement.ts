// Messages of one feature, English and French side by side; en.ts and fr.ts include them.
// Engagement: the nudge ladder, "did it happen?", private feedback, adoption a week later, closing a pair.
export const en = {
  'engagement.nudge.mentee.title': 'Time for your next Tandem session?',
  'engagement.nudge.mentee.text':
    'Hello {name}, nothing has been planned with {partner} for {days} days. A session doesn’t need to be long: pick a date now and {partner} will be told right away.',
  'engagement.nudge.both.title': 'Your Tandem pair has gone quiet',
  'engagement.nudge.both.text':
    'Hello {name}, your pair with {partner} has had nothing planned for {days} days. Even 30 minutes keeps the momentum going: choose a date together and I’ll remind you both.',
  'engagement.nudge.schedule': 'Schedule a session',
  'engagement.nudge.at_risk.title': 'A pair may need your help',
  'engagement.nudge.at_risk.text':
    '*{mentor}* (mentor) and *{mentee}* (mentee) have had nothing planned for {days} days, although both were reminded. You can remind them again, end the pair, or rematch {mentee}.',
  'engagement.nudge.at_risk.note':
    '_Rematch_ puts {mentee} back in the pool for the next pairing round, or finds them a new partner now; both enrollments stay approved. _End the pair_ tells both partners kindly, without giving any reason.',

  'engagement.check.title': 'How did your session go?',
  'engagement.check.text': 'Hello {name}, did your session with {partner} on {date} happen?',
  'engagement.check.yes': 'Yes, it happened',
  'engagement.check.no': 'No, it didn’t',
  'engagement.check.reschedule': 'Pick a new date',
  'engagement.check.missed':
    'Thanks for telling me — sessions slip sometimes. When you’re ready, pick a new date with {partner}.',
  'engagement.check.cancelled': 'This session was cancelled, so there is nothing to record.',

  'engagement.feedback.title': 'Your session feedback',
  'engagement.feedback.intro':
    'About your session with {partner} on {date}. Your answers are private: {partner} will never see them.',
  'engagement.feedback.usefulness': 'How useful was this session?',
  'engagement.feedback.usefulness.1': '1 — not useful',
  'engagement.feedback.usefulness.2': '2 — a little useful',
  'engagement.feedback.usefulness.3': '3 — fairly useful',
  'engagement.feedback.usefulness.4': '4 — very useful',
  'engagement.feedback.usefulness.5': '5 — extremely useful',
  'engagement.feedback.learned.mentee': 'What did you learn?',
  'engagement.feedback.learned.mentor': 'What did you teach?',
  'engagement.feedback.next': 'What will you try next?',
  'engagement.feedback.ease': 'How at ease did you feel teaching?',
  'engagement.feedback.ease.1': '1 — not at ease',
  'engagement.feedback.ease.2': '2 — a little uneasy',
  'engagement.feedback.ease.3': '3 — fairly at ease',
  'engagement.feedback.ease.4': '4 — at ease',
  'engagement.feedback.ease.5': '5 — completely at ease',
  'engagement.feedback.submit': 'Send',
  'engagement.feedback.saved': 'Thank you for your feedback! It stays private: the program team reads it, {partner} never does.',
  'engagement.feedback.updated': 'Your feedback is updated. It stays private: {partner} never sees it.',
  'engagement.feedback.edit': 'Edit my feedback',
  'engagement.feedback.not_held': 'This session is not recorded as held, so there is no feedback to give about it.',
  'engagement.feedback.none': 'You have no session to give feedback on yet. After each session, I’ll ask you whether it happened.',
  'engagement.feedback.list.title': 'Your recent sessions',
  'engagement.feedback.list.intro': 'Choose a session to give or edit your private feedback.',
  'engagement.feedback.list.given': '• {date} with {partner} — feedback given',
  'engagement.feedback.list.todo': '• {date} with {partner} — no feedback yet',

  'engagement.adoption.title': 'Have you put it into practice?',
  'engagement.adoption.text':
    'Hello {name}, a week ago you worked on *{topic}* with {partner}. Have you used what you learned since?',
  'engagement.adoption.yes': 'Yes',
  'engagement.adoption.not_yet': 'Not yet',
  'engagement.adoption.no': 'No',
  'engagement.adoption.form.title': 'A few words?',
  'engagement.adoption.form.yes': 'How did you use it?',
  'engagement.adoption.form.not_yet': 'What would help you get started?',
  'engagement.adoption.form.no': 'What got in the way?',
  'engagement.adoption.saved.yes': 'Great to hear! Your answer about {topic} is noted.',
  'engagement.adoption.saved.not_yet': 'Noted — there’s no rush. Your next session with {partner} is a good moment to try it together.',
  'engagement.adoption.saved.no': 'Thanks for being honest, it helps the program improve. Your answer about {topic} is noted.',
  'engagement.adoption.text_saved': 'Thank you, your words are saved.',

  'engagement.closing.title': 'Your Tandem is complete 🎉',
  'engagement.closing.text':
    'Hello {name}, you and {partner} have held the {count} sessions of your plan: your pair is now complete. Thank you for the time and care you put into it!',
  'engagement.closing.recommend': '*Would you recommend Tandem to a colleague?*',
  'engagement.closing.repeat': '*Would you do it again?*',
  'engagement.closing.yes': 'Yes',
  'engagement.closing.no': 'No',
  'engagement.closing.saved': 'Thank you, your answer is noted.',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'engagement.nudge.mentee.title': 'Et si vous planifiiez votre prochaine séance ?',
  'engagement.nudge.mentee.text':
    'Bonjour {name}, rien n’est prévu avec {partner} depuis {days} jours. Une séance n’a pas besoin d’être longue : choisissez une date maintenant, {partner} sera prévenu·e tout de suite.',
  'engagement.nudge.both.title': 'Votre binôme Tandem est en sommeil',
  'engagement.nudge.both.text':
    'Bonjour {name}, rien n’est prévu dans votre binôme avec {partner} depuis {days} jours. Même 30 minutes suffisent à garder l’élan : choisissez une date ensemble, je vous la rappellerai à tous les deux.',
  'engagement.nudge.schedule': 'Planifier une séance',
  'engagement.nudge.at_risk.title': 'Un binôme a peut-être besoin de vous',
  'engagement.nudge.at_risk.text':
    'Rien n’est prévu depuis {days} jours pour *{mentor}* (mentor) et *{mentee}* (mentoré·e), malgré les relances. Vous pouvez les relancer à nouveau, mettre fin au binôme ou trouver un autre partenaire à {mentee}.',
  'engagement.nudge.at_risk.note':
    '_Réapparier_ remet {mentee} dans le vivier pour la prochaine constitution des binômes, ou lui trouve tout de suite un nouveau partenaire ; les deux inscriptions restent validées. _Mettre fin au binôme_ prévient les deux partenaires avec bienveillance, sans donner de raison.',

  'engagement.check.title': 'Comment s’est passée votre séance ?',
  'engagement.check.text': 'Bonjour {name}, votre séance avec {partner} du {date} a-t-elle eu lieu ?',
  'engagement.check.yes': 'Oui, elle a eu lieu',
  'engagement.check.no': 'Non',
  'engagement.check.reschedule': 'Choisir une nouvelle date',
  'engagement.check.missed':
    'Merci de me l’avoir dit — il arrive qu’une séance saute. Quand vous serez prêt·e, choisissez une nouvelle date avec {partner}.',
  'engagement.check.cancelled': 'Cette séance a été annulée : il n’y a rien à enregistrer.',

  'engagement.feedback.title': 'Votre avis sur la séance',
  'engagement.feedback.intro':
    'À propos de votre séance avec {partner} du {date}. Vos réponses sont confidentielles : {partner} ne les verra jamais.',
  'engagement.feedback.usefulness': 'Cette séance vous a-t-elle été utile ?',
  'engagement.feedback.usefulness.1': '1 — pas utile',
  'engagement.feedback.usefulness.2': '2 — un peu utile',
  'engagement.feedback.usefulness.3': '3 — assez utile',
  'engagement.feedback.usefulness.4': '4 — très utile',
  'engagement.feedback.usefulness.5': '5 — extrêmement utile',
  'engagement.feedback.learned.mentee': 'Qu’avez-vous appris ?',
  'engagement.feedback.learned.mentor': 'Qu’avez-vous transmis ?',
  'engagement.feedback.next': 'Qu’allez-vous essayer ensuite ?',
  'engagement.feedback.ease': 'Vous êtes-vous senti·e à l’aise pour transmettre ?',
  'engagement.feedback.ease.1': '1 — pas à l’aise',
  'engagement.feedback.ease.2': '2 — un peu mal à l’aise',
  'engagement.feedback.ease.3': '3 — plutôt à l’aise',
  'engagement.feedback.ease.4': '4 — à l’aise',
  'engagement.feedback.ease.5': '5 — tout à fait à l’aise',
  'engagement.feedback.submit': 'Envoyer',
  'engagement.feedback.saved': 'Merci pour votre retour ! Il reste confidentiel : l’équipe du programme le lit, {partner} jamais.',
  'engagement.feedback.updated': 'Votre retour est mis à jour. Il reste confidentiel : {partner} ne le voit jamais.',
  'engagement.feedback.edit': 'Modifier mon retour',
  'engagement.feedback.not_held': 'Cette séance n’est pas enregistrée comme ayant eu lieu : il n’y a pas de retour à donner.',
  'engagement.feedback.none': 'Vous n’avez pas encore de séance sur laquelle donner votre avis. Après chaque séance, je vous demanderai si elle a eu lieu.',
  'engagement.feedback.list.title': 'Vos dernières séances',
  'engagement.feedback.list.intro': 'Choisissez une séance pour donner ou modifier votre retour confidentiel.',
  'engagement.feedback.list.given': '• {date} avec {partner} — retour donné',
  'engagement.feedback.list.todo': '• {date} avec {partner} — pas encore de retour',

  'engagement.adoption.title': 'L’avez-vous mis en pratique ?',
  'engagement.adoption.text':
    'Bonjour {name}, il y a une semaine, vous avez travaillé sur *{topic}* avec {partner}. Avez-vous utilisé depuis ce que vous avez appris ?',
  'engagement.adoption.yes': 'Oui',
  'engagement.adoption.not_yet': 'Pas encore',
  'engagement.adoption.no': 'Non',
  'engagement.adoption.form.title': 'Quelques mots ?',
  'engagement.adoption.form.yes': 'Comment l’avez-vous utilisé ?',
  'engagement.adoption.form.not_yet': 'Qu’est-ce qui vous aiderait à vous lancer ?',
  'engagement.adoption.form.no': 'Qu’est-ce qui vous en a empêché ?',
  'engagement.adoption.saved.yes': 'Excellente nouvelle ! Votre réponse sur {topic} est enregistrée.',
  'engagement.adoption.saved.not_yet': 'C’est noté — rien ne presse. Votre prochaine séance avec {partner} sera l’occasion d’essayer ensemble.',
  'engagement.adoption.saved.no': 'Merci pour votre franchise, elle aide le programme à progresser. Votre réponse sur {topic} est enregistrée.',
  'engagement.adoption.text_saved': 'Merci, vos mots sont enregistrés.',

  'engagement.closing.title': 'Votre Tandem est terminé 🎉',
  'engagement.closing.text':
    'Bonjour {name}, {partner} et vous avez tenu les {count} séances prévues : votre binôme est maintenant terminé. Merci pour le temps et l’attention que vous y avez consacrés !',
  'engagement.closing.recommend': '*Recommanderiez-vous Tandem à un·e collègue ?*',
  'engagement.closing.repeat': '*Le referiez-vous ?*',
  'engagement.closing.yes': 'Oui',
  'engagement.closing.no': 'Non',
  'engagement.closing.saved': 'Merci, votre réponse est enregistrée.',
};
