import { REPLY_INTENTS, type ReplyIntent } from '#core/ports/reply-classifier.ts';
import { DE_FR_ES_INTENTS } from './intent-patterns-de-fr-es.ts';

/**
 * What a candidate asks for or announces, found by patterns in English, German, French and Spanish (the
 * languages notices go out in). They run on normalized text (lower case, straight apostrophes). An intent
 * pattern is precise rather than exhaustive: a missed "thanks" costs a `warm` flag, a false one misleads a
 * recruiter. `exclude` removes look-alikes such as "thanks for nothing" or "thanks for the feedback".
 */
interface IntentPattern {
  readonly include: readonly RegExp[];
  readonly exclude?: readonly RegExp[];
}

const PATTERNS: Readonly<Record<ReplyIntent, IntentPattern>> = {
  thanks: {
    include: [
      /\b(?:thank(?:s| you| u|ing you)|thx|tyvm|many thanks|grateful|gratitude|much appreciated|cheers)\b/u,
      /(?<!would |'d |would really |'d really |would greatly |'d greatly )\bappreciate(?:d)? (?:your|the|you|all|everything|that|this|it(?! if))\b/u,
      /\b(?:danke|dankeschön|vielen dank|herzlichen dank|besten dank|bedanke mich|dankbar)\b/u,
      /\b(?:merci|je vous remercie|remerciements?|reconnaissante?)\b/u,
      /\b(?:gracias|le agradezco|les agradezco|agradecid[oa]s?|agradezco)\b/u,
    ],
    exclude: [
      /\b(?:thanks?(?: you)?|thx)(?: a lot| so much| very much)? for (?:nothing|wasting|absolutely nothing|the waste|ghosting|the runaround)\b/u,
      /\bno,? thanks?\b/u,
      /\b(?:danke|merci|gracias) (?:für|pour|por) (?:nichts|rien|nada)\b/u,
      // "Thanks, but this process was a joke": the thanks is a courtesy before a put-down, not warmth.
      /\b(?:thanks?|thank you|thx)\b[^!?]{0,80}\b(?:but|however|though|although)\b[^!?]{0,80}\b(?:joke|waste of (?:my |our )?time|ridiculous|insult(?:ing)?|disrespectful|unprofessional|pathetic|shameful|disgrace(?:ful)?|farce|a mess|terrible|awful|appalling|laughable)\b/u,
    ],
  },
  'keep-in-touch': {
    include: [
      /\b(?:keep|stay|remain|be|get) in touch\b/u,
      /\bkeep (?:me|my (?:cv|resume|résumé|details|profile|application|information|info|contact(?: details)?|name)) (?:in mind|on file|in (?:your|the) (?:database|system|talent pool|records|pipeline|loop)|posted|informed|updated|for)\b/u,
      /\b(?:future|upcoming|similar|further|later) (?:opportunit\w*|openings?|roles?|positions?|vacancies)\b/u,
      /\b(?:reach out|contact me|get back to me|think of me|consider me|keep me)\b[^.!?]{0,60}\b(?:if|when|should|in the future|again|future|later|another)\b/u,
      /\b(?:work (?:with|for) you|cross paths|connect|hear from you|apply again|collaborate)\b[^.!?]{0,40}\b(?:in the future|future|down the (?:road|line)|again|someday|one day|sometime)\b/u,
      /\b(?:connect|stay connected) (?:on|via) linkedin\b/u,
      /\bif (?:anything|something|a (?:role|position|job|vacancy|spot)|another (?:role|position|opening)) (?:else )?(?:opens up|comes up|becomes available|changes|opens)\b/u,
      /\btalent (?:pool|pipeline|community)\b/u,
      /\b(?:in kontakt (?:bleiben|zu bleiben)|kontakt (?:halten|zu halten)|talentpool|im hinterkopf|in evidenz|denken sie (?:gerne )?an mich|melden sie sich gerne|(?:zukünftige|künftige|weitere|andere|passende) (?:stellen|positionen|möglichkeiten|vakanzen|ausschreibungen))\b/u,
      /\b(?:rester en contact|garder (?:mon|ma) (?:cv|profil|candidature)|(?:futures?|prochaines?|autres) (?:opportunités|postes|offres)|penser à moi|me recontacter|vivier)\b/u,
      /\b(?:(?:mantener|mantenernos|seguir|estar|quedar) en contacto|(?:futuras|próximas|otras) (?:oportunidades|vacantes|posiciones|ofertas)|(?:tenerme|me tengan|téngame|me tenga) en cuenta|(?:conservar|guardar) mi (?:cv|currículum|perfil)|banco de talento)\b/u,
    ],
  },
  'referral-request': {
    include: [
      /\b(?:recommend|refer|introduce|forward|pass|put forward|suggest)(?: (?:me|my (?:cv|resume|résumé|profile|details|name|application)))(?: (?:on|along|elsewhere|to))?\b/u,
      /\b(?:know|aware|hear) of (?:any|other|another|a|some) (?:\w+ ){0,3}(?:roles?|positions?|openings?|opportunit\w*|companies|teams?|vacancies|jobs?|clients?|employers?)\b/u,
      /\bput me in touch with\b/u,
      /\b(?:a|any|for a|the) (?:referral|recommendation|reference)\b/u,
      /\b(?:point|direct) me (?:to|towards)\b/u,
      /\bshare my (?:cv|resume|résumé|profile|details) with\b/u,
      /\b(?:other|sister|partner) (?:teams?|companies|departments|clients|offices)\b[^.!?]{0,50}\b(?:might|may|could|would|hiring)\b/u,
      /\b(?:empfehlen sie mich|mich (?:weiter)?empfehlen|weiterempfehl\w*|weiterleiten|kennen sie (?:andere|eine andere|weitere)|an (?:andere|kollegen) weiter)\b/u,
      /\b(?:me recommander|recommandez-moi|me recommandiez|transmettre mon (?:cv|profil)|connaissez-vous (?:d'autres|une autre)|me mettre en relation)\b/u,
      /\b(?:recomendarme|me recomiende|me recomienden|referirme|compartir mi (?:cv|currículum|perfil)|conoce (?:alguna|otras?)|ponerme en contacto con)\b/u,
    ],
    exclude: [/\b(?:would|will) (?:not|never) recommend\b|\bwon't recommend\b/u],
  },
  'feedback-request': {
    include: [
      /\b(?:could|can|would|will|might|may) you (?:please |kindly |possibly |perhaps )?(?:share|give|provide|send|offer|tell|let me know|explain|point out)\b[^.?!]{0,50}\b(?:feedback|why|reasons?|what (?:i|could|made|was)|areas?|improve|went wrong|fell short|missing|lacking)\b/u,
      /\b(?:i(?:'d| would)|would) (?:really |greatly |truly |very much |so much )?(?:appreciate|love|like|welcome|value|be grateful for|be thankful for)\b[^.?!]{0,40}\b(?:feedback|insights?|pointers|reasons?|comments|tips)\b/u,
      /\b(?:any|some|more|specific|detailed|honest|constructive) (?:feedback|pointers|insights?|comments)\b[^.!]{0,50}(?:\?|\b(?:would|please|appreciated|helpful|welcome|useful)\b)/u,
      /\bwhy (?:was i|i was|wasn't i|i wasn't|did i not|didn't i|i didn't|i did not|was my (?:application|profile|candidacy)) (?:\w+ ){0,2}(?:rejected|selected|chosen|successful|considered|get|make|advance|move|progress|declined|turned down)\b/u,
      /\bwhat (?:could|can|should|might) i (?:have )?(?:done|do|improve|work on|change)\b/u,
      /\b(?:areas?|room|points?) (?:of|for) (?:improvement|growth|development)\b/u,
      /\b(?:reasons?|explanation|rationale) (?:for|behind|of) (?:the|your|this|my) (?:decision|rejection|outcome)\b/u,
      /\bwhere (?:i|my application) (?:fell|went|came up) (?:short|wrong)\b/u,
      /\bfeedback\s*\?/u,
      /\b(?:feedback|rückmeldung)\b[^.!]{0,60}(?:\?|\b(?:bitte|würde|freuen|dankbar|möglich)\b)/u,
      /\b(?:gründe|grund) für (?:die|ihre|diese) (?:absage|entscheidung)\b|\bworan (?:es )?(?:lag|hat es gelegen)\b|\bwas (?:könnte|kann|sollte) ich (?:besser|verbessern)\b/u,
      /\b(?:retour|retours|feedback|commentaires)\b[^.!]{0,60}(?:\?|\b(?:pourriez|possible|serait|apprécierais|reconnaissante?)\b)/u,
      /\bpourquoi ma candidature\b|\b(?:points?|axes?) d'amélioration\b|\braisons? de (?:ce|votre) (?:refus|choix|décision)\b/u,
      /\b(?:retroalimentación|comentarios|feedback)\b[^.!]{0,60}(?:\?|\b(?:podría|podrían|agradecería|gustaría)\b)/u,
      /\bpor qué (?:no )?(?:fui|he sido|me) (?:seleccionad|rechazad|elegid)\w*|\bqué (?:podría|puedo|debería) mejorar\b|\bmotivos? (?:del|de la) (?:rechazo|decisión)\b/u,
    ],
  },
  withdraws: {
    include: [
      /\bwithdraw(?:ing|n)? (?:my|from|the|me)\b/u,
      /\b(?:no longer (?:\w+ )?interested|(?:i'm|i am) not (?:\w+ )?interested|not interested (?:anymore|any more))\b/u,
      /\b(?:accepted|taken|signed|got|received and accepted) (?:an|a|another|a different|an other) (?:\w+ )?(?:offer|position|role|job)\b/u,
      /\b(?:remove|delete|erase|purge) (?:me|my (?:data|details|application|cv|resume|information|profile|email|personal data))\b/u,
      /\b(?:take|unsubscribe) me (?:off|from)\b|\bunsubscribe\b/u,
      /\b(?:do not|don't|never) (?:contact|email|message) me\b|\b(?:stop|quit) (?:contacting|emailing|messaging) me\b/u,
      /\bbewerbung\b[^.!?]{0,30}\bzurück|\bzurück(?:ziehen|gezogen)\b|\bkein interesse mehr\b|\b(?:ein )?anderes angebot angenommen\b|\blöschen sie\b[^.!?]{0,30}\b(?:daten|bewerbung|unterlagen)\b/u,
      /\b(?:retire|retirer) ma candidature\b|\b(?:plus|pas) intéressée?\b|\baccepté une autre offre\b|\bsupprimer mes données\b/u,
      /\b(?:retiro|retirar) mi (?:candidatura|solicitud)\b|\bya no (?:estoy|me) interes\w*|\bacepté otra oferta\b|\b(?:borren|eliminen|borrar|eliminar) mis datos\b/u,
    ],
  },
  'disputes-decision': {
    include: [
      /\breconsider\w*\b/u,
      /\b(?:the|this|your|that) (?:decision|rejection|choice|outcome) (?:is|was|seems|feels) (?:\w+ )?(?:wrong|unfair|unjust|a mistake|an error|mistaken|flawed|biased|ridiculous|absurd|premature)\b/u,
      /\b(?:i|we) (?:strongly |respectfully |completely |totally |must )?(?:disagree|don't agree|do not agree|dispute|contest|challenge|object to|appeal)\b/u,
      /\b(?:unfair(?:ly)?|unjust(?:ly)?|not fair|wrongly|mistakenly|unreasonabl[ey])\b/u,
      /\b(?:you(?:'ve| have)? (?:made|are making|'re making)|(?:this|that|it) (?:is|was)) (?:a |an )?(?:big |huge |serious |grave |terrible )?(?:mistake|error)\b/u,
      /\b(?:i am|i'm|i was) (?:clearly |obviously |more than |perfectly |fully |highly |very )?(?:overqualified|qualified for|the best (?:candidate|fit)|the right (?:person|fit|candidate)|a perfect (?:fit|match))\b/u,
      /\b(?:meet|met|exceed|exceeded|fulfil+|fulfilled|match|matched|tick|ticked) (?:all|every|each|most) (?:of )?(?:the |your )?(?:requirements|criteria|qualifications|boxes)\b/u,
      /\b(?:didn't|did not|never) (?:even )?(?:read|look at|review|consider|open|check) my (?:cv|resume|résumé|application|profile|portfolio)\b/u,
      /\b(?:second (?:chance|look|opinion|review)|another (?:look|chance)|review (?:the|this|your|my) (?:decision|application) again)\b/u,
      /\b(?:wrong|bad|poor|mistaken|hasty) (?:call|decision|choice)\b/u,
      /\b(?:entscheidung|absage)\b[^.!?]{0,40}\b(?:überdenken|nicht nachvollziehbar|unfair|ungerecht|falsch|fehler)\b|(?<![\p{L}\p{N}])(?:überdenken sie|noch einmal überdenken|unfair|ungerecht|widerspreche)\b|\berfülle alle (?:anforderungen|kriterien)\b/u,
      /\breconsidérer\b|\b(?:injuste|inéquitable|pas juste)\b|\bcontester (?:cette|votre|la) décision\b|\bje conteste\b|\bje ne suis pas d'accord\b|\bremplis (?:tous|toutes) les (?:critères|exigences)\b/u,
      /\breconsiderar\b|\b(?:injusto|injusta|no es justo)\b|\bno estoy de acuerdo\b|\bcumplo (?:con )?todos los requisitos\b|\b(?:impugnar|apelar) (?:la|esta|su) decisión\b/u,
    ],
    exclude: [/\b(?:i|we) (?:completely |totally |fully )?understand\b[^.!?]{0,20}\bdecision\b(?![^.!?]*\bbut\b)/u],
  },
  'legal-or-discrimination': {
    include: [
      /\bdiscriminat\w*/u,
      /\b(?:lawyers?|attorneys?|solicitors?|legal (?:action|counsel|advice|steps|team|proceedings|department|recourse)|lawsuits?|law ?suit|sue (?:you|your|the|this|them)|suing|litigation|court|tribunal|eeoc|equal employment opportunity|labou?r (?:board|department|office|court|law|inspector\w*)|employment (?:tribunal|law|lawyer|standards)|human rights (?:commission|complaint|tribunal)|acas|ombudsman|gdpr|data protection (?:authority|complaint|request|officer)|subject access request|(?:file|lodge|make|submit) a (?:formal )?complaint|report (?:you|this|your company|it) to (?:the )?(?:authorities|police|board|regulator|eeoc|labou?r))\b/u,
      /\b(?:racis[mt]\w*|sexis[mt]\w*|ageis[mt]\w*|ageist|ableis[mt]\w*|homophob\w*|transphob\w*|xenophob\w*|islamophob\w*|antisemit\w*|misogyn\w*|prejudice\w*|(?:biased|bias|prejudiced) against|because (?:i am|i'm|i was|of my) (?:a |an )?(?:woman|female|black|old|older|too old|pregnant|disabled|muslim|jewish|gay|lesbian|trans|foreign|immigrant|age|race|gender|sex|religion|disability|accent|nationality|ethnicity|skin|hijab|name|pregnancy|sexuality|origin)\b|equal opportunit\w*|protected (?:class|characteristic)s?|illegal|unlawful)/u,
      /\b(?:diskriminier\w*|benachteilig\w*|anwalt|anwältin|rechtsanwalt\w*|rechtliche schritte|klage|verklagen|gericht\w*|agg|antidiskriminierungsstelle|rassis\w*|sexis\w*|wegen (?:meines|meiner) (?:alters|geschlechts|namens|glaubens|herkunft|religion|behinderung|schwangerschaft|hautfarbe)|dsgvo|datenschutz\w*)\b/u,
      /\b(?:discrimin\w*|avocat\w*|poursuites?|action en justice|en justice|prud'?hommes|défenseur des droits|racis\w*|sexis\w*|en raison de mon (?:âge|origine|sexe|nom|handicap)|rgpd|cnil)\b/u,
      /\b(?:abogad[oa]s?|(?:poner|interponer|presentar) una demanda|demandarl[oe]s|l[oe]s demandaré|acciones? legal(?:es)?|juzgado|inspección de trabajo|racis\w*|sexis\w*|por (?:mi|ser) (?:edad|género|origen|mujer|embarazada|discapacidad)|protección de datos)\b/u,
    ],
  },
};

/** Every intent's patterns, the German, French and Spanish ones added, exclusions compiled once (global). */
const COMPILED = REPLY_INTENTS.map((intent) => {
  const more = DE_FR_ES_INTENTS[intent];
  return {
    intent,
    include: [...PATTERNS[intent].include, ...(more?.include ?? [])],
    exclude: [...(PATTERNS[intent].exclude ?? []), ...(more?.exclude ?? [])].map((p) => new RegExp(p.source, 'gu')),
  };
});

/** The intents the text expresses; `only` limits the search (a sentence's warmth needs three of the seven). */
export function detectIntents(normalizedText: string, only?: readonly ReplyIntent[]): ReplyIntent[] {
  return COMPILED.filter(({ intent, include, exclude }) => {
    if (only !== undefined && !only.includes(intent)) return false;
    const matched = include.some((pattern) => pattern.test(normalizedText));
    if (!matched) return false;
    if (exclude.length === 0) return true;
    // An exclusion removes the look-alike phrase only; a genuine one elsewhere in the reply still counts.
    const cleaned = exclude.reduce((text, pattern) => text.replace(pattern, ' '), normalizedText);
    return include.some((pattern) => pattern.test(cleaned));
  }).map(({ intent }) => intent);
}

/** True when the sentence raises a legal or discrimination concern: a person reads it, no rule or model convicts it. */
export function mentionsLegalOrDiscrimination(normalizedSentence: string): boolean {
  return PATTERNS['legal-or-discrimination'].include.some((pattern) => pattern.test(normalizedSentence));
}
