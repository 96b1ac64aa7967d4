import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  TooManyRequestsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CachingCallerEmails } from '#adapters/cognito/caching-caller-emails.ts';
import { CognitoCallerEmails } from '#adapters/cognito/cognito-caller-emails.ts';
import { UpstreamUnavailableError } from '#core/domain/errors.ts';
import type { CallerEmails } from '#core/ports/caller-emails.ts';
import { fixedClock } from '#core/ports/clock.ts';

// Cognito has no local emulator: aws-sdk-client-mock stands in for the service, the SDK client is real.
const cognito = mockClient(CognitoIdentityProviderClient);
afterEach(() => cognito.reset());

const POOL = 'eu-west-1_AbCdEf123';
const directory = () => new CognitoCallerEmails(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), POOL);
const attributes = (pairs: Record<string, string>) => ({
  Username: '3f1c9a7e-0000-4000-8000-000000000001',
  UserAttributes: Object.entries(pairs).map(([Name, Value]) => ({ Name, Value })),
});

describe('CognitoCallerEmails', () => {
  it("answers the user's address, lowercased, asking the pool for that user by name", async () => {
    cognito.on(AdminGetUserCommand).resolves(attributes({ sub: 'sub-1', email: 'Jane@Acme.example' }));

    expect(await directory().emailOf('3f1c9a7e-user')).toBe('jane@acme.example');
    expect(cognito.commandCalls(AdminGetUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: '3f1c9a7e-user',
    });
  });

  it('answers no address for a user without one, with one that is not an address, or no longer in the pool', async () => {
    cognito.on(AdminGetUserCommand).resolves(attributes({ sub: 'sub-1' }));
    expect(await directory().emailOf('no-address')).toBeUndefined();

    cognito.on(AdminGetUserCommand).resolves(attributes({ sub: 'sub-1', email: 'not an address' }));
    expect(await directory().emailOf('bad-address')).toBeUndefined();

    cognito
      .on(AdminGetUserCommand)
      .rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
    expect(await directory().emailOf('deleted')).toBeUndefined();
  });

  it('fails closed when Cognito throttles or cannot be reached', async () => {
    cognito
      .on(AdminGetUserCommand)
      .rejects(new TooManyRequestsException({ message: 'Too many requests', $metadata: {} }));
    await expect(directory().emailOf('someone')).rejects.toBeInstanceOf(UpstreamUnavailableError);

    cognito.on(AdminGetUserCommand).rejects(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }));
    await expect(directory().emailOf('someone')).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });
});

describe('CachingCallerEmails', () => {
  /** A directory that counts its lookups and answers from `book` (a name missing from it has no address). */
  const counting = (book: Map<string, string>) => {
    const asked: string[] = [];
    let failing = false;
    const inner: CallerEmails = {
      emailOf: async (username) => {
        asked.push(username);
        if (failing) throw new UpstreamUnavailableError('down');
        return book.get(username);
      },
    };
    return { inner, asked, fail: (on: boolean) => (failing = on) };
  };

  it('asks once per user within the time to live, again after it, and remembers an absent address too', async () => {
    const book = new Map([['jane', 'jane@acme.example']]);
    const { inner, asked } = counting(book);
    const clock = fixedClock('2026-12-05T10:00:00Z');
    const cache = new CachingCallerEmails(inner, clock, 60_000);

    expect(await cache.emailOf('jane')).toBe('jane@acme.example');
    expect(await cache.emailOf('nobody')).toBeUndefined();
    book.set('jane', 'jane.roe@acme.example');
    clock.advance(59_999);
    expect(await cache.emailOf('jane')).toBe('jane@acme.example');
    expect(await cache.emailOf('nobody')).toBeUndefined();
    expect(asked).toEqual(['jane', 'nobody']);

    clock.advance(1);
    expect(await cache.emailOf('jane')).toBe('jane.roe@acme.example');
    expect(asked).toEqual(['jane', 'nobody', 'jane']);
  });

  it('does not remember a failure: the next request asks again', async () => {
    const { inner, asked, fail } = counting(new Map([['jane', 'jane@acme.example']]));
    const cache = new CachingCallerEmails(inner, fixedClock('2026-12-05T10:00:00Z'), 60_000);

    fail(true);
    await expect(cache.emailOf('jane')).rejects.toBeInstanceOf(UpstreamUnavailableError);
    fail(false);
    expect(await cache.emailOf('jane')).toBe('jane@acme.example');
    expect(asked).toEqual(['jane', 'jane']);
  });
});
