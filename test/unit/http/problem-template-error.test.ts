import { describe, expect, it } from 'vitest';
import { TemplateVariableError } from '#core/domain/errors.ts';
import { silentLog } from '#core/ports/log.ts';
import { toProblem } from '#http/problem.ts';

describe('an email that cannot be rendered, over HTTP', () => {
  it('is a 422 problem naming the missing values', () => {
    const problem = toProblem(
      new TemplateVariableError('Missing required variables: postalAddress', ['postalAddress']),
      '/notices/n_x/preview',
      silentLog,
    );

    expect(problem).toMatchObject({
      status: 422,
      type: 'https://closeloop.dev/problems/template-variable-invalid',
      detail: 'Missing required variables: postalAddress',
    });
  });
});
