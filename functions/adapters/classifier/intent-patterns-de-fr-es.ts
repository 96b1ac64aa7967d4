import type { ReplyIntent } from '#core/ports/reply-classifier.ts';

/**
 * German, French and Spanish phrasings the first patterns in intent-patterns.ts miss: feedback asked as a
 * question ("Könnten Sie mir sagen, woran es gelegen hat?", "Pourriez-vous me dire ce qui a manqué ?", "¿Podría
 * decirme qué me faltó?"), staying in touch, withdrawing with an adverb in between; and look-alikes of thanks
 * that are requests ("Merci de supprimer mes données", "je serais reconnaissant d'avoir un retour").
 */
const L = '(?<![\\p{L}\\p{N}])';
const re = (source: string): RegExp => new RegExp(source, 'u');

export const DE_FR_ES_INTENTS: Readonly<Partial<Record<ReplyIntent, { include: RegExp[]; exclude: RegExp[] }>>> = {
  'feedback-request': {
    include: [
      re(
        `${L}(?:könnten|können|würden|wären) sie (?:mir )?(?:\\p{L}+ ){0,3}(?:sagen|erklären|mitteilen|nennen|verraten|geben)[^.!]{0,60}(?:woran|warum|weshalb|wieso|gründe?|was|feedback|rückmeldung|hinweise?)`,
      ),
      re(
        `${L}(?:woran (?:es )?gelegen hat|darf ich fragen,? (?:was|woran|warum|weshalb)|woran ich (?:noch )?(?:arbeiten|feilen) (?:sollte|kann|könnte|muss)|wo ich mich verbessern|was (?:hat|hätte) (?:ihnen |euch )?(?:\\p{L}+ ){0,3}gefehlt|was mir gefehlt|warum meine bewerbung)`,
      ),
      re(
        `${L}(?:pourriez|pouvez|pourrais|peux)[- ](?:vous|tu) (?:me |m')?(?:dire|expliquer|indiquer|préciser|faire part)[^.!]{0,60}(?:pourquoi|ce qui|ce que|raisons?|manqu|n'allait pas|points?)`,
      ),
      re(
        `${L}(?:qu'est-ce qui (?:m'a |a |n')?(?:manqué|allait pas)|ce qui (?:m'a |a )manqué|points? sur lesquels je (?:devrais|dois|pourrais)|savoir pourquoi (?:ma candidature|je n'ai pas|mon profil)|un retour[^.!?]{0,40}(?:pour m'améliorer|sur (?:mon|ma|mes)|\\?)|d'avoir un retour)`,
      ),
      re(
        `${L}(?:podría|podrían|puede|pueden|podrías|me puede|me podría|me podrían)(?:\\p{L}+)? (?:decirme|explicarme|indicarme|contarme|comentarme|explicar|decir)[^.!]{0,60}(?:qué|por qué|motivos?|razones?|falt|mejorar)`,
      ),
      re(
        `${L}(?:qué me faltó|qué (?:me )?faltaba|qué no encajó|qué tenía (?:la otra persona|el otro candidato)|saber por qué (?:no )?|(?:algún|alguna) (?:comentario|aspecto|observación)[^.!]{0,40}(?:mejorar|entrevista|candidatura|\\?)|en (?:el|lo) que (?:debería|podría|debo|tendría que) mejorar|retroalimentación)`,
      ),
    ],
    exclude: [],
  },
  'keep-in-touch': {
    include: [
      re(
        `${L}(?:kreuzen sich unsere wege|unsere wege (?:sich )?(?:wieder )?kreuzen|(?:auf|über) linkedin (?:vernetzen|verbinden)|recroiser (?:votre|ton|nos) chemin|nos chemins se (?:recroiseront|croiseront)|(?:sigamos|siguiéramos|seguir|mantengamos|mantener(?:nos)?)(?: el)? (?:en )?contacto|nuestros caminos se crucen)`,
      ),
    ],
    exclude: [],
  },
  withdraws: {
    include: [
      re(
        `${L}(?:(?:retire|retirer)(?: \\p{L}+)? ma candidature|(?:retiro|retirar)(?: \\p{L}+)? mi (?:candidatura|solicitud)|bewerbung[^.!?]{0,60}zurück)`,
      ),
    ],
    exclude: [],
  },
  thanks: {
    include: [],
    exclude: [
      re(
        `${L}merci (?:de|d') (?:bien vouloir |ne pas )?(?:supprimer|retirer|effacer|me |m'|garder|noter|transmettre|envoyer|faire)[^.!?]*`,
      ),
      re(`${L}(?:serais|serai) (?:très |vraiment )?reconnaissante? (?:de|d'|si)[^.!?]*`),
      re(`${L}(?:wäre|wären) (?:ich |wir )?(?:sehr |ihnen )?dankbar[^.!?]*`),
    ],
  },
};
