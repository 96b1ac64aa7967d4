import type { HostilityCategory } from '#core/ports/reply-classifier.ts';

/**
 * Names what kind of hostility a sentence carries once the model or a rule found it hostile. These lists never
 * decide whether a reply is hostile (a word list alone flags too many civil texts, see docs/classifier.md); they
 * only label the evidence a recruiter reads. Normalized text: lower case, letters repeated at most twice.
 */
const PROFANITY =
  /\b(?:f+u+c*k+\w*|f\*+c?k\w*|fck\w*|fuk\w*|fk|wtf|stfu|motherf\w+|shit\w*|sh\*t\w*|bullshit|crap\w*|damn\w*|goddamn\w*|hell|piss\w*|bitch\w*|b\*tch\w*|bastards?|ass|asses|asshole\w*|arse\w*|dick\w*|cock\w*|cunt\w*|twats?|pricks?|wank\w*|bollocks|douche\w*|pussy|pussies|scheiß\w*|scheiss\w*|verdammt\w*|arsch\w*|merde|putain|bordel|enculé\w*|mierda|joder|coño|puta\w*|carajo|cabr[oó]n\w*)\b/u;

const INSULT =
  /\b(?:piece of (?:shit|crap|garbage|trash)|idiot\w*|moron\w*|imbecil\w*|imbécil\w*|stupid\w*|dumb\w*|jerks?|losers?|clowns?|dick\w*|asshole\w*|arsehole\w*|bastards?|bitch\w*|pricks?|twats?|cunts?|douche\w*|scum\w*|wankers?|tossers?|retard\w*|fools?|incompetent|pathetic|useless|worthless|clueless|brainless|ugly|fat|trash|garbage|pigs?|hoes?|whores?|sluts?|dipshit\w*|shithead\w*|trottel|depp|vollidiot\w*|wichser|penner|versager|connard\w*|connasse|salaud|abruti\w*|crétin\w*|pendejo\w*|gilipollas|estúpid\w*|inútil\w*)\b/u;

/** Slurs and sexual remarks: contempt for who a person is rather than for what they did. */
const HARASSMENT =
  /\b(?:nigg\w*|n\*gg\w*|fag\w*|f\*g\w*|dykes?|tranny|trannies|spics?|chinks?|kikes?|wetbacks?|towelheads?|ragheads?|beaners?|gooks?|coons?|retards?|whores?|sluts?|hoes?|pussy|pussies|tits|titties|boobs|sexy|nudes|sleep with me|suck my|rape\w*|go back to (?:your|where you) \w+|hurensohn|schlampe|salope|pédé|puta)\b/u;

export function lexiconCategories(normalizedSentence: string): HostilityCategory[] {
  const categories: HostilityCategory[] = [];
  if (INSULT.test(normalizedSentence)) categories.push('insult');
  if (PROFANITY.test(normalizedSentence)) categories.push('profanity');
  if (HARASSMENT.test(normalizedSentence)) categories.push('harassment');
  return categories;
}
