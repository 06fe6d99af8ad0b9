/**
 * Seeded topic catalogue with its pedagogical kit (key figures, examples, exercise,
 * questionnaire, resources), in French and English. Pure data.
 *
 * Sources: program facts come from the French seed articles (AXA, SNCF, IBM study);
 * other figures are widely reported public facts, attributed in the sentence itself.
 */
import type { TopicSeed } from './types.js';

export const TOPIC_CATALOGUE: readonly TopicSeed[] = [
  // ---------------------------------------------------------------------------
  {
    slug: 'genai-assistants',
    name: { en: 'Generative AI assistants', fr: 'Assistants d’IA générative' },
    description: {
      en: 'Use ChatGPT, Copilot and similar assistants to draft, summarise and analyse, safely and with a critical eye.',
      fr: 'Utiliser ChatGPT, Copilot et consorts pour rédiger, résumer et analyser, en toute sécurité et avec esprit critique.',
    },
    kit: {
      keyFigures: [
        {
          en: 'ChatGPT, launched by OpenAI in November 2022, reached an estimated 100 million users in about two months, according to a UBS analysis published in early 2023.',
          fr: 'Lancé par OpenAI en novembre 2022, ChatGPT aurait atteint environ 100 millions d’utilisateurs en deux mois, selon une estimation d’UBS publiée début 2023.',
        },
        {
          en: 'According to the 2024 Work Trend Index by Microsoft and LinkedIn (31,000 people in 31 countries), about three in four knowledge workers use generative AI at work, most of them with tools they bring themselves.',
          fr: 'Selon le Work Trend Index 2024 de Microsoft et LinkedIn (31 000 personnes dans 31 pays), environ trois travailleurs du savoir sur quatre utilisent l’IA générative au travail, la plupart avec des outils qu’ils apportent eux-mêmes.',
        },
        {
          en: 'The EU AI Act (Regulation 2024/1689) entered into force in August 2024; since February 2025 it requires organisations that use AI to ensure their staff have a sufficient level of AI literacy.',
          fr: 'Le règlement européen sur l’IA (AI Act, règlement 2024/1689) est entré en vigueur en août 2024 ; depuis février 2025, il impose aux organisations qui utilisent l’IA de veiller à un niveau suffisant de maîtrise de l’IA chez leur personnel.',
        },
      ],
      examples: [
        {
          en: 'Turn the raw notes of a steering committee into a one-page summary of decisions and owners, then check it line by line against the notes.',
          fr: 'Transformer les notes brutes d’un comité de pilotage en synthèse d’une page (décisions, responsables), puis la vérifier point par point.',
        },
        {
          en: 'Ask an assistant for three counter-arguments to a strategy memo before sending it to the executive committee.',
          fr: 'Demander à un assistant trois contre-arguments à une note stratégique avant de l’envoyer au comité exécutif.',
        },
        {
          en: 'Draft a customer reply in English and German from a French brief, without pasting any confidential customer data.',
          fr: 'Rédiger une réponse client en anglais et en allemand à partir d’un brief en français, sans y coller la moindre donnée client confidentielle.',
        },
      ],
      exercise: {
        en: "Pick a real, non-confidential task from the mentee's week (an email, a memo, a meeting summary). Write a first prompt together, then improve it three times by adding a role, context, the expected format and tone. Compare the answers, spot at least one error or invented fact, and list what must never be pasted into a public assistant.",
        fr: 'Choisir une vraie tâche non confidentielle de la semaine du mentoré (un e-mail, une note, un compte rendu). Écrire ensemble un premier prompt, puis l’améliorer trois fois en précisant le rôle, le contexte, le format attendu et le ton. Comparer les réponses, repérer au moins une erreur ou une invention, et dresser la liste de ce qu’il ne faut jamais coller dans un assistant public.',
      },
      questions: [
        {
          en: 'Which of your recurring tasks could an AI assistant speed up, and which should remain entirely human?',
          fr: 'Parmi vos tâches récurrentes, lesquelles un assistant d’IA pourrait-il accélérer, et lesquelles doivent rester entièrement humaines ?',
        },
        {
          en: "What information do your company's rules forbid you to paste into a public AI assistant?",
          fr: 'Quelles informations les règles de votre entreprise vous interdisent-elles de coller dans un assistant d’IA public ?',
        },
        {
          en: 'How do you check an AI-generated answer before using it, and have you done so since the session?',
          fr: 'Comment vérifiez-vous une réponse produite par l’IA avant de l’utiliser, et l’avez-vous fait depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'EU Artificial Intelligence Act (official text, EUR-Lex)', fr: 'Règlement européen sur l’intelligence artificielle (texte officiel, EUR-Lex)' },
          url: 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj',
        },
        {
          title: { en: 'Elements of AI, free online course (University of Helsinki)', fr: 'Elements of AI, cours en ligne gratuit (université d’Helsinki)' },
          url: 'https://www.elementsofai.com/',
        },
        {
          title: { en: 'CNIL: artificial intelligence and personal data', fr: 'CNIL : intelligence artificielle et données personnelles' },
          url: 'https://www.cnil.fr/',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'linkedin-branding',
    name: { en: 'LinkedIn and personal branding', fr: 'LinkedIn et marque personnelle' },
    description: {
      en: 'Build a credible profile, post with purpose and grow a useful network as a leader, in line with company guidelines.',
      fr: 'Soigner son profil, publier à bon escient et développer un réseau utile en tant que dirigeant, dans le respect des règles internes.',
    },
    kit: {
      keyFigures: [
        {
          en: 'LinkedIn, founded in 2003 and bought by Microsoft in 2016 for about 26 billion dollars, reports more than one billion members worldwide.',
          fr: 'Fondé en 2003 et racheté par Microsoft en 2016 pour environ 26 milliards de dollars, LinkedIn revendique plus d’un milliard de membres dans le monde.',
        },
        {
          en: 'Training executives on Twitter and LinkedIn is one of the classic formats of reverse mentoring, alongside digital briefings for executive committees.',
          fr: 'Former les dirigeants à Twitter et à LinkedIn compte parmi les formats classiques du reverse mentoring, au même titre que la sensibilisation du comité exécutif aux enjeux du numérique.',
        },
        {
          en: 'AXA, which launched its reverse mentoring programme in January 2015 and involved more than 1,000 employees, showcased it on its corporate website and social networks as a recruitment argument.',
          fr: 'AXA, qui a lancé son programme de reverse mentoring en janvier 2015 et y a associé plus de 1 000 collaborateurs, l’a mis en avant sur son site institutionnel et ses réseaux sociaux comme argument de recrutement.',
        },
      ],
      examples: [
        {
          en: 'A director shares a short post about a project milestone and credits the team by name, rather than relaying a generic press release.',
          fr: 'Une directrice publie un court post sur une étape clé d’un projet en citant nommément l’équipe, plutôt que de relayer un communiqué générique.',
        },
        {
          en: "An executive leaves a thoughtful comment on a partner's announcement to strengthen the business relationship.",
          fr: 'Un dirigeant commente avec pertinence l’annonce d’un partenaire pour entretenir la relation d’affaires.',
        },
        {
          en: 'A manager shares a job opening with a personal note on why people enjoy working in the team.',
          fr: 'Un manager relaie une offre d’emploi en expliquant en deux phrases pourquoi on aime travailler dans son équipe.',
        },
      ],
      exercise: {
        en: "Review the mentee's profile together against a checklist (photo, headline, summary, experience, featured content, privacy settings). Rewrite the headline and summary, then draft and schedule a first post of about 150 words on a subject the mentee genuinely cares about.",
        fr: 'Passer en revue le profil du mentoré à l’aide d’une grille (photo, titre, résumé, expériences, contenus mis en avant, paramètres de confidentialité). Réécrire le titre et le résumé, puis rédiger et programmer un premier post d’environ 150 mots sur un sujet qui lui tient vraiment à cœur.',
      },
      questions: [
        {
          en: 'Which three themes do you want to be known for on LinkedIn?',
          fr: 'Sur quels trois thèmes souhaitez-vous être identifié sur LinkedIn ?',
        },
        {
          en: "What does your company's social media policy say about speaking on its behalf?",
          fr: 'Que dit la charte réseaux sociaux de votre entreprise sur la prise de parole en son nom ?',
        },
        {
          en: 'Have you posted or commented since the session, and what reactions did you get?',
          fr: 'Avez-vous publié ou commenté depuis la séance, et quelles réactions avez-vous obtenues ?',
        },
      ],
      resources: [
        {
          title: { en: 'LinkedIn Help Center', fr: 'Centre d’aide LinkedIn' },
          url: 'https://www.linkedin.com/help/linkedin',
        },
        {
          title: { en: "Your company's social media policy (ask the communications team)", fr: 'La charte réseaux sociaux de votre entreprise (à demander à la direction de la communication)' },
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'collaboration-suites',
    name: { en: 'Collaboration tools (Teams, Slack…)', fr: 'Outils collaboratifs (Teams, Slack…)' },
    description: {
      en: 'Move from email chains to channels, co-edited documents and shared task lists in Microsoft 365, Google Workspace or Slack.',
      fr: 'Passer des chaînes d’e-mails aux canaux, aux documents coédités et aux listes de tâches partagées (Microsoft 365, Google Workspace, Slack).',
    },
    kit: {
      keyFigures: [
        {
          en: 'Microsoft reported more than 280 million monthly active users of Teams in January 2023.',
          fr: 'Microsoft annonçait plus de 280 millions d’utilisateurs actifs mensuels de Teams en janvier 2023.',
        },
        {
          en: 'Salesforce completed its acquisition of Slack in 2021 for about 27.7 billion dollars, a sign of how central workplace messaging has become.',
          fr: 'Salesforce a finalisé en 2021 le rachat de Slack pour environ 27,7 milliards de dollars, signe de la place prise par la messagerie d’entreprise.',
        },
        {
          en: 'At SNCF, whose reverse mentoring programme started at the end of 2014, social networks let the first pioneers find each other and spread the approach before meeting in person.',
          fr: 'À la SNCF, dont le programme de reverse mentoring a démarré fin 2014, les réseaux sociaux ont permis aux premiers pionniers de se rencontrer et d’essaimer avant de se voir en vrai.',
        },
      ],
      examples: [
        {
          en: 'Replace a 40-reply email thread with a project channel where decisions are pinned.',
          fr: 'Remplacer un fil de 40 réponses par e-mail par un canal projet où les décisions sont épinglées.',
        },
        {
          en: 'Co-edit a budget note in real time instead of circulating "budget_v3_final_OK.docx".',
          fr: 'Coéditer une note budgétaire en temps réel au lieu de faire circuler « budget_v3_final_OK.docx ».',
        },
        {
          en: 'Use @mentions and a shared task list to follow up on actions after a committee meeting.',
          fr: 'Utiliser les @mentions et une liste de tâches partagée pour suivre les actions décidées en comité.',
        },
      ],
      exercise: {
        en: "Start from a live topic in the mentee's inbox. Together, create a dedicated channel or team, invite two colleagues, post the context, upload one document and co-edit it during the session, assign two tasks with due dates, then set the channel's notifications to a sensible level.",
        fr: 'Partir d’un sujet en cours dans la boîte mail du mentoré. Ensemble, créer un canal ou une équipe dédiée, inviter deux collègues, poster le contexte, déposer un document et le coéditer pendant la séance, attribuer deux tâches avec échéance, puis régler les notifications du canal à un niveau raisonnable.',
      },
      questions: [
        {
          en: 'Which of your current email threads would work better as a channel or a shared document?',
          fr: 'Lesquels de vos fils d’e-mails actuels fonctionneraient mieux sous forme de canal ou de document partagé ?',
        },
        {
          en: 'How do you find the latest version of a shared document without asking anyone?',
          fr: 'Comment retrouvez-vous la dernière version d’un document partagé sans la demander à quelqu’un ?',
        },
        {
          en: 'Since the session, which discussions have you moved out of email?',
          fr: 'Depuis la séance, quelles discussions avez-vous sorties de la messagerie ?',
        },
      ],
      resources: [
        {
          title: { en: 'Microsoft Support (Teams, OneDrive, SharePoint)', fr: 'Support Microsoft (Teams, OneDrive, SharePoint)' },
          url: 'https://support.microsoft.com/',
        },
        {
          title: { en: 'Slack Help Center', fr: 'Centre d’aide Slack' },
          url: 'https://slack.com/help',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'cybersecurity',
    name: { en: 'Everyday cybersecurity', fr: 'Cybersécurité au quotidien' },
    description: {
      en: 'Spot phishing, use a password manager and turn on multi-factor authentication to protect yourself and the company.',
      fr: 'Repérer l’hameçonnage, adopter un gestionnaire de mots de passe et activer la double authentification pour se protéger et protéger l’entreprise.',
    },
    kit: {
      keyFigures: [
        {
          en: "Verizon's 2024 Data Breach Investigations Report found that about two thirds of breaches involved a human element, such as an error or falling for a scam.",
          fr: 'Selon le rapport Data Breach Investigations 2024 de Verizon, environ deux tiers des violations de données impliquent un facteur humain, comme une erreur ou une arnaque qui a fonctionné.',
        },
        {
          en: 'Microsoft stated in 2019 that an account is more than 99.9% less likely to be compromised when multi-factor authentication is turned on.',
          fr: 'Selon Microsoft (2019), un compte protégé par l’authentification multifacteur a plus de 99,9 % de risques en moins d’être compromis.',
        },
        {
          en: 'In its 2022 recommendation on passwords, the CNIL advises at least 12 characters mixing upper and lower case, digits and special characters when a password is the only protection.',
          fr: 'Dans sa recommandation de 2022 sur les mots de passe, la CNIL préconise au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux lorsque le mot de passe est la seule protection.',
        },
        {
          en: "Phishing consistently ranks among the main threats reported to Cybermalveillance.gouv.fr, the French government's cyber-assistance service.",
          fr: 'L’hameçonnage figure chaque année parmi les principales menaces signalées à Cybermalveillance.gouv.fr, le dispositif national d’assistance aux victimes.',
        },
      ],
      examples: [
        {
          en: 'A fake email from the "CEO" urgently asks accounting to pay a new supplier: the classic CEO fraud.',
          fr: 'Un faux e-mail du « PDG » demande en urgence à la comptabilité de payer un nouveau fournisseur : la fameuse fraude au président.',
        },
        {
          en: "A parcel-delivery text message links to a lookalike of the carrier's website that steals card details.",
          fr: 'Un SMS de livraison de colis renvoie vers une copie du site du transporteur qui dérobe les coordonnées bancaires.',
        },
        {
          en: 'The same password, used for a travel website and for the corporate VPN, leaks in a data breach.',
          fr: 'Le même mot de passe, utilisé pour un site de voyage et pour le VPN de l’entreprise, fuite lors d’un piratage.',
        },
      ],
      exercise: {
        en: "Go through five real or sample emails together and sort them into legitimate or phishing, naming each clue (sender, link, urgency, attachment). Then open the company's approved password manager, move three important accounts into it, and turn on multi-factor authentication for the mentee's work and personal email.",
        fr: 'Examiner ensemble cinq e-mails, réels ou fictifs, et les classer en légitimes ou frauduleux en nommant chaque indice (expéditeur, lien, urgence, pièce jointe). Ouvrir ensuite le gestionnaire de mots de passe validé par l’entreprise, y transférer trois comptes importants et activer la double authentification sur les messageries professionnelle et personnelle du mentoré.',
      },
      questions: [
        {
          en: 'Which three clues make you suspect that an email is a phishing attempt?',
          fr: 'Quels trois indices vous font soupçonner qu’un e-mail est une tentative d’hameçonnage ?',
        },
        {
          en: 'Who do you report a suspicious email to in your company, and how?',
          fr: 'À qui signalez-vous un e-mail suspect dans votre entreprise, et comment ?',
        },
        {
          en: 'Which of your accounts now have multi-factor authentication turned on?',
          fr: 'Lesquels de vos comptes sont désormais protégés par la double authentification ?',
        },
      ],
      resources: [
        {
          title: { en: 'Cybermalveillance.gouv.fr: advice and victim assistance', fr: 'Cybermalveillance.gouv.fr : conseils et assistance aux victimes' },
          url: 'https://www.cybermalveillance.gouv.fr/',
        },
        {
          title: { en: 'SecNumacadémie, free cybersecurity MOOC by ANSSI', fr: 'SecNumacadémie, le MOOC gratuit de l’ANSSI' },
          url: 'https://secnumacademie.gouv.fr/',
        },
        {
          title: { en: 'Have I Been Pwned: check whether your email appears in a breach', fr: 'Have I Been Pwned : vérifier si son adresse figure dans une fuite' },
          url: 'https://haveibeenpwned.com/',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'personal-data',
    name: { en: 'Personal data and GDPR', fr: 'Données personnelles et RGPD' },
    description: {
      en: 'Understand the GDPR essentials, exercise your rights and adjust the privacy settings of the apps and networks you use.',
      fr: 'Comprendre l’essentiel du RGPD, exercer ses droits et régler la confidentialité des applis et réseaux que l’on utilise.',
    },
    kit: {
      keyFigures: [
        {
          en: 'The GDPR has applied across the European Union since 25 May 2018; fines can reach 20 million euros or 4% of worldwide annual turnover, whichever is higher.',
          fr: 'Le RGPD s’applique dans toute l’Union européenne depuis le 25 mai 2018 ; les amendes peuvent atteindre 20 millions d’euros ou 4 % du chiffre d’affaires annuel mondial, le montant le plus élevé étant retenu.',
        },
        {
          en: 'In January 2019, the CNIL fined Google 50 million euros for a lack of transparency and of valid consent to personalised advertising.',
          fr: 'En janvier 2019, la CNIL a infligé à Google une amende de 50 millions d’euros pour manque de transparence et absence de consentement valable à la publicité personnalisée.',
        },
        {
          en: 'Under the GDPR, an organisation must in principle answer a request to access your personal data within one month.',
          fr: 'Selon le RGPD, un organisme doit en principe répondre dans un délai d’un mois à une demande d’accès à vos données personnelles.',
        },
      ],
      examples: [
        {
          en: 'A sales team exports its customer contacts to a personal spreadsheet on a home computer, creating a risk of data breach.',
          fr: 'Une équipe commerciale exporte ses contacts clients dans un tableur personnel sur un ordinateur familial, au risque d’une fuite de données.',
        },
        {
          en: 'A manager forwards a CV received by email to ten colleagues who have no need to see it.',
          fr: 'Un manager transfère à dix collègues un CV reçu par e-mail, sans que cela leur soit utile.',
        },
        {
          en: "An executive's public profiles and fitness app reveal travel plans and usual running routes near home.",
          fr: 'Les profils publics et l’application de sport d’un dirigeant révèlent ses déplacements et ses parcours de course habituels près de chez lui.',
        },
      ],
      exercise: {
        en: "Open the privacy settings of two services the mentee uses daily (for example LinkedIn and their smartphone) and review visibility, location, ad personalisation and connected apps together. Then map one team process that handles personal data: which data, for what purpose, who can access it, how long it is kept, and who the company's data protection officer is.",
        fr: 'Ouvrir les paramètres de confidentialité de deux services que le mentoré utilise chaque jour (par exemple LinkedIn et son smartphone) et passer en revue visibilité, localisation, publicité personnalisée et applications connectées. Cartographier ensuite un processus de l’équipe qui traite des données personnelles : quelles données, dans quel but, qui y accède, combien de temps elles sont conservées, et qui est le délégué à la protection des données de l’entreprise.',
      },
      questions: [
        {
          en: 'What personal data does your team handle, and for what purpose?',
          fr: 'Quelles données personnelles votre équipe traite-t-elle, et dans quel but ?',
        },
        {
          en: "Who is your company's data protection officer (DPO), and when should you contact them?",
          fr: 'Qui est le délégué à la protection des données (DPO) de votre entreprise, et quand faut-il le solliciter ?',
        },
        {
          en: 'Which privacy settings have you changed since the session?',
          fr: 'Quels paramètres de confidentialité avez-vous modifiés depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'CNIL, the French data protection authority', fr: 'CNIL, Commission nationale de l’informatique et des libertés' },
          url: 'https://www.cnil.fr/',
        },
        {
          title: { en: 'General Data Protection Regulation (official text, EUR-Lex)', fr: 'Règlement général sur la protection des données (texte officiel, EUR-Lex)' },
          url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'online-learning',
    name: { en: 'Online learning and MOOCs', fr: 'Formation en ligne et MOOC' },
    description: {
      en: 'Find quality courses (MOOCs, videos, podcasts) and build a habit of short, regular learning that fits a busy diary.',
      fr: 'Trouver des formations de qualité (MOOC, vidéos, podcasts) et prendre l’habitude d’apprendre un peu, souvent, malgré un agenda chargé.',
    },
    kit: {
      keyFigures: [
        {
          en: 'Coursera and edX both launched in 2012, which the New York Times called "the year of the MOOC".',
          fr: 'Coursera et edX ont été lancés en 2012, année que le New York Times a qualifiée d’« année du MOOC ».',
        },
        {
          en: 'In France, the public platform FUN MOOC (France Université Numérique) has offered free courses from universities and grandes écoles since 2013.',
          fr: 'En France, la plateforme publique FUN MOOC (France Université Numérique) propose depuis 2013 des cours gratuits d’universités et de grandes écoles.',
        },
        {
          en: 'Since November 2019, employees in France can choose and book training funded by their personal training account (CPF) on the Mon Compte Formation app and website.',
          fr: 'Depuis novembre 2019, les salariés peuvent choisir et réserver une formation financée par leur compte personnel de formation (CPF) sur l’application et le site Mon Compte Formation.',
        },
        {
          en: 'Research on the "forgetting curve", starting with Hermann Ebbinghaus in 1885, shows that we forget quickly without spaced review, which is why microlearning relies on short, repeated sessions.',
          fr: 'Les travaux sur la « courbe de l’oubli », depuis Hermann Ebbinghaus en 1885, montrent qu’on oublie vite sans révisions espacées : d’où l’intérêt du microlearning et de ses séquences courtes et répétées.',
        },
      ],
      examples: [
        {
          en: 'Listen to a 15-minute podcast episode on the commute, then share one idea with the team.',
          fr: 'Écouter un épisode de podcast de 15 minutes dans les transports, puis en partager une idée avec l’équipe.',
        },
        {
          en: 'Follow a four-week MOOC on data or AI with a colleague and discuss each module over coffee.',
          fr: 'Suivre à deux un MOOC de quatre semaines sur la donnée ou l’IA et en débriefer chaque module autour d’un café.',
        },
        {
          en: "Assign a five-minute module from the company's learning platform before a team meeting.",
          fr: 'Proposer un module de cinq minutes de la plateforme de formation de l’entreprise avant une réunion d’équipe.',
        },
      ],
      exercise: {
        en: "Set one learning goal with the mentee for the coming month. Explore together the company's learning platform, FUN MOOC and one other platform; enrol in a course, complete its first module during the session, block two 20-minute learning slots a week in the diary and, if relevant, check the mentee's CPF balance.",
        fr: 'Fixer avec le mentoré un objectif d’apprentissage pour le mois à venir. Explorer ensemble la plateforme de formation de l’entreprise, FUN MOOC et une autre plateforme ; s’inscrire à un cours, en suivre le premier module pendant la séance, bloquer deux créneaux de 20 minutes par semaine dans l’agenda et, le cas échéant, consulter les droits CPF du mentoré.',
      },
      questions: [
        {
          en: "What would you like to be able to do in a month that you can't do today?",
          fr: 'Que voudriez-vous savoir faire dans un mois que vous ne savez pas faire aujourd’hui ?',
        },
        {
          en: 'When in your week is a realistic 20-minute learning slot?',
          fr: 'À quel moment de votre semaine un créneau de 20 minutes pour apprendre est-il réaliste ?',
        },
        {
          en: 'Have you completed the first modules of the course you chose?',
          fr: 'Avez-vous suivi les premiers modules du cours que vous aviez choisi ?',
        },
      ],
      resources: [
        {
          title: { en: 'FUN MOOC (France Université Numérique)', fr: 'FUN MOOC (France Université Numérique)' },
          url: 'https://www.fun-mooc.fr/',
        },
        {
          title: { en: 'Mon Compte Formation (personal training account, France)', fr: 'Mon Compte Formation (CPF)' },
          url: 'https://www.moncompteformation.gouv.fr/',
        },
        {
          title: { en: 'Coursera', fr: 'Coursera' },
          url: 'https://www.coursera.org/',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'social-listening',
    name: { en: 'Social listening', fr: 'Veille et écoute des réseaux sociaux' },
    description: {
      en: 'Follow what customers, competitors and talent say online with alerts, lists and hashtags, and turn it into decisions.',
      fr: 'Suivre ce que disent clients, concurrents et talents en ligne grâce aux alertes, listes et hashtags, et en tirer des décisions.',
    },
    kit: {
      keyFigures: [
        {
          en: 'According to the Digital 2024 report by DataReportal, We Are Social and Meltwater, there are more than five billion social media user identities worldwide.',
          fr: 'Selon le rapport Digital 2024 de DataReportal, We Are Social et Meltwater, on compte plus de cinq milliards d’identités d’utilisateurs de réseaux sociaux dans le monde.',
        },
        {
          en: 'In an IBM Institute for Business Value study ("Digital reinvention"), 60% of executives said they still lacked an integrated physical and digital strategy.',
          fr: 'Selon une étude de l’IBM Institute for Business Value (« La réinvention digitale »), 60 % des dirigeants déclarent qu’il leur manque encore une stratégie physique et digitale intégrée.',
        },
        {
          en: 'Free tools such as Google Alerts and the search features of the networks themselves are enough to start listening; paid platforms add sentiment analysis and dashboards.',
          fr: 'Des outils gratuits comme Google Alertes et la recherche intégrée aux réseaux suffisent pour démarrer une veille ; les plateformes payantes ajoutent analyse de sentiment et tableaux de bord.',
        },
      ],
      examples: [
        {
          en: 'A retail director spots recurring complaints about delivery delays on social media weeks before they appear in the monthly reports.',
          fr: 'Un directeur commercial repère sur les réseaux des plaintes récurrentes sur les délais de livraison, des semaines avant qu’elles n’apparaissent dans les reportings mensuels.',
        },
        {
          en: "A marketing team follows reactions to a competitor's product launch through its hashtags during launch week.",
          fr: 'Une équipe marketing suit les réactions au lancement d’un produit concurrent à travers ses hashtags pendant la semaine de lancement.',
        },
        {
          en: 'HR reads employee reviews and posts about the company to strengthen the employer brand.',
          fr: 'Les RH analysent les avis et publications de salariés sur l’entreprise pour renforcer la marque employeur.',
        },
      ],
      exercise: {
        en: "Choose three keywords with the mentee: the company's name, a key product and a competitor. Create Google Alerts for them, save a search or a list on one social network, then read together the last two weeks of mentions and sort them (praise, complaint, question, trend). Finish by agreeing one action or message to pass on.",
        fr: 'Choisir trois mots-clés avec le mentoré : le nom de l’entreprise, un produit phare et un concurrent. Créer des alertes Google, enregistrer une recherche ou une liste sur un réseau social, puis lire ensemble les mentions des deux dernières semaines et les classer (éloge, plainte, question, tendance). Conclure par une action ou un message à faire remonter.',
      },
      questions: [
        {
          en: 'What are people saying online about your company or your product this month?',
          fr: 'Que dit-on en ligne de votre entreprise ou de votre produit ce mois-ci ?',
        },
        {
          en: 'Which keywords and sources have you set up to follow?',
          fr: 'Quels mots-clés et quelles sources avez-vous mis sous surveillance ?',
        },
        {
          en: 'What decision or conversation has this monitoring fed since the session?',
          fr: 'Quelle décision ou quel échange cette veille a-t-elle nourri depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'Google Alerts', fr: 'Google Alertes' },
          url: 'https://www.google.com/alerts',
        },
        {
          title: { en: "Your company's social media policy and communications team", fr: 'La charte réseaux sociaux et la direction de la communication de votre entreprise' },
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'no-code-automation',
    name: { en: 'No-code automation', fr: 'Automatiser sans coder (no-code)' },
    description: {
      en: 'Automate repetitive tasks (forms, approvals, reminders, reports) with no-code tools such as Power Automate, Zapier or Make.',
      fr: 'Automatiser les tâches répétitives (formulaires, validations, relances, rapports) avec des outils no-code comme Power Automate, Zapier ou Make.',
    },
    kit: {
      keyFigures: [
        {
          en: 'Gartner forecast in 2021 that by 2025, 70% of new applications developed by organisations would use low-code or no-code technologies, up from less than 25% in 2020.',
          fr: 'Gartner prévoyait en 2021 que d’ici 2025, 70 % des nouvelles applications développées par les entreprises utiliseraient des technologies low-code ou no-code, contre moins de 25 % en 2020.',
        },
        {
          en: 'Gartner also expects that by 2026, people outside formal IT departments will make up at least 80% of the users of low-code development tools.',
          fr: 'Gartner estime aussi que d’ici 2026, les personnes extérieures aux directions informatiques représenteront au moins 80 % des utilisateurs d’outils low-code.',
        },
        {
          en: 'Most no-code automations follow the same pattern, "when this happens, do that": one trigger followed by one or more actions.',
          fr: 'La plupart des automatisations no-code suivent le même schéma, « quand ceci se produit, faire cela » : un déclencheur suivi d’une ou plusieurs actions.',
        },
      ],
      examples: [
        {
          en: "Automatically save every attachment from a supplier's emails into the right shared folder.",
          fr: 'Enregistrer automatiquement chaque pièce jointe reçue d’un fournisseur dans le bon dossier partagé.',
        },
        {
          en: 'Notify the manager in Teams or Slack as soon as an expense approval form is submitted.',
          fr: 'Prévenir le manager dans Teams ou Slack dès qu’un formulaire de validation de dépense est soumis.',
        },
        {
          en: 'Compile a weekly report from a spreadsheet and email it every Monday at 8 a.m.',
          fr: 'Compiler un rapport hebdomadaire à partir d’un tableur et l’envoyer par e-mail chaque lundi à 8 h.',
        },
      ],
      exercise: {
        en: "List together the repetitive tasks of the mentee's week (or their assistant's) and pick one simple, low-risk task. Build the automation live with the company's approved tool (trigger, actions, test), run it on a test case, then discuss who will maintain it and which data it touches.",
        fr: 'Recenser ensemble les tâches répétitives de la semaine du mentoré (ou de son assistant) et en choisir une, simple et sans risque. Construire l’automatisation en direct avec l’outil validé par l’entreprise (déclencheur, actions, test), l’essayer sur un cas fictif, puis discuter de qui la maintiendra et des données qu’elle manipule.',
      },
      questions: [
        {
          en: 'Which task do you repeat every week that follows a fixed rule?',
          fr: 'Quelle tâche répétez-vous chaque semaine en suivant toujours la même règle ?',
        },
        {
          en: 'What are the trigger and the actions of the automation we built together?',
          fr: 'Quels sont le déclencheur et les actions de l’automatisation que nous avons construite ensemble ?',
        },
        {
          en: 'Is the automation still running, and roughly how much time has it saved you?',
          fr: 'L’automatisation tourne-t-elle toujours, et combien de temps vous a-t-elle fait gagner, à peu près ?',
        },
      ],
      resources: [
        {
          title: { en: 'Microsoft Power Automate documentation', fr: 'Documentation Microsoft Power Automate' },
          url: 'https://learn.microsoft.com/power-automate/',
        },
        {
          title: { en: "Your IT department's list of approved automation tools", fr: 'La liste des outils d’automatisation validés par votre DSI' },
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'video-meetings',
    name: { en: 'Video and hybrid meetings', fr: 'Réunions en visio et hybrides' },
    description: {
      en: 'Run effective video and hybrid meetings: equipment, etiquette, inclusion of remote participants and shorter formats.',
      fr: 'Animer des réunions en visio et hybrides efficaces : équipement, savoir-vivre, place des participants à distance et formats courts.',
    },
    kit: {
      keyFigures: [
        {
          en: 'Zoom went from about 10 million daily meeting participants in December 2019 to more than 300 million in April 2020, as lockdowns spread.',
          fr: 'Zoom est passé d’environ 10 millions de participants quotidiens à des réunions en décembre 2019 à plus de 300 millions en avril 2020, au fil des confinements.',
        },
        {
          en: 'Stanford professor Jeremy Bailenson (2021) put forward four causes of "Zoom fatigue": close-up eye contact, constantly seeing yourself, reduced mobility and the extra effort of reading non-verbal cues.',
          fr: 'Jeremy Bailenson, professeur à Stanford, a avancé en 2021 quatre causes de la « fatigue Zoom » : le regard rapproché permanent, le fait de se voir en continu, la mobilité réduite et l’effort accru pour décoder le non-verbal.',
        },
        {
          en: "A 2021 study by Microsoft's Human Factors Lab, which measured brain activity, found that short breaks between back-to-back meetings limit the build-up of stress.",
          fr: 'Une étude du Human Factors Lab de Microsoft (2021), fondée sur la mesure de l’activité cérébrale, a montré que de courtes pauses entre des réunions enchaînées limitent l’accumulation du stress.',
        },
      ],
      examples: [
        {
          en: 'In a hybrid committee, remote participants speak first and the room works on a shared screen rather than a whiteboard nobody can see remotely.',
          fr: 'En comité hybride, les participants à distance prennent la parole en premier et la salle travaille sur un écran partagé plutôt que sur un tableau blanc invisible à distance.',
        },
        {
          en: 'Meetings are booked for 25 or 50 minutes to leave a break before the next one.',
          fr: 'Les réunions sont planifiées sur 25 ou 50 minutes pour ménager une pause avant la suivante.',
        },
        {
          en: 'An executive hides self-view and uses a headset to avoid echo in an open space.',
          fr: 'Un dirigeant masque son propre retour vidéo et utilise un casque pour éviter l’écho en open space.',
        },
      ],
      exercise: {
        en: "Run a mock 15-minute hybrid meeting: the mentee hosts from a meeting room while the mentor joins remotely. Practise screen sharing, raising hands, chat, live captions and recording, then debrief what the remote participant experienced and agree on three rules for the mentee's next real meetings.",
        fr: 'Simuler une réunion hybride de 15 minutes : le mentoré anime depuis une salle, le mentor participe à distance. S’exercer au partage d’écran, à la main levée, au chat, aux sous-titres en direct et à l’enregistrement, puis débriefer le ressenti du participant à distance et convenir de trois règles pour les prochaines vraies réunions du mentoré.',
      },
      questions: [
        {
          en: 'What do you do to give remote participants the same voice as those in the room?',
          fr: 'Que faites-vous pour donner aux participants à distance la même place qu’à ceux présents dans la salle ?',
        },
        {
          en: 'Which of your recurring meetings could be shorter, asynchronous or cancelled?',
          fr: 'Lesquelles de vos réunions récurrentes pourraient être raccourcies, remplacées par un échange écrit ou supprimées ?',
        },
        {
          en: 'Which meeting rule have you applied since the session?',
          fr: 'Quelle règle de réunion avez-vous appliquée depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'Microsoft Support: meetings in Teams', fr: 'Support Microsoft : les réunions dans Teams' },
          url: 'https://support.microsoft.com/',
        },
        {
          title: { en: 'Bailenson (2021), "Nonverbal Overload: A Theoretical Argument for the Causes of Zoom Fatigue"', fr: 'Bailenson (2021), « Nonverbal Overload », article sur les causes de la fatigue Zoom (en anglais)' },
          url: 'https://doi.org/10.1037/tmb0000030',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'data-literacy',
    name: { en: 'Data literacy and dashboards', fr: 'Culture de la donnée' },
    description: {
      en: 'Read a dashboard critically, question the data and master spreadsheet basics (filters, pivot tables, charts).',
      fr: 'Lire un tableau de bord avec esprit critique, interroger les données et maîtriser les bases du tableur (filtres, tableaux croisés, graphiques).',
    },
    kit: {
      keyFigures: [
        {
          en: 'In October 2020, Public Health England left nearly 16,000 COVID-19 cases out of its daily figures because data had been handled in an old Excel file format with a row limit.',
          fr: 'En octobre 2020, l’agence Public Health England a omis près de 16 000 cas de COVID-19 de ses bilans quotidiens, car les données transitaient par un ancien format de fichier Excel limité en nombre de lignes.',
        },
        {
          en: 'In 2013, a graduate student found a spreadsheet error in an influential 2010 paper by economists Reinhart and Rogoff, widely quoted in the austerity debate.',
          fr: 'En 2013, un doctorant a découvert une erreur de tableur dans un article influent des économistes Reinhart et Rogoff (2010), très cité dans le débat sur l’austérité.',
        },
        {
          en: "France's open data portal data.gouv.fr, launched in 2011, offers thousands of free public datasets to practise on.",
          fr: 'Le portail français des données ouvertes data.gouv.fr, lancé en 2011, propose des milliers de jeux de données publics et gratuits pour s’exercer.',
        },
      ],
      examples: [
        {
          en: 'A sales dashboard shows the average basket up 10%, but the median tells a different story.',
          fr: 'Un tableau de bord commercial affiche un panier moyen en hausse de 10 %, mais la médiane raconte une autre histoire.',
        },
        {
          en: "A pivot table reveals that three customers account for half of a region's revenue.",
          fr: 'Un tableau croisé dynamique révèle que trois clients font la moitié du chiffre d’affaires d’une région.',
        },
        {
          en: 'A chart with a truncated axis makes a small change look dramatic in a board presentation.',
          fr: 'Un graphique à l’axe tronqué donne à une petite variation des airs de séisme dans une présentation au conseil.',
        },
      ],
      exercise: {
        en: 'Take a dashboard the mentee receives regularly and answer together: where does the data come from, when was it last refreshed, how is each indicator defined, what is missing? Then open an extract in a spreadsheet, build a pivot table and a chart that answer one real business question, and compare the result with the dashboard.',
        fr: 'Prendre un tableau de bord que le mentoré reçoit régulièrement et répondre ensemble : d’où viennent les données, quand ont-elles été actualisées, comment chaque indicateur est-il défini, que manque-t-il ? Ouvrir ensuite un extrait dans un tableur, construire un tableau croisé dynamique et un graphique qui répondent à une vraie question métier, puis comparer avec le tableau de bord.',
      },
      questions: [
        {
          en: 'For your main indicator, do you know its exact definition and its data source?',
          fr: 'Connaissez-vous la définition exacte et la source de données de votre indicateur principal ?',
        },
        {
          en: 'What question would you like your data to answer that current dashboards do not?',
          fr: 'À quelle question aimeriez-vous que vos données répondent, que les tableaux de bord actuels laissent sans réponse ?',
        },
        {
          en: 'Have you built or changed a pivot table or a chart since the session?',
          fr: 'Avez-vous créé ou modifié un tableau croisé dynamique ou un graphique depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'data.gouv.fr, French open data portal', fr: 'data.gouv.fr, plateforme des données publiques' },
          url: 'https://www.data.gouv.fr/',
        },
        {
          title: { en: 'Insee, French national statistics institute', fr: 'Insee, Institut national de la statistique et des études économiques' },
          url: 'https://www.insee.fr/',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'mobile-productivity',
    name: { en: 'Mobile productivity', fr: 'Travailler efficacement sur mobile' },
    description: {
      en: 'Make your smartphone a work tool: apps for mail, documents and approvals, scanning, dictation and basic security.',
      fr: 'Faire du smartphone un outil de travail : applis de messagerie, documents et validations, numérisation, dictée et sécurité de base.',
    },
    kit: {
      keyFigures: [
        {
          en: 'According to the 2022 Baromètre du numérique (a CRÉDOC survey for Arcep and other public bodies), 87% of people aged 12 and over in France own a smartphone.',
          fr: 'Selon le Baromètre du numérique 2022 (enquête du CRÉDOC pour l’Arcep et d’autres institutions), 87 % des personnes de 12 ans et plus en France possèdent un smartphone.',
        },
        {
          en: 'Since 2019, the same barometer has found that the smartphone is the device French people use most often to go online, ahead of the computer.',
          fr: 'Depuis 2019, ce même baromètre constate que le smartphone est l’appareil le plus utilisé par les Français pour se connecter à Internet, devant l’ordinateur.',
        },
        {
          en: 'Android and iOS run almost all smartphones (99% in France according to the 2019 barometer), so a few app skills go a long way.',
          fr: 'Android et iOS équipent la quasi-totalité des smartphones (99 % en France selon le baromètre 2019) : quelques réflexes suffisent donc pour la plupart des appareils.',
        },
      ],
      examples: [
        {
          en: 'Approve an expense report or a purchase order from the phone between two meetings.',
          fr: 'Valider une note de frais ou un bon de commande depuis son téléphone entre deux réunions.',
        },
        {
          en: 'Scan a signed contract with the Office or Drive app instead of hunting for a scanner.',
          fr: 'Numériser un contrat signé avec l’appli Office ou Drive au lieu de chercher un scanner.',
        },
        {
          en: 'Dictate meeting notes by voice, then tidy them up on the computer.',
          fr: 'Dicter ses notes de réunion à la voix, puis les mettre au propre sur l’ordinateur.',
        },
      ],
      exercise: {
        en: "With the mentee's phone in hand, install or check the work apps approved by the company: email, calendar, Teams or Slack, documents. Practise three tasks in real conditions: scan a document into a shared folder, dictate and send a message, join a meeting from the phone. Finish with a security check: screen lock, updates, and what to do if the phone is lost.",
        fr: 'Téléphone du mentoré en main, installer ou vérifier les applis professionnelles autorisées par l’entreprise : messagerie, agenda, Teams ou Slack, documents. S’exercer à trois tâches en conditions réelles : numériser un document dans un dossier partagé, dicter et envoyer un message, rejoindre une réunion depuis le téléphone. Terminer par un point sécurité : verrouillage de l’écran, mises à jour et conduite à tenir en cas de perte.',
      },
      questions: [
        {
          en: 'Which work tasks do you now do from your phone, and which do you avoid doing there?',
          fr: 'Quelles tâches professionnelles faites-vous désormais depuis votre téléphone, et lesquelles évitez-vous d’y faire ?',
        },
        {
          en: 'What would you do first if your work phone were lost or stolen?',
          fr: 'Que feriez-vous en premier si votre téléphone professionnel était perdu ou volé ?',
        },
        {
          en: 'Which mobile app have you used for work since the session?',
          fr: 'Quelle application mobile avez-vous utilisée pour votre travail depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'Apple Support (iPhone)', fr: 'Assistance Apple (iPhone)' },
          url: 'https://support.apple.com/',
        },
        {
          title: { en: 'Android Help', fr: 'Aide Android' },
          url: 'https://support.google.com/android',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'digital-wellbeing',
    name: { en: 'Digital wellbeing and disconnecting', fr: 'Bien-être numérique et déconnexion' },
    description: {
      en: 'Tame notifications, protect focus time and respect the right to disconnect, for yourself and for your teams.',
      fr: 'Maîtriser les notifications, protéger ses temps de concentration et respecter le droit à la déconnexion, pour soi comme pour ses équipes.',
    },
    kit: {
      keyFigures: [
        {
          en: 'In France, the right to disconnect ("droit à la déconnexion"), introduced by the labour law of 8 August 2016, has applied since 1 January 2017 and must be organised by a company agreement or, failing that, an employer charter.',
          fr: 'En France, le droit à la déconnexion, introduit par la loi Travail du 8 août 2016, s’applique depuis le 1er janvier 2017 : il doit être organisé par un accord d’entreprise ou, à défaut, par une charte de l’employeur.',
        },
        {
          en: 'Portugal passed a law in 2021 that, with some exceptions, bars employers from contacting staff outside working hours.',
          fr: 'Le Portugal a adopté en 2021 une loi qui interdit, sauf exceptions, aux employeurs de contacter leurs salariés en dehors des heures de travail.',
        },
        {
          en: 'Field studies by Gloria Mark (University of California, Irvine) are often cited for finding that people take about 23 minutes on average to get back to an interrupted task.',
          fr: 'Les études de terrain de Gloria Mark (université de Californie à Irvine) sont souvent citées pour ce constat : il faut en moyenne une vingtaine de minutes pour revenir à une tâche interrompue.',
        },
      ],
      examples: [
        {
          en: 'A director schedules late-evening emails to be sent at 8 a.m. the next morning.',
          fr: 'Une directrice programme l’envoi de ses e-mails du soir pour le lendemain à 8 h.',
        },
        {
          en: 'A team agrees that messages sent after 7 p.m. do not expect a reply before the next day, except in emergencies.',
          fr: 'Une équipe convient qu’un message envoyé après 19 h n’appelle pas de réponse avant le lendemain, sauf urgence.',
        },
        {
          en: 'A manager blocks two focus slots a week with notifications off and chat status set to "do not disturb".',
          fr: 'Un manager bloque deux plages de concentration par semaine, notifications coupées et statut « Ne pas déranger » activé.',
        },
      ],
      exercise: {
        en: 'Review the mentee\'s notifications on computer and phone together: count the alerts received over a typical hour, switch off the non-essential ones, set "do not disturb" hours and delayed sending for emails. Then draft a short message on response times and out-of-hours contact that the mentee can share with their direct reports.',
        fr: 'Passer en revue ensemble les notifications du mentoré sur ordinateur et téléphone : compter les alertes reçues en une heure ordinaire, couper celles qui ne sont pas essentielles, définir des plages « Ne pas déranger » et l’envoi différé des e-mails. Rédiger ensuite un court message sur les délais de réponse et les sollicitations hors horaires, que le mentoré pourra partager avec ses collaborateurs directs.',
      },
      questions: [
        {
          en: 'How many times a day do you think you check your emails or messages?',
          fr: 'Combien de fois par jour pensez-vous consulter vos e-mails ou vos messages ?',
        },
        {
          en: 'What message do your late-evening emails send to your teams?',
          fr: 'Quel signal vos e-mails envoyés tard le soir adressent-ils à vos équipes ?',
        },
        {
          en: 'Which notification settings or team rules have you changed since the session?',
          fr: 'Quels réglages de notifications ou quelles règles d’équipe avez-vous changés depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'Légifrance, official French legal texts (Labour Code)', fr: 'Légifrance (Code du travail)' },
          url: 'https://www.legifrance.gouv.fr/',
        },
        {
          title: { en: 'INRS, French institute for occupational health and safety', fr: 'INRS, santé et sécurité au travail' },
          url: 'https://www.inrs.fr/',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'digital-accessibility',
    name: { en: 'Digital accessibility', fr: 'Accessibilité numérique' },
    description: {
      en: 'Make documents, presentations, meetings and web content usable by everyone, including people with disabilities.',
      fr: 'Rendre documents, présentations, réunions et contenus web utilisables par tous, y compris les personnes en situation de handicap.',
    },
    kit: {
      keyFigures: [
        {
          en: 'The World Health Organization estimates that about 1.3 billion people, roughly one in six, live with a significant disability (2023).',
          fr: 'L’Organisation mondiale de la santé estime qu’environ 1,3 milliard de personnes, soit près d’une sur six, vivent avec un handicap important (2023).',
        },
        {
          en: 'The European Accessibility Act has applied since 28 June 2025 to many digital products and services, such as e-commerce, banking services and e-books.',
          fr: 'L’acte européen sur l’accessibilité s’applique depuis le 28 juin 2025 à de nombreux produits et services numériques, comme le commerce en ligne, les services bancaires et les livres numériques.',
        },
        {
          en: "In France, the disability law of 11 February 2005 requires public bodies' websites to be accessible, as assessed against the RGAA, a national framework based on WCAG.",
          fr: 'En France, la loi handicap du 11 février 2005 impose l’accessibilité des sites publics, évaluée selon le RGAA, référentiel national fondé sur les WCAG.',
        },
      ],
      examples: [
        {
          en: 'Add alternative text to the charts of a report so that screen-reader users get the message.',
          fr: 'Ajouter un texte alternatif aux graphiques d’un rapport pour que les utilisateurs de lecteurs d’écran en saisissent le message.',
        },
        {
          en: 'Turn on live captions in a video meeting for a colleague with hearing loss, or for non-native speakers.',
          fr: 'Activer les sous-titres en direct d’une visio pour un collègue malentendant ou pour des participants non francophones.',
        },
        {
          en: 'Run the built-in accessibility checker of Word or PowerPoint before sending a board presentation.',
          fr: 'Lancer le vérificateur d’accessibilité intégré à Word ou PowerPoint avant d’envoyer une présentation au conseil.',
        },
      ],
      exercise: {
        en: 'Take a recent presentation or document from the mentee. Run the built-in accessibility checker together and fix the issues (alternative text, contrast, heading structure, reading order, link text), then listen to a page with a screen reader (Narrator, VoiceOver or TalkBack) and discuss what changed.',
        fr: 'Prendre une présentation ou un document récent du mentoré. Lancer ensemble le vérificateur d’accessibilité intégré et corriger les problèmes (textes alternatifs, contrastes, structure des titres, ordre de lecture, intitulés des liens), puis écouter une page avec un lecteur d’écran (Narrateur, VoiceOver ou TalkBack) et discuter de ce qui a changé.',
      },
      questions: [
        {
          en: 'What makes a document hard to use with a screen reader?',
          fr: 'Qu’est-ce qui rend un document difficile à utiliser avec un lecteur d’écran ?',
        },
        {
          en: 'Which accessibility features are built into the tools you use every day?',
          fr: 'Quelles fonctions d’accessibilité sont intégrées aux outils que vous utilisez chaque jour ?',
        },
        {
          en: 'Have you run the accessibility checker on a document since the session?',
          fr: 'Avez-vous passé un document au vérificateur d’accessibilité depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'W3C Web Accessibility Initiative (WAI)', fr: 'W3C, Web Accessibility Initiative (WAI, en anglais)' },
          url: 'https://www.w3.org/WAI/',
        },
        {
          title: { en: 'RGAA, French digital accessibility framework', fr: 'RGAA, référentiel général d’amélioration de l’accessibilité' },
          url: 'https://accessibilite.numerique.gouv.fr/',
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------
  {
    slug: 'green-it',
    name: { en: 'Responsible digital (green IT)', fr: 'Numérique responsable' },
    description: {
      en: 'Understand the environmental footprint of digital tools and adopt simple habits: keep devices longer, tidy files, lighter video.',
      fr: 'Comprendre l’empreinte environnementale du numérique et adopter des gestes simples : garder ses appareils, trier ses fichiers, alléger la vidéo.',
    },
    kit: {
      keyFigures: [
        {
          en: 'According to a study published in 2022 by ADEME and Arcep, digital technology accounted for about 2.5% of the carbon footprint of France and 10% of its electricity consumption in 2020.',
          fr: 'Selon une étude de l’ADEME et de l’Arcep publiée en 2022, le numérique représentait en 2020 environ 2,5 % de l’empreinte carbone de la France et 10 % de sa consommation électrique.',
        },
        {
          en: 'The same study found that devices (TVs, screens, computers, smartphones) cause 65% to 90% of the environmental impact of digital technology, with manufacturing as the main source.',
          fr: 'La même étude attribue aux terminaux (téléviseurs, écrans, ordinateurs, smartphones) de 65 à 90 % de l’impact environnemental du numérique, la fabrication en étant la première source.',
        },
        {
          en: 'Without action, ADEME and Arcep projected that the carbon footprint of digital technology in France could grow by about 45% between 2020 and 2030.',
          fr: 'Sans action, l’ADEME et l’Arcep estiment que l’empreinte carbone du numérique en France pourrait augmenter d’environ 45 % entre 2020 et 2030.',
        },
      ],
      examples: [
        {
          en: 'Extend the lifespan of laptops by two years in the next IT renewal plan.',
          fr: 'Allonger de deux ans la durée de vie des ordinateurs portables dans le prochain plan de renouvellement du parc.',
        },
        {
          en: 'Send a link to a shared document rather than a heavy attachment to fifty recipients.',
          fr: 'Envoyer un lien vers un document partagé plutôt qu’une pièce jointe lourde à cinquante destinataires.',
        },
        {
          en: 'Clean up a shared drive full of duplicates and outdated versions before buying more storage.',
          fr: 'Faire le ménage dans un espace partagé rempli de doublons et de vieilles versions avant d’acheter du stockage supplémentaire.',
        },
      ],
      exercise: {
        en: "Take stock together of the mentee's team: number and age of devices, storage used, video and meeting habits. Compare with ADEME's public guidance, then pick three concrete actions (device lifespan, shared-drive clean-up, video settings) and write them up as a short proposal for the team.",
        fr: 'Dresser ensemble un état des lieux de l’équipe du mentoré : nombre et âge des équipements, stockage utilisé, habitudes de visio et de réunion. Comparer avec les recommandations publiques de l’ADEME, puis choisir trois actions concrètes (durée de vie des appareils, ménage des espaces partagés, réglages vidéo) et les rédiger sous forme de courte proposition à l’équipe.',
      },
      questions: [
        {
          en: 'Which stage of a device\'s life has the biggest environmental impact, and what does it mean for your purchasing choices?',
          fr: 'Quelle étape de la vie d’un appareil pèse le plus sur l’environnement, et qu’est-ce que cela implique pour vos choix d’achat ?',
        },
        {
          en: 'Which digital habits of your team could be made lighter without losing efficiency?',
          fr: 'Quelles habitudes numériques de votre équipe pourraient être allégées sans perte d’efficacité ?',
        },
        {
          en: 'Which of the three agreed actions has been started since the session?',
          fr: 'Laquelle des trois actions retenues a été engagée depuis la séance ?',
        },
      ],
      resources: [
        {
          title: { en: 'ADEME, French agency for ecological transition', fr: 'ADEME, Agence de la transition écologique' },
          url: 'https://www.ademe.fr/',
        },
        {
          title: { en: 'Arcep, French telecoms regulator (digital footprint studies)', fr: 'Arcep (études sur l’empreinte environnementale du numérique)' },
          url: 'https://www.arcep.fr/',
        },
      ],
    },
  },
];
