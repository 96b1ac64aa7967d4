import { readdirSync, readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gatewayRequestKeys } from '#handlers/make-http-api-handler.ts';
import { withLambdaContext } from '#handlers/with-lambda-context.ts';

const context = (awsRequestId: string): Context => ({
  awsRequestId,
  functionName: 'Closeloop-prod-Stateless-SendFunction',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:Closeloop-prod-Stateless-SendFunction',
  memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/send',
  logStreamName: '2026/12/05/[$LATEST]abc',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Powertools' Logger as the functions build it, its JSON lines read back from stdout. */
function logged() {
  const lines: Record<string, unknown>[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line));
    return true;
  });
  return { logger: new Logger({ serviceName: 'send' }), lines };
}

afterEach(() => vi.restoreAllMocks());

describe('every log line of an invocation carries the Lambda context', () => {
  it('names the request, the function and whether the start was cold, and drops per-request keys afterwards', async () => {
    const { logger, lines } = logged();
    const handler = withLambdaContext(
      logger,
      async (event: { requestId?: string }) => {
        logger.info('working', { noticeId: 'n_abc' });
        return event;
      },
      (event): Record<string, string> => (event.requestId === undefined ? {} : { requestId: event.requestId }),
    );

    await handler({ requestId: 'gw-1' }, context('lambda-1'));
    await handler({}, context('lambda-2'));

    expect(
      lines.map(({ message, function_request_id, cold_start, function_name, requestId, noticeId }) => ({
        message,
        function_request_id,
        cold_start,
        function_name,
        requestId,
        noticeId,
      })),
    ).toEqual([
      {
        message: 'working',
        function_request_id: 'lambda-1',
        // Powertools keeps the cold start per process (another test may have taken it): present, a boolean.
        cold_start: expect.any(Boolean),
        function_name: 'Closeloop-prod-Stateless-SendFunction',
        requestId: 'gw-1',
        noticeId: 'n_abc',
      },
      {
        message: 'working',
        function_request_id: 'lambda-2',
        cold_start: false,
        function_name: 'Closeloop-prod-Stateless-SendFunction',
        requestId: undefined,
        noticeId: 'n_abc',
      },
    ]);
  });

  it("reads API Gateway's request id and route from an HTTP API event", () => {
    expect(
      gatewayRequestKeys({ requestContext: { requestId: 'Xy3f1jQ2oAMEb7g=', routeKey: 'POST /decisions' } }),
    ).toEqual({
      requestId: 'Xy3f1jQ2oAMEb7g=',
      route: 'POST /decisions',
    });
    expect(gatewayRequestKeys({ Records: [] })).toEqual({});
  });

  it('wraps every Lambda entry in functions/handlers', () => {
    const dir = new URL('../../../functions/handlers/', import.meta.url);
    const entries = readdirSync(dir).filter((f) => !/^(make-|aws-|with-)/.test(f));
    expect(entries.sort()).toEqual(['http-api.ts', 'reply.ts', 'send.ts', 'sweep.ts', 'track.ts']);
    for (const entry of entries) {
      expect(readFileSync(new URL(entry, dir), 'utf8'), entry).toMatch(
        /export const handler = withLambdaContext\(\s*runtime\.logger,/,
      );
    }
  });
});
