import type { Branding } from '#core/domain/branding.ts';
import type { Notice } from '#core/domain/notice.ts';
import type { ReasonCategory, Stage } from '#core/domain/reason-and-stage.ts';

/** The locales every template is written in. */
export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type SampleLocale = (typeof LOCALES)[number];

/** `full` sets every optional value (note, feedback, logo, links); `minimal` none of them. */
export const VARIANTS = ['full', 'minimal'] as const;
export type Variant = (typeof VARIANTS)[number];

/** The situation each template is written for: the preview shows it in that situation. */
export const SITUATIONS: Readonly<
  Record<string, { readonly reason: ReasonCategory; readonly minimalReason?: ReasonCategory; readonly stage: Stage }>
> = {
  'application-review': { reason: 'skills-mismatch', minimalReason: 'other', stage: 'application-review' },
  'phone-screen': { reason: 'experience-mismatch', minimalReason: 'skills-mismatch', stage: 'phone-screen' },
  'after-interviews': { reason: 'skills-mismatch', minimalReason: 'position-filled', stage: 'interview' },
  'position-closed': { reason: 'position-filled', minimalReason: 'position-closed', stage: 'interview' },
  'withdrawal-acknowledgement': { reason: 'withdrawn', stage: 'phone-screen' },
  'keep-in-touch': { reason: 'experience-mismatch', minimalReason: 'position-filled', stage: 'interview' },
  'general-rejection': { reason: 'other', minimalReason: 'experience-mismatch', stage: 'other' },
};

interface Person {
  readonly candidate: string;
  readonly jobTitle: string;
  readonly recruiter: string;
  readonly recruiterTitle: string;
  readonly note: string;
}

/** Realistic names and lengths per locale: German titles carry "(m/w/d)", French ones the inclusive "·e". */
const PEOPLE: Readonly<Record<SampleLocale, Person>> = {
  en: {
    candidate: 'Ada Lovelace',
    jobTitle: 'Senior Data Engineer',
    recruiter: 'Grace Hopper',
    recruiterTitle: 'Talent Partner',
    note: 'Your write-up of the pipeline trade-offs was one of the clearest we read this year.\nI hope our paths cross again.',
  },
  de: {
    candidate: 'Lena Fischer',
    jobTitle: 'Senior Backend-Entwickler (m/w/d)',
    recruiter: 'Miriam Schulz',
    recruiterTitle: 'Recruiterin',
    note: 'Ihre Analyse der Architektur-Aufgabe war eine der klarsten, die wir gelesen haben.\nIch hoffe, wir begegnen uns wieder.',
  },
  fr: {
    candidate: 'Camille Durand',
    jobTitle: 'Développeur·se back-end senior',
    recruiter: 'Julien Moreau',
    recruiterTitle: 'Chargé de recrutement',
    note: 'Votre analyse de l’exercice d’architecture était l’une des plus claires que nous ayons lues.\nJ’espère que nos chemins se recroiseront.',
  },
  es: {
    candidate: 'Lucía Fernández',
    jobTitle: 'Ingeniera de datos sénior',
    recruiter: 'Javier Ruiz',
    recruiterTitle: 'Responsable de selección',
    note: 'Su análisis del ejercicio de arquitectura fue de los más claros que hemos leído.\nEspero que nuestros caminos vuelvan a cruzarse.',
  },
};

/** A logo address the preview serves itself (no network); any https URL works in a real send. */
export const SAMPLE_LOGO_URL = 'https://closeloop.example/sample-logo.png';

export function sampleBranding(variant: Variant): Branding {
  return {
    companyName: 'Acme',
    brandColor: '#1f6feb',
    backgroundColor: '#f3f4f6',
    postalAddress: 'Acme Inc., 1 Example Street, 10115 Berlin, Germany',
    ...(variant === 'full'
      ? {
          logoUrl: SAMPLE_LOGO_URL,
          careersUrl: 'https://acme.example/careers',
          privacyUrl: 'https://acme.example/privacy/applicants',
        }
      : {}),
  };
}

/** A planned notice for `templateId` in `locale`, as `record-decisions` would have stored it. */
export function sampleNotice(templateId: string, locale: string, variant: Variant): Notice {
  const people: Readonly<Record<string, Person | undefined>> = PEOPLE;
  const person = people[locale] ?? PEOPLE.en;
  const situation = SITUATIONS[templateId] ?? { reason: 'other', stage: 'other' };
  const full = variant === 'full';
  const at = '2026-11-20T10:00:00.000Z';
  return {
    id: 'n_aaaaaaaaaaaaaaaaaaaaaaaaaa',
    decisionKey: 'd_aaaaaaaaaaaaaaaaaaaaaaaaaa',
    candidateId: 'c_aaaaaaaaaaaaaaaaaaaaaaaaaa',
    emailDigest: 'digest',
    source: 'manual',
    applicationId: 'app-1',
    job: { id: 'job-1', title: person.jobTitle },
    candidate: { name: person.candidate, email: 'candidate@example.com', locale },
    ...(full ? { recruiter: { name: person.recruiter, title: person.recruiterTitle } } : {}),
    ...(full ? { personalNote: person.note } : {}),
    feedbackOffered: full,
    keepInTouch: full && templateId === 'withdrawal-acknowledgement' ? true : templateId === 'keep-in-touch',
    reason: full ? situation.reason : (situation.minimalReason ?? situation.reason),
    stage: situation.stage,
    templateId,
    locale,
    status: 'scheduled',
    sendAt: at,
    attempts: 0,
    replyToken: 'token',
    createdAt: at,
    updatedAt: at,
    retainUntil: '2027-11-20T10:00:00.000Z',
    history: [],
  };
}
