import { beforeAll, describe, expect, it } from 'vitest';
import { type LocalReplyClassifier, loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import { BORDERLINE_AT, HOSTILE_AT } from '#adapters/classifier/reply-verdict.ts';
import { decideFlags } from '#core/domain/flag-policy.ts';

let classifier: LocalReplyClassifier;

beforeAll(async () => {
  classifier = await loadLocalReplyClassifier();
});

describe('the local reply classifier, on hostile replies', () => {
  it('burns the bridge on a scam accusation with an insult, showing the sentence and both categories', async () => {
    // Prepare
    const text =
      'Thanks for nothing.\nThis job must be a scam and you the trickster … you’re a dick.\nDon’t write to me again.';

    // Act
    const result = await classifier.classify(text, { language: 'en' });

    // Assess
    expect(result.hostile).toBe(true);
    expect(result.borderline).toBe(false);
    expect(result.hostility).toBeGreaterThanOrEqual(HOSTILE_AT);
    expect(result.categories).toEqual(expect.arrayContaining(['accusation', 'insult']));
    expect(result.evidence[0]?.sentence).toBe('This job must be a scam and you the trickster … you’re a dick.');
    expect(result.evidence[0]?.categories).toEqual(expect.arrayContaining(['accusation', 'insult']));
    expect(result.sentiment.label).toBe('negative');
    expect(result.intents).not.toContain('thanks');
  });

  it.each([
    ['an insult aimed at the reader', 'You are a complete idiot.', 'insult'],
    ['profanity aimed at the reader', 'Fuck you and your company.', 'profanity'],
    ['a threat', 'You will pay for this, I promise.', 'threat'],
    ['a menace', 'I know where you work.', 'threat'],
    ['an accusation aimed at people', 'You are all liars and frauds.', 'accusation'],
    ['a German insult', 'Du bist ein Arschloch.', 'insult'],
    ['a French insult', 'Vous êtes des escrocs et des menteurs.', 'accusation'],
    ['a Spanish insult', 'Eres un idiota, vete a la mierda.', 'insult'],
    ['a wish of harm', 'I hope your company burns down.', 'threat'],
    ['a veiled threat', "I'll be waiting for you outside your office.", 'threat'],
    ['an insult at the recruiter by role', 'Your recruiter is a lying piece of shit.', 'insult'],
  ])('is hostile on %s', async (_name, text, category) => {
    const result = await classifier.classify(text);

    expect(result.hostile).toBe(true);
    expect(result.categories).toContain(category);
    expect(result.evidence[0]?.sentence).toBe(text);
  });

  it('adds up signals that are each only borderline', async () => {
    const result = await classifier.classify('What a bunch of clowns. Fake job posting to harvest CVs.', {
      language: 'en',
    });

    expect(result.hostile).toBe(true);
    expect(result.categories).toEqual(expect.arrayContaining(['insult', 'accusation']));
    expect(result.evidence.map((e) => e.sentence)).toEqual(
      expect.arrayContaining(['What a bunch of clowns.', 'Fake job posting to harvest CVs.']),
    );
  });

  it('finds one hostile sentence in a long, otherwise civil letter', async () => {
    const civil = 'I appreciated the time the team spent with me during the interviews last month. ';
    const text = `${civil.repeat(6)}Frankly, your recruiters are incompetent clowns.\n${civil.repeat(4)}`;

    const result = await classifier.classify(text, { language: 'en' });

    expect(result.hostile).toBe(true);
    expect(result.evidence.map((e) => e.sentence)).toContain('Frankly, your recruiters are incompetent clowns.');
  });
});

describe('the local reply classifier, on civil replies', () => {
  it('reads a grateful reply as positive, with thanks, keep-in-touch and a referral request', async () => {
    const text =
      'Thank you for letting me know. Please keep me in mind for future roles, and could you recommend me elsewhere?';

    const result = await classifier.classify(text, { language: 'en' });

    expect(result.hostile).toBe(false);
    expect(result.borderline).toBe(false);
    expect(result.sentiment.label).toBe('positive');
    expect(result.sentiment.score).toBeGreaterThan(0);
    expect(result.intents).toEqual(expect.arrayContaining(['thanks', 'keep-in-touch', 'referral-request']));
    expect(result.evidence).toEqual([]);
    expect(result.categories).toEqual([]);
  });

  it.each([
    'I am really disappointed. I thought the interviews went well and I was excited about this role.',
    'That is sad news. I was hoping for a different outcome, but I understand.',
    'Honestly this is frustrating. Three rounds of interviews and a one-line rejection.',
    'I disagree with this decision and I find the process annoying and badly organised.',
    'Damn, that sucks. I really wanted this job.',
    'I thought this was a scam at first, but you were great throughout. Thank you.',
    'Well, that was a waste of my time. Good luck with your search.',
    'My friend said this company is a scam but I did not believe her. Thanks for the opportunity anyway.',
    'Honestly your process was a mess. Nobody showed up to the second interview.',
    'What a stupid mistake on my part not to prepare better.',
    'Sorry to hear that. I killed it in the interview, I thought.',
  ])('flags nothing in a disappointed but civil reply: %s', async (text) => {
    const result = await classifier.classify(text, { language: 'en' });

    expect(result.hostile).toBe(false);
    expect(result.borderline).toBe(false);
    expect(result.evidence).toEqual([]);
  });

  it('raises legal action and discrimination for review, never as hostile on its own', async () => {
    const result = await classifier.classify(
      'I will take legal action. This is discrimination because I am a woman, and my lawyer will contact you.',
      { language: 'en' },
    );

    expect(result.intents).toContain('legal-or-discrimination');
    expect(result.hostile).toBe(false);
    expect(result.sentiment.label).toBe('negative');
  });

  it('still burns the bridge when a legal complaint comes with an explicit insult', async () => {
    const result = await classifier.classify('This is discrimination. You are a bunch of idiots.', { language: 'en' });

    expect(result.intents).toContain('legal-or-discrimination');
    expect(result.hostile).toBe(true);
    expect(result.evidence[0]?.sentence).toBe('You are a bunch of idiots.');
  });

  it('sends a rude word beside a sincere thanks to review; a thanks that is the insult stays hostile', async () => {
    const venting = await classifier.classify('This job market is a bitch. Thanks anyway.', { language: 'en' });
    const sneering = await classifier.classify('Thanks, bitch.', { language: 'en' });

    expect(venting).toMatchObject({ hostile: false, borderline: true });
    expect(venting.evidence[0]?.sentence).toBe('This job market is a bitch.');
    expect(sneering.hostile).toBe(true);
  });

  it('does not read a courtesy thanks before a put-down as warmth, so no warm flag follows', async () => {
    const snide = await classifier.classify('Thanks, but this process was a joke.', { language: 'en' });
    const sincere = await classifier.classify('Thanks, but I had hoped for a different outcome.', { language: 'en' });

    expect(snide.intents).not.toContain('thanks');
    expect(decideFlags(snide, { senderMatchesCandidate: true }).map((f) => f.flag)).not.toContain('warm');
    expect(sincere.intents).toContain('thanks');
  });

  it('sends an accusation about the job alone to review rather than burning the bridge', async () => {
    const result = await classifier.classify('Honestly this job posting looks like a scam.', { language: 'en' });

    expect(result.hostile).toBe(false);
    expect(result.borderline).toBe(true);
    expect(result.hostility).toBeGreaterThanOrEqual(BORDERLINE_AT);
    expect(result.categories).toContain('accusation');
    expect(result.evidence[0]?.sentence).toBe('Honestly this job posting looks like a scam.');
  });

  it.each([
    ['feedback-request', 'Could you please share some feedback on why I was not selected?'],
    ['feedback-request', 'I would really appreciate any feedback you can give me.'],
    ['withdraws', 'I have accepted another offer, so please withdraw my application.'],
    ['withdraws', 'I am no longer interested, please delete my data.'],
    ['disputes-decision', 'I believe the decision is unfair and ask you to reconsider.'],
    ['legal-or-discrimination', 'I will file a complaint with the EEOC.'],
    ['thanks', 'Vielen Dank für Ihre Nachricht.'],
    ['keep-in-touch', 'Bitte behalten Sie mich für zukünftige Stellen im Hinterkopf.'],
    ['keep-in-touch', "Merci beaucoup, j'aimerais rester en contact."],
    ['thanks', 'Muchas gracias por su tiempo.'],
    ['feedback-request', 'Woran hat es gelegen? Über eine Rückmeldung würde ich mich freuen.'],
    ['keep-in-touch', 'Good luck with the hire. If anything opens up in the data team please let me know.'],
    ['disputes-decision', "I think you made the wrong call, but that's your decision to make."],
  ])('recognizes the %s intent in "%s"', async (intent, text) => {
    const result = await classifier.classify(text);

    expect(result.intents).toContain(intent);
    expect(result.hostile).toBe(false);
  });

  it.each([
    ['thanks', 'Thanks for nothing.'],
    ['feedback-request', 'Thank you for the feedback.'],
    ['keep-in-touch', 'I found a new job elsewhere.'],
    ['withdraws', 'You seem not interested in my skills.'],
    ['disputes-decision', 'Nobody showed up to the second interview.'],
  ])('does not read %s into "%s"', async (intent, text) => {
    const result = await classifier.classify(text, { language: 'en' });

    expect(result.intents).not.toContain(intent);
  });

  it('reads German, French and Spanish thanks as positive without the English model', async () => {
    for (const [text, language] of [
      ['Vielen Dank, bitte halten Sie mich auf dem Laufenden für zukünftige Stellen.', 'de-DE'],
      ['Merci pour votre retour.', 'fr'],
      ['Muchas gracias por todo.', 'es'],
    ] as const) {
      const result = await classifier.classify(text, { language });
      expect(result.sentiment.label).toBe('positive');
      expect(result.hostile).toBe(false);
    }
  });
});

describe('the local reply classifier, on unusual input', () => {
  it('gives an empty reply a neutral verdict with nothing flagged', async () => {
    const result = await classifier.classify('   ');

    expect(result).toMatchObject({ hostile: false, borderline: false, categories: [], intents: [], evidence: [] });
    expect(result.model).toBe('local-v3');
  });

  it('reads a huge reply within its limit instead of failing', async () => {
    const text = 'Thank you for your message. '.repeat(40_000);

    const result = await classifier.classify(text, { language: 'en' });

    expect(result.hostile).toBe(false);
    expect(result.intents).toContain('thanks');
  });

  it('answers the same way twice', async () => {
    const text = 'This is so disappointing, you wasted my time.';

    expect(await classifier.classify(text)).toEqual(await classifier.classify(text));
  });
});
