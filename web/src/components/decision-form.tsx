import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { type DecisionOutcome, problemOf } from '../decision-upload.ts';
import { href } from '../router.ts';
import { formatTime } from './status.tsx';

/** Fields with an input of their own; an error on any other is listed under the form. */
const FORM_FIELDS = [
  'candidate.name',
  'candidate.email',
  'candidate.locale',
  'applicationId',
  'job.id',
  'job.title',
  'reason',
  'stage',
  'personalNote',
];

const REASONS: readonly [string, string][] = [
  ['skills-mismatch', 'Skills do not match'],
  ['experience-mismatch', 'Experience does not match'],
  ['position-filled', 'Position filled'],
  ['position-closed', 'Position closed'],
  ['withdrawn', 'Candidate withdrew'],
  ['other', 'Other'],
];
const STAGES: readonly [string, string][] = [
  ['application-review', 'Application review'],
  ['phone-screen', 'Phone screen'],
  ['interview', 'Interview'],
  ['offer', 'Offer'],
  ['other', 'Other'],
];
const LOCALES: readonly [string, string][] = [
  ['', 'Default (English)'],
  ['en', 'English'],
  ['de', 'German'],
  ['fr', 'French'],
  ['es', 'Spanish'],
];

interface FieldAttributes {
  readonly id: string;
  readonly name: string;
  readonly 'aria-invalid': 'true' | undefined;
  readonly 'aria-describedby': string | undefined;
}

type Sent =
  | { readonly state: 'editing' }
  | { readonly state: 'sending' }
  | { readonly state: 'refused'; readonly message: string; readonly fields: Readonly<Record<string, string>> }
  | { readonly state: 'recorded'; readonly outcome: DecisionOutcome };

/** One rejection by hand (`POST /decisions`, source `manual`); each refused field is named beside its input. */
export function DecisionForm() {
  const [sent, setSent] = useState<Sent>({ state: 'editing' });
  const fields = sent.state === 'refused' ? sent.fields : {};

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setSent({ state: 'sending' });
    try {
      const outcome = await api<DecisionOutcome>('/decisions', {
        method: 'POST',
        body: JSON.stringify(decisionFrom(form)),
      });
      setSent({ state: 'recorded', outcome });
    } catch (e: unknown) {
      const { message, issues } = problemOf(e);
      setSent({
        state: 'refused',
        message,
        fields: Object.fromEntries(issues.map((i) => [i.field, plain(i.message)])),
      });
    }
  };

  const field = (name: string, label: string, input: (attributes: FieldAttributes) => JSX.Element) => {
    const error = fields[name];
    const id = `decision-${name.replace('.', '-')}`;
    return (
      <div class="field">
        <label for={id}>{label}</label>
        {input({
          id,
          name,
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
        })}
        {error && (
          <p class="error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form class="decision-form" onSubmit={submit} noValidate>
      {field('candidate.name', 'Candidate name', (a) => (
        <input {...a} required autocomplete="off" />
      ))}
      {field('candidate.email', 'Candidate email', (a) => (
        <input {...a} type="email" required autocomplete="off" />
      ))}
      {field('candidate.locale', 'Language of the email', (a) => (
        <Options {...a} options={LOCALES} />
      ))}
      {field('applicationId', 'Application id (from your ATS)', (a) => (
        <input {...a} required />
      ))}
      {field('job.id', 'Job id', (a) => (
        <input {...a} required />
      ))}
      {field('job.title', 'Job title', (a) => (
        <input {...a} required />
      ))}
      {field('reason', 'Reason', (a) => (
        <Options {...a} options={REASONS} />
      ))}
      {field('stage', 'Stage', (a) => (
        <Options {...a} options={STAGES} />
      ))}
      {field('personalNote', 'Personal note (optional, shown in the email)', (a) => (
        <textarea {...a} rows={3} />
      ))}
      <div class="field">
        <label>
          <input type="checkbox" name="feedbackOffered" /> Offer feedback on request
        </label>
      </div>
      {sent.state === 'refused' && (
        <div class="error" role="alert">
          <p>{sent.message}</p>
          <ul>
            {Object.entries(sent.fields)
              .filter(([field]) => !FORM_FIELDS.includes(field))
              .map(([field, message]) => (
                <li key={field}>
                  {field}: {message}
                </li>
              ))}
          </ul>
        </div>
      )}
      {sent.state === 'recorded' && <Recorded outcome={sent.outcome} />}
      <button type="submit" class="primary" disabled={sent.state === 'sending'}>
        Record decision
      </button>
    </form>
  );
}

function Options({ options, ...props }: { options: readonly [string, string][] } & FieldAttributes) {
  return (
    <select {...props}>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}

function Recorded({ outcome }: { outcome: DecisionOutcome }) {
  const link = <a href={href(`/candidates/${encodeURIComponent(outcome.candidateId)}`)}>Open the candidate</a>;
  let what = 'Recorded.';
  if (outcome.duplicate) what = 'This decision was already recorded; nothing changed.';
  else if (outcome.noEmailReason) what = `Recorded; no email will be sent: ${outcome.noEmailReason}`;
  else if (outcome.sendAt) what = `Recorded; the email goes out ${formatTime(outcome.sendAt)}.`;
  return (
    <p role="status">
      {what} {link}
    </p>
  );
}

/** zod's wording for an empty field, as a person would say it. */
function plain(message: string): string {
  return /^Too small: expected string to have >=1 character/.test(message) ? 'Required' : message;
}

/** The form as a decision: empty optional fields left out, so the API's defaults apply as they do to JSON. */
function decisionFrom(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const locale = text('candidate.locale');
  const note = text('personalNote');
  return {
    source: 'manual',
    applicationId: text('applicationId') ?? '',
    decision: 'rejected',
    reason: text('reason'),
    stage: text('stage'),
    decidedAt: new Date().toISOString(),
    job: { id: text('job.id') ?? '', title: text('job.title') ?? '' },
    candidate: {
      name: text('candidate.name') ?? '',
      email: text('candidate.email') ?? '',
      ...(locale ? { locale } : {}),
    },
    ...(note ? { personalNote: note } : {}),
    feedbackOffered: form.get('feedbackOffered') === 'on',
  };
}
