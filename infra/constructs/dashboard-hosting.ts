import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  type CfnUserPoolClient,
  type IUserPool,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { DASHBOARD_CSP_DIRECTIVES } from '#local/dashboard-csp.ts';

/** `npm run build:web` writes it; `cdk synth` (cdk.json) runs that build first. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface DashboardHostingProps {
  readonly stage: string;
  readonly userPool: IUserPool;
  readonly userPoolDomain: UserPoolDomain;
  readonly retention: RetentionDays;
  readonly retain: boolean;
  /** Serve on your own name with its certificate (us-east-1), which also allows TLS 1.2 as the minimum. */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** Where the built dashboard is (default web/dist). */
  readonly distDir?: string;
}

/**
 * The recruiter dashboard in AWS: the static build in a private, encrypted, TLS-only bucket that only
 * CloudFront may read (origin access control), served over HTTPS with the same security headers as the
 * local server, sign-in through Cognito's hosted UI (authorization code grant with PKCE: a public client,
 * no secret in a browser), and a `config.json` written at deploy time naming the API and the sign-in.
 */
export class DashboardHosting extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  readonly client: UserPoolClient;
  /** `https://<distribution or custom domain>`: the only origin the API's CORS allows. */
  readonly origins: readonly string[];
  readonly url: string;
  private readonly props: DashboardHostingProps;

  constructor(scope: Construct, id: string, props: DashboardHostingProps) {
    super(scope, id);
    this.props = props;
    const dist = props.distDir ?? DASHBOARD_DIST;
    if (!existsSync(`${dist}/index.html`)) {
      throw new Error(`The dashboard is not built (${dist}/index.html is missing): run npm run build:web`);
    }
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // CloudFront's standard logs and the site bucket's access logs. CloudFront writes its logs with ACLs,
    // so this bucket (alone) keeps object ACLs enabled.
    this.logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire', expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket: logging its own access would log forever.',
    });

    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy,
    });

    const headers = securityHeaders(this, props.userPoolDomain);

    const custom = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Closeloop ${props.stage} dashboard`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      ...(custom === undefined
        ? {}
        : {
            domainNames: [custom.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', custom.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }),
    });
    acknowledgeDistribution(this.distribution, custom !== undefined);

    const domain = custom?.domainName ?? this.distribution.distributionDomainName;
    this.url = `https://${domain}/`;
    this.origins = [`https://${domain}`];

    this.client = dashboardClient(this, props, this.url);
  }

  /**
   * Uploads the build and writes `config.json` with the API's URL and the sign-in settings. Hashed assets are
   * cached for a year; index.html and config.json are revalidated on every load, so a deploy shows at once.
   */
  publish(apiUrl: string): void {
    const role = new Role(this, 'DeploymentRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: this.props.retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);
    const dist = this.props.distDir ?? DASHBOARD_DIST;
    const common = { destinationBucket: this.bucket, role, logGroup, memoryLimit: 256, retainOnDelete: false };

    new BucketDeployment(this, 'Assets', {
      ...common,
      sources: [Source.asset(dist, { exclude: ['index.html', '.stamp', '*.map'] })],
      exclude: ['index.html', 'config.json'],
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    new BucketDeployment(this, 'Entry', {
      ...common,
      sources: [
        Source.asset(dist, { exclude: ['assets', 'assets/**', '.stamp', '*.map'] }),
        Source.jsonData('config.json', {
          apiBaseUrl: apiUrl,
          auth: {
            mode: 'cognito',
            domain: `${this.props.userPoolDomain.domainName}.auth.${Aws.REGION}.amazoncognito.com`,
            clientId: this.client.userPoolClientId,
            redirectUri: this.url,
          },
        }),
      ],
      prune: false,
      cacheControl: [CacheControl.noCache()],
    });

    // The grants CDK's bucket deployment gives its role: read the asset objects, replace the site's objects.
    const stack = Stack.of(this);
    const qualifier = String(this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? 'hnb659fds');
    const siteArn = stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)) as string;
    const findings = [
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) => `Action::${a}`),
      `Resource::<${siteArn}.Arn>/*`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*`,
    ];
    for (const finding of findings) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          "CDK's bucket deployment copies the build during deploys: it reads the CDK asset objects and replaces the objects of this site bucket, nothing else.",
      });
    }
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      Validations.of(child).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "The bucket deployment's handler is aws-cdk-lib's own (Python), its runtime chosen and upgraded with aws-cdk-lib; it runs only during deploys.",
      });
    }
  }
}

/** CSP (the dashboard's directives, connecting only to this region's APIs and the hosted sign-in), HSTS, no framing. */
function securityHeaders(
  scope: Construct,
  userPoolDomain: DashboardHostingProps['userPoolDomain'],
): ResponseHeadersPolicy {
  const cognitoHost = `${userPoolDomain.domainName}.auth.${Aws.REGION}.amazoncognito.com`;
  return new ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    comment: 'Closeloop dashboard: CSP, HSTS, no framing, no sniffing, no referrer',
    securityHeadersBehavior: {
      contentSecurityPolicy: {
        override: true,
        // The API's own host is not known before the API exists, and the API's CORS names this
        // distribution: the execute-api hosts of this region keep the two free of a cycle.
        contentSecurityPolicy: DASHBOARD_CSP_DIRECTIVES.map((d) =>
          d.startsWith('connect-src')
            ? `connect-src 'self' https://*.execute-api.${Aws.REGION}.amazonaws.com https://${cognitoHost}`
            : d,
        ).join('; '),
      },
      strictTransportSecurity: {
        override: true,
        accessControlMaxAge: Duration.days(365),
        includeSubdomains: true,
      },
      frameOptions: { override: true, frameOption: HeadersFrameOption.DENY },
      contentTypeOptions: { override: true },
      referrerPolicy: { override: true, referrerPolicy: HeadersReferrerPolicy.NO_REFERRER },
    },
  });
}

/** Why the distribution has no geo restriction, no web ACL here and, without a custom domain, CloudFront's TLS policy. */
function acknowledgeDistribution(distribution: Distribution, customDomain: boolean): void {
  Validations.of(distribution).acknowledge({
    id: 'AwsSolutions-CFR1',
    reason:
      'Recruiters work from wherever they are; every request for data needs a Cognito token at the API, and the distribution serves only the static app.',
  });
  Validations.of(distribution).acknowledge({
    id: 'AwsSolutions-CFR2',
    reason:
      'The distribution serves static files only (no data, no forms, GET and HEAD); the API it calls has its own throttling and a JWT authorizer. A web ACL for CloudFront must live in us-east-1: attach one there if your organisation requires it.',
  });
  if (!customDomain) {
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'Without a custom domain CloudFront serves its *.cloudfront.net certificate, whose security policy cannot be chosen. Set dashboardDomain (name and us-east-1 certificate) to enforce TLS 1.2 or newer.',
    });
  }
}

/**
 * The browser's Cognito client: hosted sign-in with the code flow, back to the dashboard's URL only. The
 * dashboard keeps a recruiter signed in for a working day: one-hour access tokens, renewed with the refresh
 * token (web/src/cognito-session.ts), which lasts 12 hours and is revoked on sign-out.
 */
function dashboardClient(scope: Construct, props: DashboardHostingProps, url: string): UserPoolClient {
  const client = new UserPoolClient(scope, 'Client', {
    userPool: props.userPool,
    userPoolClientName: `closeloop-${props.stage}-dashboard`,
    generateSecret: false,
    // Hosted sign-in only: no password flows from the browser.
    authFlows: {},
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
      callbackUrls: [url],
      logoutUrls: [url],
    },
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.hours(12),
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
  });
  // CDK leaves ExplicitAuthFlows out when no flow is chosen, and Cognito then allows SRP and custom auth as
  // well as refresh. Only refresh: the browser signs in through the hosted UI, never with a password.
  (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
  return client;
}
