import { ApiError, api } from './api.ts';

/** A decision as `POST /decisions` takes it; the dry run gives each valid row back in this shape. */
export interface DecisionBody {
  readonly applicationId: string;
  readonly candidate: { readonly name: string; readonly email: string; readonly locale?: string };
  readonly job: { readonly id: string; readonly title: string };
  readonly [field: string]: unknown;
}

export interface RowIssue {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export interface PreviewRow {
  readonly line: number;
  readonly decision?: DecisionBody;
  readonly errors: readonly RowIssue[];
}

export interface CsvPreview {
  readonly valid: boolean;
  readonly rows: readonly PreviewRow[];
}

export interface DecisionOutcome {
  readonly candidateId: string;
  readonly duplicate: boolean;
  readonly noticeId?: string;
  readonly sendAt?: string;
  readonly noEmailReason?: string;
}

/** The largest JSON batch the API takes (`MAX_DECISIONS_PER_REQUEST`). */
export const BATCH_SIZE = 500;

/** Reads the file on the server without recording anything: every row with its errors, for the preview. */
export function previewCsv(text: string): Promise<CsvPreview> {
  return api<CsvPreview>('/decisions?dryRun=true', {
    method: 'POST',
    body: text,
    headers: { 'content-type': 'text/csv' },
  });
}

/**
 * Records the decisions of a file the dry run found wholly valid, in batches of 500 so progress can be shown.
 * The file was validated whole on the server and each batch is validated again whole, so a batch cannot be
 * refused in part. If the connection drops halfway, submitting the file again is safe: a decision already
 * recorded (same source and application) answers `duplicate` and nothing is sent twice.
 */
export async function recordInBatches(
  decisions: readonly DecisionBody[],
  onProgress: (done: number) => void,
): Promise<DecisionOutcome[]> {
  const outcomes: DecisionOutcome[] = [];
  for (let start = 0; start < decisions.length; start += BATCH_SIZE) {
    const batch = decisions.slice(start, start + BATCH_SIZE);
    const { results } = await api<{ results: DecisionOutcome[] }>('/decisions', {
      method: 'POST',
      body: JSON.stringify({ decisions: batch }),
    });
    outcomes.push(...results);
    onProgress(outcomes.length);
  }
  return outcomes;
}

export function problemOf(error: unknown): { message: string; issues: readonly RowIssue[] } {
  if (error instanceof ApiError) {
    const issues = (error.problem.errors ?? []).map((e) => ({ line: e.line ?? 0, field: e.field, message: e.message }));
    return { message: error.message, issues };
  }
  return { message: error instanceof Error ? error.message : String(error), issues: [] };
}
