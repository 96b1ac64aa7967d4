import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  ConfigurationSet,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { INDEXES, type IndexDefinition, TABLE_KEYS, TTL_ATTRIBUTE } from '#adapters/dynamodb/table-definition.ts';
import { definedFields } from '#core/domain/optional.ts';
import { isProductionStage, type StageConfig } from '../config.ts';
import { DnsRecords } from '../constructs/dns-records.ts';
import { InboundMail } from '../constructs/inbound-mail.ts';
import { SesEventPublishing } from '../constructs/ses-event-publishing.ts';
import { WebhookSecrets } from '../constructs/webhook-secrets.ts';

const PROJECTIONS = {
  ALL: ProjectionType.ALL,
  KEYS_ONLY: ProjectionType.KEYS_ONLY,
  INCLUDE: ProjectionType.INCLUDE,
} as const;

export function configurationSetNameFor(stage: string): string {
  return `closeloop-${stage}`;
}

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * What holds data or identity: the table, the recruiters' user pool, the SES identity and configuration
 * set. Kept apart from the functions so those can be redeployed, or torn down, freely.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** The hosted sign-in (`<prefix>.auth.<region>.amazoncognito.com`) the dashboard sends recruiters to. */
  readonly userPoolDomain: UserPoolDomain;
  readonly configurationSet: ConfigurationSet;
  readonly emailIdentity: EmailIdentity;
  readonly webhookSecrets: WebhookSecrets;
  readonly inbound: InboundMail;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const prod = isProductionStage(props.config.stage);
    const retain = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = appTable(this, prod);

    this.webhookSecrets = new WebhookSecrets(this, 'WebhookSecrets', {
      stage: props.config.stage,
      removalPolicy: retain,
    });

    ({
      userPool: this.userPool,
      userPoolClient: this.userPoolClient,
      userPoolDomain: this.userPoolDomain,
    } = recruiterPool(this, props.config, prod));

    this.emailIdentity = new EmailIdentity(this, 'SenderIdentity', {
      identity: Identity.domain(props.config.senderDomain),
      // A custom MAIL FROM aligns SPF with the sender domain (DMARC); until its MX record exists SES uses its own.
      ...(props.config.mailFromDomain === undefined
        ? {}
        : {
            mailFromDomain: props.config.mailFromDomain,
            mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
          }),
    });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // A fixed name: the stateless stack refers to it by name instead of a cross-stack export.
      configurationSetName: configurationSetNameFor(props.config.stage),
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    new SesEventPublishing(this, 'SesEvents', {
      configurationSet: this.configurationSet,
      trackOpensAndClicks: props.config.trackOpensAndClicks,
    });

    this.inbound = new InboundMail(this, 'InboundMail', {
      stage: props.config.stage,
      inboundDomain: props.config.inboundDomain,
      retentionDays: props.config.retentionDays,
      retain: prod,
    });
    new CfnOutput(this, 'TableName', {
      value: this.table.tableName,
      description: 'The table (operations.md: the sending switch by hand, erasure, retention)',
    });
    new DnsRecords(this, 'DnsRecords', {
      senderIdentity: this.emailIdentity,
      inboundDomain: props.config.inboundDomain,
      ruleSetName: this.inbound.ruleSetName,
      ...definedFields({ mailFromDomain: props.config.mailFromDomain }),
    });
  }
}

/** The one table: keys and indexes from the same definition the local stack creates its table from. */
function appTable(scope: Construct, prod: boolean): TableV2 {
  const retain = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  return new TableV2(scope, 'Table', {
    partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
    billing: Billing.onDemand(),
    encryption: TableEncryptionV2.awsManagedKey(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: TTL_ATTRIBUTE,
    deletionProtection: prod,
    removalPolicy: retain,
    globalSecondaryIndexes: (Object.entries(INDEXES) as [string, IndexDefinition][]).map(([indexName, index]) => ({
      indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      ...(index.sortKey === undefined ? {} : { sortKey: { name: index.sortKey, type: AttributeType.STRING } }),
      projectionType: PROJECTIONS[index.projection],
      ...(index.nonKeyAttributes === undefined ? {} : { nonKeyAttributes: [...index.nonKeyAttributes] }),
    })),
  });
}

/** The recruiters' Cognito pool (MFA required, no self sign-up), its role groups, SRP client and hosted sign-in. */
function recruiterPool(scope: Construct, config: StageConfig, prod: boolean) {
  const retain = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const userPool = new UserPool(scope, 'Recruiters', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    mfa: Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: {
      minLength: 14,
      requireDigits: true,
      requireLowercase: true,
      requireUppercase: true,
      requireSymbols: true,
    },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    featurePlan: FeaturePlan.PLUS,
    standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: prod,
    removalPolicy: retain,
  });
  // Roles are Cognito groups; the API reads them from the verified token's `cognito:groups` claim.
  for (const group of ['viewer', 'recruiter', 'admin']) {
    new UserPoolGroup(scope, `Group-${group}`, { userPool: userPool, groupName: group });
  }
  // The SRP client (output `UserPoolClientId`) for scripts and API callers that sign in with a password. The
  // browser dashboard has its own hosted-UI client beside its distribution; without `disableOAuth` CDK would
  // give this one the implicit and code flows with an https://example.com callback.
  const userPoolClient = userPool.addClient('Dashboard', {
    disableOAuth: true,
    authFlows: { userSrp: true },
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(7),
    preventUserExistenceErrors: true,
  });

  // Kept with the pool: recruiters bookmark the sign-in page, and the dashboard's client (stateless stack,
  // beside the CloudFront distribution its callback URL names) signs in through it.
  const userPoolDomain = userPool.addDomain('HostedSignIn', {
    cognitoDomain: {
      domainPrefix: config.authDomainPrefix ?? `closeloop-${config.stage}-${Aws.ACCOUNT_ID}`,
    },
  });
  return { userPool, userPoolClient, userPoolDomain };
}
