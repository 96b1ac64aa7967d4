import { defineConfig } from 'vitest/config';

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', TZ: 'UTC' };

/**
 * Six projects, all run by `npm test`; `npm run test:unit` runs the first two, the inner loop:
 *   unit         the core with in-memory fakes (milliseconds)
 *   infra        CDK assertions on in-process synths (no bundling) and cdk-nag's AwsSolutions checks
 *   synth        the real `npx cdk synth` per stage: every function bundled, cdk-nag as a validation plugin
 *   integration  adapters against dynalite and aws-ses-v2-local on free ports
 *   e2e          the local stack started as a user would, driven over HTTP (and a browser)
 *   reliability  the local stack under faults: fuzzing, concurrent duplicates, a kill mid-bulk (time-bounded)
 *
 * unit and infra share their modules within a worker (`isolate: false`, in worker threads): their files
 * import the same app, zod schemas and aws-cdk-lib, and loading those once per worker rather than once per
 * file was most of their time (docs/BENCHMARKS.md, "Test suite"). It is safe because these tests hold no module
 * state: dependencies are built per test, spies are restored, and a stage's synthesized templates are only read.
 */
export default defineConfig({
  test: {
    env,
    globalSetup: ['test/support/runtime-global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          env,
          isolate: false,
          pool: 'threads',
          // Property tests take seconds on a loaded machine; time is injected, so a timeout only guards a hang.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          exclude: ['test/infra/cdk-synth-cli.test.ts'],
          globalSetup: ['test/support/web-build-global-setup.ts'],
          env,
          isolate: false,
          pool: 'threads',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'synth',
          include: ['test/infra/cdk-synth-cli.test.ts'],
          globalSetup: ['test/support/web-build-global-setup.ts'],
          env,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/emulators-global-setup.ts'],
          env,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          env,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          env,
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
