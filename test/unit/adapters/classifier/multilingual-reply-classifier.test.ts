import { beforeAll, describe, expect, it } from 'vitest';
import { functionWordDetector } from '#adapters/classifier/language-detector.ts';
import { type LocalReplyClassifier, loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';

let classifier: LocalReplyClassifier;
beforeAll(async () => {
  classifier = await loadLocalReplyClassifier();
});

describe('the reply language', () => {
  it.each([
    ['en', 'Thanks for letting me know, I really enjoyed the interviews.'],
    ['de', 'Vielen Dank für Ihre Rückmeldung, das ist schade.'],
    ['fr', "Merci pour votre retour, c'est dommage."],
    ['es', 'Gracias por avisarme, qué pena.'],
    ['other', 'Grazie mille per la risposta, buona giornata.'],
    ['other', 'Спасибо за ответ, очень жаль.'],
  ])('is %s for "%s", read from the text', (code, text) => {
    expect(classifier.classifyNow(text).language).toEqual({ code, source: 'text' });
  });

  it("falls back to the notice's locale when the text is too short to tell", () => {
    expect(classifier.classifyNow('Ok.', { fallbackLanguage: 'fr-CA' }).language).toEqual({
      code: 'fr',
      source: 'fallback',
    });
  });

  it("prefers the text to the notice's locale when the text tells", () => {
    expect(
      classifier.classifyNow('Thank you so much for the kind words and good luck with the hire.', {
        fallbackLanguage: 'de',
      }).language,
    ).toEqual({ code: 'en', source: 'text' });
  });

  it('takes a declared language as given', () => {
    expect(classifier.classifyNow('Danke.', { language: 'de-AT' }).language).toEqual({
      code: 'de',
      source: 'declared',
    });
    expect(classifier.classifyNow('Danke.', { language: 'it' }).language).toEqual({
      code: 'other',
      source: 'declared',
    });
  });

  it('has a guesser of its own that says when it cannot tell', () => {
    expect(functionWordDetector('Ok.')).toMatchObject({ confident: false });
    expect(functionWordDetector('Schade, ich bin enttäuscht, aber vielen Dank.')).toMatchObject({
      language: 'de',
      confident: true,
    });
  });
});

describe('hostility aimed at the reader in German, French and Spanish', () => {
  it.each([
    'Peinlich und inkompetent, ein Haufen Clowns.',
    'Ihr seid doch alle Betrüger.',
    'Sie sind ein Idiot.',
    'Fickt euch, ihr Versager.',
    'Ihre Personalabteilung ist peinlich und völlig inkompetent.',
    'Das werden Sie noch bereuen.',
    'Quelle arnaque, vous êtes des escrocs.',
    'Votre recrutement est ridicule et votre équipe est une bande d’incompétents.',
    'Honte à vous, bande d’hypocrites.',
    'Qué estafa, son unos estafadores.',
    'Su proceso es vergonzoso y su equipo es una panda de incompetentes.',
    'Cállate ya con tus correos automáticos, pendejo.',
  ])('burns the bridge on "%s"', (text) => {
    const result = classifier.classifyNow(text);
    expect(result.hostile).toBe(true);
    expect(result.evidence.length).toBeGreaterThan(0);
    expect(result.sentiment.label).toBe('negative');
  });

  it.each([
    'Schade, ich bin enttäuscht.',
    'Ich finde es peinlich, dass ich mich im Gespräch so oft versprochen habe.',
    'Ich hatte zuerst befürchtet, die Anzeige sei Betrug, aber das Gespräch war sehr professionell.',
    "C'est dommage.",
    "J'étais ridicule pendant l'exercice technique, le stress sans doute.",
    'Qué pena.',
    'Fue vergonzoso cómo me quedé en blanco en la prueba técnica.',
    'Mierda, no me lo esperaba. Pero gracias por la respuesta sincera.',
  ])('leaves the civil "%s" alone', (text) => {
    const result = classifier.classifyNow(text);
    expect(result.hostile).toBe(false);
    expect(result.borderline).toBe(false);
  });
});

describe('intents in German, French and Spanish', () => {
  it.each([
    ['Könnten Sie mir sagen, woran es gelegen hat?', ['feedback-request']],
    ['Pourriez-vous me dire ce qui a manqué ?', ['feedback-request']],
    ['¿Podría decirme qué me faltó?', ['feedback-request']],
    ["Je serais reconnaissant d'avoir un retour, même bref, pour m'améliorer.", ['feedback-request']],
    ['Merci de supprimer mes données de votre base.', ['withdraws']],
    ['Gracias, retiro también mi candidatura para el otro puesto.', ['thanks', 'withdraws']],
    ['Gracias por avisarme. Me encantaría que siguiéramos en contacto.', ['thanks', 'keep-in-touch']],
  ])('reads "%s" as %j', (text, intents) => {
    expect(classifier.classifyNow(text).intents).toEqual(intents);
  });
});

describe('intents that read the thread', () => {
  const offered = { thread: { offeredFeedback: true } };

  it.each(['Yes, please!', 'Ja, gerne.', 'Oui, volontiers !', 'Sí, por favor.', 'Yes'])(
    'takes "%s" after our offer of feedback as a feedback request',
    (text) => {
      expect(classifier.classifyNow(text, offered).intents).toContain('feedback-request');
    },
  );

  it.each(['Yes, please!', 'Ja, gerne.'])('takes "%s" as nothing in particular when we offered no feedback', (text) => {
    expect(classifier.classifyNow(text).intents).not.toContain('feedback-request');
  });

  it.each(['No, thanks.', 'Nein danke, nicht nötig.', 'Please delete my data.', 'Oui, je comprends.'])(
    'does not take "%s" as accepting the offer',
    (text) => {
      expect(classifier.classifyNow(text, offered).intents).not.toContain('feedback-request');
    },
  );
});

describe('sentiment in German, French and Spanish', () => {
  it.each([
    ['Schade, ich bin enttäuscht.', 'negative'],
    ["C'est dommage, je suis déçue.", 'negative'],
    ['Qué pena, estoy decepcionado.', 'negative'],
    ['Vielen Dank, alles Gute für Sie!', 'positive'],
    ['Merci beaucoup, bonne continuation !', 'positive'],
    ['Muchas gracias y mucha suerte.', 'positive'],
    ['Zur Kenntnis genommen.', 'neutral'],
  ])('reads "%s" as %s', (text, label) => {
    expect(classifier.classifyNow(text).sentiment.label).toBe(label);
  });

  it('never calls a quoted insult the candidate’s own', () => {
    const result = classifier.classifyNow(
      'Sie schreiben, ich hätte Ihr Team „einen Haufen Clowns“ genannt. Das habe ich nie gesagt.',
    );
    expect(result.hostile).toBe(false);
  });
});

describe('the English model and detected languages', () => {
  it('still reads a slangy English reply that the detector cannot place', () => {
    const result = classifier.classifyNow('I dont have hoes');
    expect(result.language?.code).toBe('other');
    expect(result.hostile).toBe(true);
  });
});
