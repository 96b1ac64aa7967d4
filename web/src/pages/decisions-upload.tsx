import { useState } from 'preact/hooks';
import { DecisionForm } from '../components/decision-form.tsx';
import {
  type CsvPreview,
  type DecisionBody,
  type DecisionOutcome,
  previewCsv,
  problemOf,
  type RowIssue,
  recordInBatches,
} from '../decision-upload.ts';
import { useCan } from '../me.ts';
import { href } from '../router.ts';

type Upload =
  | { readonly state: 'idle' }
  | { readonly state: 'reading'; readonly name: string }
  | { readonly state: 'refused'; readonly name: string; readonly message: string; readonly issues: readonly RowIssue[] }
  | { readonly state: 'previewed'; readonly name: string; readonly preview: CsvPreview }
  | { readonly state: 'recording'; readonly name: string; readonly total: number; readonly done: number }
  | { readonly state: 'recorded'; readonly name: string; readonly outcomes: readonly DecisionOutcome[] }
  | { readonly state: 'failed'; readonly name: string; readonly message: string; readonly done: number };

/** Bulk decisions from a CSV file beside a form for one: nothing is recorded before the preview shows no error. */
export function DecisionsUpload() {
  const can = useCan();
  if (!can.act) {
    return (
      <main id="main">
        <h1>Record decisions</h1>
        <p>
          Recording a decision sends the candidate an email: it needs the recruiter or admin role. Yours reads only.
        </p>
      </main>
    );
  }
  return (
    <main id="main">
      <h1>Record decisions</h1>
      <div class="split">
        <UploadSection />
        <section aria-labelledby="one-decision">
          <h2 id="one-decision">One decision</h2>
          <DecisionForm />
        </section>
      </div>
    </main>
  );
}

function UploadSection() {
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });

  const choose = async (file: File | undefined) => {
    if (file === undefined) return;
    setUpload({ state: 'reading', name: file.name });
    try {
      setUpload({ state: 'previewed', name: file.name, preview: await previewCsv(await file.text()) });
    } catch (e: unknown) {
      setUpload({ state: 'refused', name: file.name, ...problemOf(e) });
    }
  };

  const submit = async (name: string, decisions: readonly DecisionBody[]) => {
    setUpload({ state: 'recording', name, total: decisions.length, done: 0 });
    let done = 0;
    try {
      const outcomes = await recordInBatches(decisions, (n) => {
        done = n;
        setUpload({ state: 'recording', name, total: decisions.length, done: n });
      });
      setUpload({ state: 'recorded', name, outcomes });
    } catch (e: unknown) {
      setUpload({ state: 'failed', name, message: problemOf(e).message, done });
    }
  };

  return (
    <section aria-labelledby="from-file">
      <h2 id="from-file">From a CSV file</h2>
      <p class="muted">
        A header row names the fields (<code>applicationId</code>, <code>decidedAt</code>, <code>candidate.name</code>,{' '}
        <code>candidate.email</code>, <code>job.id</code>, <code>job.title</code>, …), one candidate per row. You see
        every row before anything is recorded.
      </p>
      <label>
        CSV file
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose((e.currentTarget as HTMLInputElement).files?.[0])}
        />
      </label>
      <UploadState upload={upload} onSubmit={submit} />
    </section>
  );
}

function UploadState({
  upload,
  onSubmit,
}: {
  upload: Upload;
  onSubmit: (name: string, decisions: readonly DecisionBody[]) => void;
}) {
  switch (upload.state) {
    case 'idle':
      return null;
    case 'reading':
      return (
        <p role="status" class="muted">
          Reading {upload.name}…
        </p>
      );
    case 'refused':
      return (
        <div role="alert" class="error">
          <p>{upload.message}</p>
          <ul>
            {upload.issues.map((i) => (
              <li key={`${i.line}-${i.field}`}>
                {i.line > 0 ? `Line ${i.line}, ` : ''}
                {i.field}: {i.message}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'previewed':
      return <PreviewTable name={upload.name} preview={upload.preview} onSubmit={onSubmit} />;
    case 'recording':
      return (
        <div class="progress">
          <label for="upload-progress">
            Recording {upload.name}: {upload.done} of {upload.total}
          </label>
          <progress id="upload-progress" max={upload.total} value={upload.done} />
        </div>
      );
    case 'recorded':
      return <Recorded name={upload.name} outcomes={upload.outcomes} />;
    case 'failed':
      return (
        <p role="alert" class="error">
          {upload.message} {upload.done} decisions were recorded before it stopped. Choose the file again and submit:
          those already recorded are not sent twice.
        </p>
      );
  }
}

function PreviewTable({
  name,
  preview,
  onSubmit,
}: {
  name: string;
  preview: CsvPreview;
  onSubmit: (name: string, decisions: readonly DecisionBody[]) => void;
}) {
  const bad = preview.rows.filter((r) => r.errors.length > 0);
  const decisions = preview.rows.flatMap((r) => (r.decision === undefined ? [] : [r.decision]));
  return (
    <div>
      <p role="status" class={bad.length > 0 ? 'error' : undefined}>
        {bad.length === 0
          ? `${name}: ${preview.rows.length} ${preview.rows.length === 1 ? 'decision' : 'decisions'}, all valid. Nothing is recorded until you submit.`
          : `${name}: ${bad.length} of ${preview.rows.length} rows cannot be recorded (line ${bad.map((r) => r.line).join(', ')}). Fix them and choose the file again; nothing was recorded.`}
      </p>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Rows of {name}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Candidate</th>
              <th scope="col">Job</th>
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.line} class={row.errors.length > 0 ? 'row-error' : undefined}>
                <td>{row.line}</td>
                <td>
                  {row.decision ? (
                    <>
                      {row.decision.candidate.name}
                      <br />
                      <span class="muted">{row.decision.candidate.email}</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{row.decision?.job.title ?? '—'}</td>
                <td>
                  {row.errors.length === 0 ? (
                    'OK'
                  ) : (
                    <ul class="row-errors">
                      {row.errors.map((e) => (
                        <li key={e.field}>
                          <code>{e.field}</code>: {e.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" class="primary" disabled={!preview.valid} onClick={() => onSubmit(name, decisions)}>
        Record {decisions.length} {decisions.length === 1 ? 'decision' : 'decisions'}
      </button>
    </div>
  );
}

function Recorded({ name, outcomes }: { name: string; outcomes: readonly DecisionOutcome[] }) {
  const fresh = outcomes.filter((o) => !o.duplicate).length;
  const again = outcomes.length - fresh;
  const silent = outcomes.filter((o) => !o.duplicate && o.noEmailReason !== undefined).length;
  return (
    <div role="status">
      <p>
        {name}: {fresh} {fresh === 1 ? 'decision' : 'decisions'} recorded
        {again > 0 ? `; ${again} were already recorded and change nothing` : ''}
        {silent > 0 ? `; ${silent} will get no email (the ATS said not to)` : ''}.
      </p>
      <p>
        <a href={href('/candidates')}>Go to candidates</a>
      </p>
    </div>
  );
}
