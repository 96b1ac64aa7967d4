import { describe, expect, it } from 'vitest';
import { normalizeTemplate } from './support/normalize-template.ts';
import { synthStage } from './support/synth.ts';

/**
 * The whole of each stack, as CloudFormation will see it, asset hashes masked: a change to the infrastructure
 * shows up here as a diff to review. After an intended change, update the snapshots with
 *   npx vitest run --project infra test/infra/template-snapshot.test.ts -u
 * and commit them with the change (CI never writes snapshots: a missing one fails).
 */
describe.each(['dev', 'prod'] as const)('the %s stage’s templates', (stage) => {
  const synth = synthStage(stage);

  it.each([
    ['Stateful', synth.stateful],
    ['Stateless', synth.stateless],
  ] as const)('match the %s snapshot', async (name, template) => {
    const normalized = JSON.stringify(normalizeTemplate(template.toJSON()), null, 2);
    expect(normalized).not.toMatch(/[a-f0-9]{64}/);
    await expect(`${normalized}\n`).toMatchFileSnapshot(`./__snapshots__/Closeloop-${stage}-${name}.template.json`);
  });
});
