import type { HostilityCategory } from '#core/ports/reply-classifier.ts';
import { LDNOOBW_INSULTS } from './ldnoobw-insults.ts';

/**
 * Hostility aimed at the reader in German, French and Spanish, at the standard of the English rules: insults
 * and profanity said to "you" or to the team, the company or its process; accusations (fraud, lies) aimed at
 * them; threats; contempt ("peinlich", "ridicule", "vergonzoso") when it is said of the team. A word alone never
 * convicts: "Ich finde es peinlich, dass ich mich versprochen habe", "J'étais ridicule", "Fue vergonzoso cómo me
 * quedé en blanco" are about the writer, and "Schade, ich bin enttäuscht" is no insult at all. Run on normalized
 * text (lower case, straight apostrophes).
 */
export interface ForeignRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly categories: readonly HostilityCategory[];
  readonly score: number;
}

/** A word boundary that knows accented letters (JavaScript's \b does not, even with the u flag). */
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';
const any = (list: readonly string[]): string => `(?:${list.join('|')})`;
const rule = (name: string, source: string, categories: readonly HostilityCategory[], score: number): ForeignRule => ({
  name,
  pattern: new RegExp(source, 'u'),
  categories,
  score,
});

// German ------------------------------------------------------------------------------------------------------

const DE_NOUNS = any([
  'idiot(?:en)?',
  'vollidiot(?:en)?',
  'trottel',
  'depp(?:en)?',
  'clowns?',
  'kasper',
  'versager',
  'dilettant(?:en)?',
  'stümper',
  'amateure?',
  'penner',
  'loser',
  'witzfigur(?:en)?',
  'flachpfeifen',
  'pfeifen',
  'nieten',
  'affen',
  'betrüger',
  'lügner',
  'abzocker',
  'heuchler',
  'verbrecher',
  'gauner',
  'schwachk(?:opf|öpfe)',
  'vollpfosten',
  ...LDNOOBW_INSULTS.de,
]);
const DE_ADJECTIVES = any([
  'inkompetent',
  'unfähig',
  'peinlich',
  'lächerlich',
  'erbärmlich',
  'armselig',
  'dumm',
  'blöd',
  'dämlich',
  'bescheuert',
  'unverschämt',
  'verlogen',
  'das letzte',
  'eine? (?:schande|frechheit|witz|zumutung|katastrophe)',
  'witz',
]);
const DE_TEAM =
  '(?:ihre|eure|deine|ihr|euer|dein|die|diese|dieser|der|das|dieses) (?:firma|personalabteilung|hr|recruiter(?:in)?|recruiting|personaler(?:in)?|team|unternehmen|laden|verein|bude|leute|mitarbeiter|bewerbungsprozess|prozess|verfahren|auswahlverfahren|personalchef(?:in)?|chef(?:in)?|management|hr-abteilung)';
const DE_INTENS =
  '(?: (?:ein|eine|einer|einen|so|echt|total|völlig|komplett|wirklich|absolut|einfach|nur|doch|alle|unfassbar|unglaublich|richtig|verdammte?|ja|mal|einziger|einzige|haufen|bande|von|sowas von|dermaßen|extrem|peinlich|arrogante?s?|unfähige?r?|dumme?r?|inkompetente?r?|und))*';

const DE_RULES: readonly ForeignRule[] = [
  rule(
    'de-insult-at-you',
    `${L}(?:du bist|sie sind|ihr seid|seid ihr|sind sie|bist du|${DE_TEAM} (?:ist|sind|war|waren))${DE_INTENS} (?:${DE_NOUNS}|${DE_ADJECTIVES})${R}`,
    ['insult'],
    0.9,
  ),
  rule(
    'de-group-insult',
    `${L}(?:haufen|bande|horde|truppe|verein|sauhaufen)(?: von)?(?: [\\p{L}]+(?:e|en|er))? ${DE_NOUNS}${R}|${L}(?:verlogenes|elendes|dreckiges|arrogantes) pack${R}|${L}(?:saftladen|scheißladen|scheissladen|scheißfirma|scheißverein|drecksladen|sauhaufen)${R}|${L}lächerliche[rn]? (?:laden|firma|verein|haufen|truppe)${R}`,
    ['insult'],
    0.9,
  ),
  rule(
    'de-vocative-insult',
    `${L}(?:du|sie|ihr)(?: (?:verdammte?n?|dumme?n?|dreckige?n?|elende?n?|blöde?n?|unfähige?n?|arrogante?n?))* (?:${DE_NOUNS})${R}|,\\s*(?:ihr |du |sie )?(?:${DE_NOUNS})\\s*[.!]*$`,
    ['insult'],
    0.9,
  ),
  rule(
    'de-accusation-inverted',
    `${L}(?:[\\p{L}]+e )?(?:betrüger|lügner|abzocker|heuchler|verbrecher|gauner|versager|idioten|clowns) (?:seid ihr|sind sie|bist du)${R}`,
    ['accusation'],
    0.9,
  ),
  rule(
    'de-you-deceived',
    `${L}(?:ihr|sie|du) (?:habt|haben|hast)(?: [\\p{L}]+){0,6} (?:gestohlen|betrogen|belogen|angelogen|verarscht|abgezockt|beklaut|getäuscht)${R}`,
    ['accusation'],
    0.85,
  ),
  rule(
    'de-lone-accusation',
    `^(?:ihr |sie )?(?:lügner|betrüger|abzocker|heuchler|verbrecher)\\s*[.!]*$`,
    ['accusation'],
    0.9,
  ),
  rule(
    'de-contempt-at-you',
    `${L}(?:schämt euch|schämen sie sich|sie sollten sich (?:\\p{L}+ )?schämen|ihr solltet euch (?:\\p{L}+ )?schämen|du solltest dich (?:\\p{L}+ )?schämen|eine schande für)${R}`,
    ['insult'],
    0.8,
  ),
  rule(
    'de-contempt-fragment',
    `^(?:wie |so |einfach |total |echt |absolut |wirklich )?(?:peinlich|lächerlich|erbärmlich|armselig|unverschämtheit|unverschämt|inkompetent|unprofessionell|frechheit)${R}`,
    ['insult'],
    0.6,
  ),
  rule(
    'de-profanity',
    `${L}(?:fickt euch|fick dich|fick euch|scheiß auf euch|ihr könnt mich mal)${R}`,
    ['profanity', 'insult'],
    0.95,
  ),
  rule(
    'de-threat',
    `${L}(?:das werden sie (?:noch )?bereuen|das werdet ihr (?:noch )?bereuen|das wirst du (?:noch )?bereuen|ich weiß,? wo (?:du|sie|ihr) (?:wohn|arbeit)\\p{L}*|ich weiß,? wo (?:ihr|euer|dein|eure) (?:büro|firma|haus|wohnung)|ich mach(?:e)? (?:euch|dich|sie) (?:fertig|kaputt|platt))`,
    ['threat'],
    0.93,
  ),
];

// French ------------------------------------------------------------------------------------------------------

const FR_NOUNS = any([
  'idiots?',
  'imbéciles?',
  'crétins?',
  'abrutis?',
  'clowns?',
  'guignols?',
  'bouffons?',
  'nuls?',
  'incapables?',
  'incompétents?',
  'amateurs?',
  'minables?',
  'charlots?',
  'tocards?',
  'losers?',
  'hypocrites?',
  'escrocs?',
  'menteurs?',
  'voleurs?',
  'arnaqueurs?',
  'charlatans?',
  'branquignols?',
  ...LDNOOBW_INSULTS.fr,
]);
const FR_ADJECTIVES = any([
  'ridicules?',
  'incompétente?s?',
  'minables?',
  'pathétiques?',
  'lamentables?',
  'nul(?:le)?s?',
  'stupides?',
  'débiles?',
  'pitoyables?',
  'méprisante?s?',
  'une honte',
  'une blague',
  'une farce',
  "d'une (?:stupidité|bêtise|incompétence|nullité|médiocrité)",
]);
const FR_TEAM =
  '(?:votre|vos|ton|ta|tes|cette|ce|la|le|les) (?:entreprise|boîte|boite|société|équipe|recruteurs?|recruteuses?|rh|service rh|processus|recrutement|direction|managers?|boss|dirigeants?)';
const FR_INTENS =
  "(?: ?(?:un|une|des|de|d'|vraiment|tellement|complètement|totalement|franchement|juste|que|vraie|vrai|gros|grosse|sacrés?|bande d'|bande de|tous|toutes|et))*";

const FR_RULES: readonly ForeignRule[] = [
  rule(
    'fr-insult-at-you',
    `${L}(?:vous êtes|vous etes|êtes-vous|t'es|tu es|${FR_TEAM} (?:est|sont|était|étaient))${FR_INTENS} ?(?:${FR_NOUNS}|${FR_ADJECTIVES})${R}`,
    ['insult'],
    0.9,
  ),
  rule(
    'fr-group-insult',
    `${L}(?:bande|tas|troupeau|ramassis|équipe|clique) d(?:e |')(?:[\\p{L}]+ )?${FR_NOUNS}${R}|${L}espèce d(?:e |')${FR_NOUNS}${R}`,
    ['insult'],
    0.9,
  ),
  rule(
    'fr-vocative-insult',
    `^(?:${FR_NOUNS}|sales? ${FR_NOUNS})\\s*[.!,]|,\\s*(?:${FR_NOUNS})\\s*[.!]*$|${L}(?:${FR_NOUNS}) (?:que vous êtes|que tu es)${R}|${L}dirigée? par (?:des |une bande d(?:e |'))?${FR_NOUNS}${R}|${L}${FR_NOUNS} (?:incompétents|méprisants|arrogants)${R}`,
    ['insult'],
    0.9,
  ),
  rule(
    'fr-you-deceived',
    `${L}vous (?:m'avez|nous avez|avez) (?:[\\p{L}]+ ){0,3}(?:menti|arnaqué|escroqué|volé|trompé|roulé)${R}`,
    ['accusation'],
    0.85,
  ),
  rule(
    'fr-contempt-at-you',
    `${L}(?:honte à (?:vous|toi|votre|vos)|vous devriez avoir honte|vous me dégoûtez)${R}`,
    ['insult'],
    0.8,
  ),
  rule(
    'fr-contempt-fragment',
    `^(?:c'est |quelle )?(?:honte|ridicule|pathétique|lamentable|pitoyable|minable)\\s*[.!]*$|${L}(?:une honte)\\s*[.!]*$`,
    ['insult'],
    0.6,
  ),
  rule(
    'fr-profanity-at-company',
    `${L}(?:entreprise|boîte|boite|société|processus|recrutement|équipe|message|réponse|refus|poste|annonce) (?:à la con|de merde|pourrie?)${R}`,
    ['profanity', 'insult'],
    0.9,
  ),
  rule('fr-threat-regret', `${L}je vais (?:vous|te) faire (?:regretter|payer)${R}`, ['threat'], 0.9),
];

// Spanish -----------------------------------------------------------------------------------------------------

const ES_NOUNS = any([
  'idiotas?',
  'imbécil(?:es)?',
  'estúpidos?',
  'inútil(?:es)?',
  'incompetentes?',
  'payasos?',
  'ineptos?',
  'aficionados?',
  'mediocres?',
  'patéticos?',
  'hipócritas?',
  'estafadores?',
  'mentirosos?',
  'ladrones',
  'sinvergüenzas?',
  'farsantes?',
  'tontos?',
  'basura',
  ...LDNOOBW_INSULTS.es,
]);
const ES_ADJECTIVES = any([
  'ridícul[oa]s?',
  'vergonzos[oa]s?',
  'patétic[oa]s?',
  'incompetentes?',
  'inútil(?:es)?',
  'lamentables?',
  'estúpid[oa]s?',
  'prepotentes?',
  'una vergüenza',
  'una broma',
  'un chiste',
  'una basura',
  'una farsa',
  'de una (?:estupidez|incompetencia|mediocridad)',
]);
const ES_TEAM =
  '(?:su|sus|tu|tus|vuestra|vuestro|vuestros|esta|este|la|el|los|las) (?:empresa|equipo|proceso|reclutador(?:es|a|as)?|recursos humanos|rrhh|compañía|departamento|selección|jefes?|responsables?)';
const ES_INTENS =
  '(?: (?:un|una|unos|unas|muy|tan|más|realmente|totalmente|completamente|simplemente|unos malditos|todos|panda de|banda de|y))*';

const ES_RULES: readonly ForeignRule[] = [
  rule(
    'es-insult-at-you',
    `${L}(?:eres|sois|son|es usted|usted es|ustedes son|son ustedes|${ES_TEAM}(?: (?:es|son|fue|era|eran))?)${ES_INTENS} (?:${ES_NOUNS}|${ES_ADJECTIVES})${R}`,
    ['insult'],
    0.9,
  ),
  rule(
    'es-group-insult',
    `${L}(?:panda|banda|pandilla|montón|manada|equipo|grupo|atajo|hatajo) de (?:[\\p{L}]+ )?${ES_NOUNS}${R}`,
    ['insult'],
    0.9,
  ),
  rule(
    'es-vocative-insult',
    `^(?:${ES_NOUNS})\\s*[.!,]|,\\s*(?:${ES_NOUNS})\\s*[.!]*$|${L}dirigid[ao] por (?:unos |una panda de )?${ES_NOUNS}${R}|${L}(?:reclutadores|recruiters) (?:incompetentes|prepotentes|inútiles)${R}`,
    ['insult'],
    0.9,
  ),
  rule(
    'es-you-deceived',
    `${L}(?:me|nos) (?:han|habéis|has) (?:[\\p{L}]+ ){0,2}(?:mentido|estafado|engañado|robado|timado)${R}`,
    ['accusation'],
    0.85,
  ),
  rule(
    'es-contempt-at-you',
    `${L}(?:vergüenza (?:les|os|te) (?:debería|deberia) dar|deberían avergonzarse|deberíais avergonzaros|vergonzoso lo suyo|qué vergüenza (?:de|la suya|lo suyo))${R}`,
    ['insult'],
    0.8,
  ),
  rule('es-contempt-fragment', `^(?:qué |que )?(?:vergüenza|ridículo|patético|lamentable)\\s*[.!]*$`, ['insult'], 0.6),
  rule(
    'es-profanity-at-company',
    `${L}(?:empresa|proceso|equipo|correo|respuesta|rechazo|compañía|oferta|puesto) de (?:mierda|pacotilla)${R}|${L}(?:que (?:les|te|os) den|cállate|cállense|callaos)${R}`,
    ['profanity', 'insult'],
    0.9,
  ),
];

export const DE_FR_ES_RULES: readonly ForeignRule[] = [...DE_RULES, ...FR_RULES, ...ES_RULES];

/** German, French and Spanish words that put a match in doubt (the English ones are in hostility-rules.ts). */
export const DE_FR_ES_HEDGE = new RegExp(
  `${L}(?:dachte|befürchtet\\p{L}*|glaubte|zuerst|anfangs|nicht sagen|wenn|falls|ob|croyais|pensais|craignais|au début|je ne dis pas|si|pensé|pensaba|creía|temía|al principio|no digo)${R}`,
  'u',
);
