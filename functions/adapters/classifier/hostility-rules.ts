import type { HostilityCategory } from '#core/ports/reply-classifier.ts';
import { DE_FR_ES_HEDGE, DE_FR_ES_RULES } from './hostility-rules-de-fr-es.ts';

/**
 * Hand-written rules for hostility aimed at the reader, which a model trained on tweets and forum comments sees
 * too rarely to learn: accusations ("this job is a scam", "you liars"), threats ("you will pay for this"), and
 * insults addressed to "you". They run on normalized text (lower case, straight apostrophes, letters repeated
 * at most twice), in English, German, French and Spanish whatever the reply's language, since people switch.
 *
 * Scores share the classifier's scale: 0.7 and above is hostile (bridge-burned), 0.4 to 0.7 is borderline
 * (needs review). An accusation about the job alone ("this must be a scam") is borderline; aimed at a person,
 * or together with another hostile signal, it is hostile.
 */
export interface RuleHit {
  readonly category: HostilityCategory;
  readonly score: number;
  readonly rule: string;
}

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly categories: readonly HostilityCategory[];
  readonly score: number;
}

const words = (list: readonly string[]): string => `(?:${list.join('|')})`;

const EN_INSULT_NOUNS = words([
  'idiots?',
  'morons?',
  'imbeciles?',
  'dumbass(?:es)?',
  'jackass(?:es)?',
  'jerks?',
  'losers?',
  'clowns?',
  'dick(?:s|heads?)?',
  'assholes?',
  'arseholes?',
  'a-holes?',
  'bastards?',
  'bitch(?:es)?',
  'pricks?',
  'twats?',
  'cunts?',
  'douche(?:bags?|s)?',
  'scumbags?',
  'scum',
  'wankers?',
  'tossers?',
  'retards?',
  'fools?',
  'piece of (?:shit|crap|garbage|trash)',
  'pos',
  'pigs?',
  'whores?',
  'sluts?',
  'motherfuckers?',
  'fuckers?',
  'fuckwits?',
  'dipshits?',
  'shitheads?',
  'numbskulls?',
  'nitwits?',
  'cretins?',
  'halfwits?',
  'failures?',
  'disgrace',
  'amateurs?',
]);

const EN_INSULT_ADJECTIVES = words([
  'stupid',
  'dumb',
  'idiotic',
  'moronic',
  'retarded',
  'brainless',
  'clueless',
  'incompetent',
  'pathetic',
  'useless',
  'worthless',
  'disgusting',
  'a joke',
  'a bunch of clowns',
  'garbage',
  'trash',
  'scum',
  'evil',
  'vile',
  'spineless',
  'gutless',
  'cowards?',
]);

const EN_ACCUSATION_NOUNS = words([
  'liars?',
  'frauds?',
  'fraudsters?',
  'scammers?',
  'scam artists?',
  'con ?artists?',
  'con ?men',
  'crooks?',
  'cheats?',
  'cheaters?',
  'tricksters?',
  'swindlers?',
  'thieves',
  'thief',
  'charlatans?',
  'phonies',
  'phon(?:e)?y',
  'fakes?',
  'hypocrites?',
  'criminals?',
]);

const EN_INTENSIFIERS =
  '(?: (?:such|a|an|the|one|some|fucking|fking|effing|freaking|bloody|absolute|total|complete|real|utter|little|big|lying|cheating|stupid|dumb|useless|pathetic|incompetent|damn|goddamn|bunch of|pack of|group of|of|just|all|nothing but|obviously|clearly|really|truly|so|such|totally|completely))*';

/** "you", "you're", "u r", "y'all", "your" where it stands for "you're"; never the "you" of "thank you". */
const EN_YOU =
  "(?<!thank )(?<!thanks )(?<!than )\\b(?:you(?: guys| people| lot| all)?(?:'re| are| r|re)?|u(?: r| are)?|ur|y'?all(?: are)?|your(?= (?:a|an|such|so)\\b))";

const EN_YOU_ARE =
  "(?<!thank )\\b(?:you(?: guys| people| lot| all)?(?:'re| are| r|re)|u(?: r| are)|ur|y'?all are|your(?= (?:a|an|such|so)\\b)|(?:your|this|the) (?:company|team|recruiters?|hr|firm|process|hiring (?:team|process|manager)|people|organi[sz]ation|management) (?:is|are))";

const EN_RULES: readonly Rule[] = [
  {
    name: 'en-insult-at-you',
    pattern: new RegExp(`(?:${EN_YOU}|${EN_YOU_ARE})${EN_INTENSIFIERS} ${EN_INSULT_NOUNS}\\b`, 'u'),
    categories: ['insult'],
    score: 0.95,
  },
  {
    name: 'en-insulting-adjective-at-you',
    pattern: new RegExp(`${EN_YOU_ARE}${EN_INTENSIFIERS} ${EN_INSULT_ADJECTIVES}\\b`, 'u'),
    categories: ['insult'],
    score: 0.85,
  },
  {
    name: 'en-accusation-at-you',
    pattern: new RegExp(`(?:${EN_YOU}|${EN_YOU_ARE})${EN_INTENSIFIERS} ${EN_ACCUSATION_NOUNS}\\b`, 'u'),
    categories: ['accusation'],
    score: 0.9,
  },
  {
    name: 'en-you-deceived',
    pattern:
      /(?<!thank )\b(?:you|u|y'?all|they)(?: guys| people| all)?(?: (?:have|just|clearly|obviously|totally|all))* (?:lied|scammed|cheated|tricked|deceived|conned|defrauded|stole|lie to|scam|ripped (?:me|us|people|everyone) off|are lying|are scamming)\b/u,
    categories: ['accusation'],
    score: 0.85,
  },
  {
    // "What a bunch of clowns." in a reply is said of the people replied to; "what an idiot I am" is not.
    name: 'en-what-a-insult',
    pattern: new RegExp(
      `\\bwhat (?:a|an)(?: (?:bunch|pack|group|load) of)?${EN_INTENSIFIERS} ${EN_INSULT_NOUNS}\\b(?!,? (?:i|i'm|i am|i was|i've been|me)\\b)`,
      'u',
    ),
    categories: ['insult'],
    // Said of a third person just as often ("what a fool, that referee"): borderline alone, hostile with more.
    score: 0.6,
  },
  {
    name: 'en-profanity-at-you',
    pattern:
      /\b(?:fuck|f\*+ck|f\*+k|fck|fuk|fk|fuck off and|get fucked|screw)(?: (?:you|u|ya|yourself|yourselves|off|you all|all of you|you guys|you people|your (?:company|job|team|firm|rejection|email)|this (?:company|job|place|shit)|them))\b|\bget fucked\b|\bfuck off\b/u,
    categories: ['profanity', 'insult'],
    score: 0.95,
  },
  {
    name: 'en-dismissal',
    pattern:
      /\b(?:go (?:to hell|fuck yourself|die|screw yourself|jump off a (?:bridge|cliff))|kiss my (?:ass|arse)|eat (?:shit|a dick)|suck my (?:dick|balls|cock)|(?:shove|stick) (?:it|your (?:job|rejection|email|company|position|offer)) up|piss off|bite me|shut the fuck up)\b/u,
    categories: ['insult'],
    score: 0.9,
  },
  {
    // Said to birds, to oneself, to a football team: rude, but often not to the reader.
    name: 'en-shut-up',
    pattern: /\b(?:shut up|stfu)\b/u,
    categories: ['insult'],
    score: 0.6,
  },
  {
    name: 'en-threat-to-harm',
    pattern:
      /\b(?:i|we)(?:'ll| will|'m going to|'m gonna| am going to| am gonna| gonna| are going to|'re going to|'re gonna| want to| wanna| would love to| could)(?: (?:fucking|personally|come and|come|find you and|make sure to|hunt you down and))* (?:kill|hurt|beat|punch|stab|shoot|strangle|murder|smash|break your|beat up|beat the shit out of|rip your|kick your (?:ass|arse)|end) (?:you|u|ya|your|you all|all of you|the recruiter|that recruiter|him|her)\b/u,
    categories: ['threat'],
    score: 0.97,
  },
  {
    name: 'en-threat-you-will-pay',
    pattern:
      /\b(?:you|u|your company|y'?all)(?:'ll| will| are going to|'re going to|'re gonna| gonna| shall)(?: (?:fucking|definitely|surely|really|all|soon))* (?:pay for (?:this|it|that)|suffer|die|be sorry|get what(?:'s| is) coming|burn|be dead)\b/u,
    categories: ['threat'],
    score: 0.93,
  },
  {
    name: 'en-threat-menace',
    pattern:
      /\b(?:watch your back|watch out for me|i know where you (?:live|work|sleep)|sleep with one eye open|you(?:'re| are) (?:a )?dead (?:man|woman|meat)|i(?:'ll| will) (?:find|hunt|track) you(?: down)?(?= and\b|\s*[.!]|$)|(?:burn|blow up|shoot up)(?: down)? (?:your|the|this) (?:office|building|house|company|place)|(?:i )?hope (?:you|y'?all|your (?:company|firm|office|team|recruiters?|family)) (?:all )?(?:die|dies|get cancer|gets cancer|rot|rots|burn|burns|suffer|suffers|get hit|gets hit|burn down|burns down)|(?:i'll|i will|i'm going to|i am going to|gonna) (?:be )?(?:waiting|wait) for you (?:outside|after|at|near)|kill yourself|\bkys\b|i(?:'ll| will) make you (?:pay|suffer|regret))\b/u,
    categories: ['threat'],
    score: 0.95,
  },
  {
    name: 'en-threat-regret',
    pattern: /\byou(?:'ll| will| are going to|'re going to|'re gonna| gonna) regret (?:this|it|that|the day)\b/u,
    categories: ['threat'],
    score: 0.6,
  },
  {
    name: 'en-accusation-about-job',
    pattern:
      /\b(?:this|the|your|that|it|whole|it's|its|what a)(?: (?:whole|entire|so called|so-called|damn|fucking|recruitment|hiring|interview|application))?(?: (?:job|position|role|offer|vacancy|opening|company|firm|process|posting|listing|ad|advert|interview|recruitment|hiring|thing|experience|agency|outfit))?(?: (?:posting|process|ad|listing|offer))? ?(?:is|was|must be|must have been|seems(?: like)?|looks like|'s|is just|was just|feels like|smells like|sounds like|is obviously|is clearly|was clearly|was obviously|is nothing but|was nothing but|is such|was such)?(?: (?:a|an|just|obviously|clearly|totally|nothing but|such|one big|complete|total|massive|huge|fucking|some kind of|some sort of|all|big))* (?:scam|fraud|sham|hoax|rip-?off|racket|pyramid scheme|con job|setup|set-up)\b/u,
    categories: ['accusation'],
    score: 0.6,
  },
  {
    name: 'en-fake-job',
    pattern:
      /\b(?:fake|bogus|phony|phoney|ghost|scam|fraudulent|non-existent|nonexistent) (?:job|jobs|position|positions|posting|postings|role|roles|offer|vacancy|vacancies|listing|company|recruiters?|interviews?|process|opening|openings|ad|ads)\b/u,
    categories: ['accusation'],
    score: 0.6,
  },
];

const DE_RULES: readonly Rule[] = [
  {
    name: 'de-insult-at-you',
    pattern:
      /\b(?:du|sie|ihr)(?: (?:bist|sind|seid))?(?: (?:ein|eine|einer|so|so ein|so eine|echt|total|verdammte?r?|blöde?r?|richtig))* (?:arschl[oö]ch(?:er)?|idiot(?:en)?|vollidiot(?:en)?|trottel|depp(?:en)?|wichser|hurensohn|penner|missgeburt|spast(?:i|en)?|dummk[oö]pfe?|versager|inkompetent|lächerlich|erbärmlich|abschaum)\b/u,
    categories: ['insult'],
    score: 0.9,
  },
  {
    name: 'de-profanity-at-you',
    pattern:
      /\b(?:fick (?:dich|euch)|leck mich(?: am arsch)?|verpiss (?:dich|euch)|halt(?:et)? (?:die|deine|eure) fresse|geh(?:t)? sterben|scheiß (?:firma|laden|verein|drauf)|fahrt zur hölle|fahr zur hölle)\b/u,
    categories: ['profanity', 'insult'],
    score: 0.95,
  },
  {
    name: 'de-accusation',
    pattern:
      /\b(?:betrüger(?:in|innen)?|betrug|abzocke|abzocker|lügner(?:in)?|schwindler|scheinstellen?|fake-?(?:stelle|job|anzeige))\b/u,
    categories: ['accusation'],
    score: 0.6,
  },
  {
    name: 'de-accusation-at-you',
    pattern:
      /\b(?:ihr|sie|du)(?: (?:seid|sind|bist))?(?: (?:ein|eine|doch|nur|alle|verdammte?))* (?:betrüger|lügner|abzocker|schwindler|verbrecher)\b/u,
    categories: ['accusation'],
    score: 0.9,
  },
  {
    name: 'de-threat',
    pattern:
      /\b(?:ich (?:bring|bringe|mach|mache) (?:dich|euch|sie) (?:um|fertig|kalt)|das wirst du bereuen|das werden sie bereuen|ihr werdet (?:dafür )?(?:bezahlen|büßen)|sie werden (?:dafür )?(?:bezahlen|büßen)|ich weiß,? wo (?:du|sie) wohn)/u,
    categories: ['threat'],
    score: 0.95,
  },
];

const FR_RULES: readonly Rule[] = [
  {
    name: 'fr-insult-at-you',
    pattern:
      /(?:\b(?:t'es|tu es|vous êtes|vous etes|espèce d[e']|espece d[e']|bande d[e'])|\bsale)(?: ?(?:un|une|des|de|d'|vraiment|tellement|gros|grosse|gros|putain de|sales?))* ?(?:connard|connasse|con|conne|cons|salaud|salope|enculés?|abruti|abrutis|crétins?|imbéciles?|idiots?|incompétents?|minables?|nuls?|pourris?|ordures?|merdes?)\b/u,
    categories: ['insult'],
    score: 0.9,
  },
  {
    name: 'fr-profanity-at-you',
    pattern:
      /\b(?:va te faire (?:foutre|enculer)|allez vous faire (?:foutre|enculer)|ta gueule|fermez vos gueules|nique (?:ta|ton|vos|votre)|fils de pute|je vous emmerde|je t'emmerde|allez au diable)\b/u,
    categories: ['profanity', 'insult'],
    score: 0.95,
  },
  {
    name: 'fr-accusation',
    pattern:
      /\b(?:arnaque|arnaqueurs?|escroc(?:s|querie)?|menteurs?|menteuses?|fraudeurs?|bidon|offre fictive|faux poste)\b/u,
    categories: ['accusation'],
    score: 0.6,
  },
  {
    name: 'fr-accusation-at-you',
    pattern:
      /\b(?:vous êtes|vous etes|t'es|tu es|bande d[e'])(?: ?(?:des|un|une|de|d'|vraiment|que))* ?(?:escrocs?|menteurs?|arnaqueurs?|voleurs?|fraudeurs?|charlatans?)\b/u,
    categories: ['accusation'],
    score: 0.9,
  },
  {
    name: 'fr-threat',
    pattern:
      /\b(?:je vais (?:te|vous) (?:tuer|buter|défoncer|retrouver|faire payer)|(?:tu vas|vous allez) (?:le |me le )?(?:regretter amèrement|payer)|je sais où (?:tu habites|vous habitez))/u,
    categories: ['threat'],
    score: 0.95,
  },
];

const ES_RULES: readonly Rule[] = [
  {
    name: 'es-insult-at-you',
    pattern:
      /\b(?:eres|sois|son|es usted|usted es|ustedes son|pinche|maldito|maldita)(?: (?:un|una|unos|unas|muy|tan|unos|más|pinches?|malditos?|putos?))* (?:idiotas?|imbécil(?:es)?|imbecil(?:es)?|pendejos?|cabrones?|cabrón|gilipollas|estúpidos?|estupidos?|inútil(?:es)?|inutil(?:es)?|incompetentes?|payasos?|basuras?|mierdas?|patéticos?)\b/u,
    categories: ['insult'],
    score: 0.9,
  },
  {
    name: 'es-profanity-at-you',
    pattern:
      /\b(?:vete a la mierda|váyanse a la mierda|vayanse a la mierda|que te jodan|que os jodan|jódete|jodete|hijos? de puta|chinga tu madre|vete al carajo)\b/u,
    categories: ['profanity', 'insult'],
    score: 0.95,
  },
  {
    name: 'es-accusation',
    pattern:
      /\b(?:estafa|estafadores?|timo|fraude|mentirosos?|tramposos?|farsantes?|oferta falsa|empleo falso|trabajo falso)\b/u,
    categories: ['accusation'],
    score: 0.6,
  },
  {
    name: 'es-accusation-at-you',
    pattern:
      /\b(?:son|eres|sois|ustedes son|usted es)(?: (?:unos|unas|un|una|todos|unos malditos))* (?:estafadores?|mentirosos?|ladrones|ladrón|tramposos?|farsantes?|criminales)\b/u,
    categories: ['accusation'],
    score: 0.9,
  },
  {
    name: 'es-threat',
    pattern:
      /\b(?:te voy a (?:matar|encontrar|destrozar|partir)|os voy a (?:matar|encontrar)|los voy a (?:matar|encontrar)|(?:lo|me lo) (?:vas|van|vais) a pagar|te vas a arrepentir|se van a arrepentir|sé dónde vives)/u,
    categories: ['threat'],
    score: 0.95,
  },
];

const ALL_RULES: readonly Rule[] = [...EN_RULES, ...DE_RULES, ...FR_RULES, ...ES_RULES, ...DE_FR_ES_RULES];

/**
 * Words that put a rule's match in doubt: "I thought this was a scam at first", "I'm not saying you're liars",
 * "my friend said it was a scam", "is this a scam?" asked in earnest. Such a hit is capped: at borderline for
 * a strong rule, below it for a weak one.
 */
const HEDGE =
  /\b(?:thought|worried|wondered|feared|afraid|unsure|not sure|was sure|glad|relieved|said|says|told me|heard|claimed|claims|warned|according to|reviews?|rumou?rs?|not (?:a|an)|isn't|wasn't|aren't|not saying|not calling|never said|don't think|do not think|doubt|if|whether|is (?:this|it) (?:a|an)|sure it's not|make sure)\b/u;

/** Inside quotation marks: reported speech ("the 'fuck you' cake"), not said to the reader. */
function quoted(before: string): boolean {
  const doubles = (before.match(/["“”«»„]/g) ?? []).length;
  return doubles % 2 === 1 || /(?:^|\s)'$/.test(before) || /(?:^|\s)'[^']*$/.test(before);
}

/** Every rule that matches the sentence, strongest first; at most one hit per rule. */
export function matchHostilityRules(normalizedSentence: string): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of ALL_RULES) {
    const match = rule.pattern.exec(normalizedSentence);
    if (match === null) continue;
    const before = normalizedSentence.slice(0, match.index);
    const hedged =
      HEDGE.test(before) ||
      DE_FR_ES_HEDGE.test(before) ||
      quoted(before) ||
      (rule.score < 0.7 && /\?/.test(normalizedSentence.slice(match.index)));
    // In doubt, a strong hit is still worth a person's look; a weak one (an accusation about the job) is not.
    const score = hedged ? Math.min(rule.score, rule.score >= 0.7 ? 0.5 : 0.3) : rule.score;
    for (const category of rule.categories) hits.push({ category, score, rule: rule.name });
  }
  return hits.sort((a, b) => b.score - a.score);
}
