import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { policyStatements, synthStage } from './support/synth.ts';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-000000000000';

describe.each(['dev', 'prod'] as const)('the dashboard in the %s stage', (stage) => {
  const synth = synthStage(stage);
  const distributionId = Object.keys(synth.stateless.findResources('AWS::CloudFront::Distribution'))[0] ?? '';

  it('keeps the build in an encrypted, private, TLS-only bucket with access logs', () => {
    synth.stateless.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'site-bucket/' }),
    });
    const policies = Object.values(synth.stateless.findResources('AWS::S3::BucketPolicy'));
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties?.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('lets only this CloudFront distribution read it, through origin access control', () => {
    synth.stateless.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    synth.stateless.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    synth.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('sends the same Content-Security-Policy as the local server, with HSTS and no framing', () => {
    const [policy] = Object.values(synth.stateless.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const security = policy?.Properties?.ResponseHeadersPolicyConfig?.SecurityHeadersConfig;
    const csp = JSON.stringify(security?.ContentSecurityPolicy?.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain('.execute-api.');
    expect(csp).toContain('.amazoncognito.com');
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
    });
  });

  it("has no user pool client with the implicit flow, or with a callback or OAuth flow but the dashboard's", () => {
    const clients = [synth.stateful, synth.stateless].flatMap((template) =>
      Object.values(template.findResources('AWS::Cognito::UserPoolClient')),
    );
    const dashboardUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] };

    const implicit = clients.filter((c) => JSON.stringify(c.Properties?.AllowedOAuthFlows ?? []).includes('implicit'));
    const oauth = clients.filter((c) => c.Properties?.AllowedOAuthFlowsUserPoolClient === true);
    const callbacks = clients.flatMap((c) => (c.Properties?.CallbackURLs ?? []) as unknown[]);

    expect(clients.length).toBeGreaterThanOrEqual(2);
    expect(implicit).toEqual([]);
    expect(oauth).toHaveLength(1);
    expect(callbacks).toEqual([dashboardUrl]);
  });

  it('signs in through the hosted UI: a public client with the code grant (PKCE), back to the dashboard only', () => {
    synth.stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue() });
    synth.stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] }],
    });
  });

  it('keeps a recruiter signed in for a working day: refresh only, 1-hour access tokens, a 12-hour refresh token, revocable', () => {
    synth.stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes', RefreshToken: 'minutes' }),
      EnableTokenRevocation: true,
    });
  });

  it('answers CORS for the dashboard origin only, and accepts its tokens', () => {
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }],
        AllowMethods: ['GET', 'POST', 'DELETE'],
      }),
    });
    const [authorizer] = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer?.Properties?.JwtConfiguration?.Audience).toHaveLength(2);
  });

  it('routes the recruiter views and erasure behind the authorizer', () => {
    for (const route of [
      'GET /me',
      'GET /candidates',
      'GET /candidates/{id}',
      'DELETE /candidates/{id}',
      'GET /stats',
    ]) {
      synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: route,
        AuthorizationType: 'JWT',
      });
    }
  });

  it('writes config.json at deploy with the API URL and the sign-in, and uploads the build', () => {
    const deployments = Object.values(synth.stateless.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(2);
    const entry = deployments.find((d) => d.Properties?.Prune === false);
    // config.json's values: the API's endpoint, the hosted sign-in's domain and region, the client, the URL.
    const markers = entry?.Properties?.SourceMarkers?.[1] as Record<string, unknown>;
    const values = Object.values(markers).map((v) => JSON.stringify(v));
    expect(values[0]).toContain('"ApiEndpoint"');
    expect(values[1]).toContain('HostedSignIn');
    expect(values[2]).toBe('{"Ref":"AWS::Region"}');
    expect(values[3]).toContain('DashboardClient');
    expect(values[4]).toBe(JSON.stringify({ 'Fn::GetAtt': [distributionId, 'DomainName'] }));
    synth.stateless.hasOutput('DashboardUrl', Match.anyValue());
  });

  it('lets the deployment role touch only the asset bucket and the dashboard bucket', () => {
    const statements = policyStatements(synth.stateless).filter(({ policy }) =>
      policy.startsWith('DashboardDeploymentRole'),
    );
    const resources = JSON.stringify(statements.map(({ statement }) => statement.Resource));
    expect(resources).toContain('cdk-hnb659fds-assets-');
    expect(resources).toContain('DashboardSite');
    expect(resources).not.toMatch(/"\*"/);
  });
});

describe('the dashboard on its own domain', () => {
  const synth = synthStage('prod', {
    dashboardDomain: JSON.stringify({ domainName: 'closeloop.acme.example', certificateArn: CERTIFICATE }),
  });

  it('serves the name with its certificate and TLS 1.2 at least, and CORS and sign-in follow it', () => {
    synth.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['closeloop.acme.example'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    });
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://closeloop.acme.example'] }),
    });
    synth.stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://closeloop.acme.example/'],
    });
  });

  it('needs no acknowledgement of the TLS finding then, and stays cdk-nag clean', () => {
    expect(synth.nagViolations()).toEqual([]);
  });

  it('refuses a certificate outside us-east-1', () => {
    expect(() =>
      synthStage('prod', {
        dashboardDomain: JSON.stringify({
          domainName: 'closeloop.acme.example',
          certificateArn: CERTIFICATE.replace('us-east-1', 'eu-west-1'),
        }),
      }),
    ).toThrow(/dashboardDomain.certificateArn: an ACM certificate ARN in us-east-1/);
  });
});

describe('the stats index', () => {
  const synth = synthStage('dev');

  it('may be read by the API function only', () => {
    const readers = policyStatements(synth.stateless)
      .filter(({ statement }) => JSON.stringify(statement.Resource).includes('/index/byPeriod'))
      .map(({ policy }) => policy.replace(/[0-9A-F]{8}$/, ''));
    expect(readers).toEqual(['HttpApiFunctionRoleDefaultPolicy']);
  });
});
