import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SECRET_VARIABLES } from '#adapters/secrets/secret-values.ts';
import { SECRET_NAMES, type SecretName } from '#core/ports/secret-store.ts';

const DESCRIPTIONS: Readonly<Record<SecretName, string>> = {
  greenhouse: 'Greenhouse web hook secret key (paste it into Greenhouse). See docs/webhooks.md.',
  lever: 'Lever webhook signature token: replace with the token Lever shows for the candidateArchiveChange webhook.',
  'lever-api-key': 'Lever API key (read access to opportunities, archive reasons, postings): replace with yours.',
  ashby: 'Ashby webhook secret token (paste it into Ashby). See docs/webhooks.md.',
  workable: 'Workable signing key: replace with the account API token (or OAuth app secret) Workable signs with.',
  'workable-api-token':
    "Workable API token (read access to jobs: r_jobs), used to find a job's recruiter when webhooks.workableApiUrl is set: replace with yours.",
  generic: 'Generic webhook signing secret for your own tools. See docs/webhooks.md.',
};

/**
 * One Secrets Manager secret per webhook source (and Lever's API key), named `closeloop/<stage>/<source>`.
 * They hold values people type into an ATS, so they live with the other stateful resources and survive a
 * redeploy of the functions. A value may be a JSON array of secrets while rotating (docs/webhooks.md).
 */
export class WebhookSecrets extends Construct {
  readonly secrets: Readonly<Record<SecretName, Secret>>;

  constructor(scope: Construct, id: string, props: { readonly stage: string; readonly removalPolicy: RemovalPolicy }) {
    super(scope, id);
    const entries = SECRET_NAMES.map((name) => {
      const secret = new Secret(this, name, {
        secretName: `closeloop/${props.stage}/${name}`,
        description: DESCRIPTIONS[name],
        removalPolicy: props.removalPolicy,
        // Greenhouse, Ashby and your own tools take whatever secret you give them: this one, ready to paste.
        // Lever and Workable issue their own; until it replaces this placeholder, nothing verifies.
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'A webhook secret is shared with a third-party ATS and must change on both sides at once; rotation is the manual, zero-downtime procedure in docs/webhooks.md (a JSON array holds old and new while the ATS is updated).',
      });
      return [name, secret] as const;
    });
    this.secrets = Object.fromEntries(entries) as Record<SecretName, Secret>;
  }

  /** Read access for one function, and the `<VARIABLE>_ARN` variables it finds them by: always together. */
  grantReadTo(fn: IFunction & { addEnvironment(key: string, value: string): unknown }): void {
    for (const name of SECRET_NAMES) {
      const secret = this.secrets[name];
      secret.grantRead(fn);
      fn.addEnvironment(`${SECRET_VARIABLES[name]}_ARN`, secret.secretArn);
    }
  }
}
