import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { UpstreamUnavailableError } from '#core/domain/errors.ts';
import type { CallerEmails } from '#core/ports/caller-emails.ts';

const Address = z.email().max(254);

/**
 * A recruiter's address from the Cognito user pool (`AdminGetUser`, the one action the API's role may take on the
 * pool). A user without an address, or with something that is not one, has none; any failure to ask (throttled,
 * unreachable, denied) is `UpstreamUnavailableError`, so a caller is never given someone else's inbox or none by
 * mistake.
 */
export class CognitoCallerEmails implements CallerEmails {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async emailOf(username: string): Promise<string | undefined> {
    try {
      const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      const email = user.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value;
      const parsed = Address.safeParse(email?.trim());
      return parsed.success ? parsed.data.toLowerCase() : undefined;
    } catch (e: unknown) {
      // Deleted (or renamed) since the token was issued: a valid token for nobody the pool knows.
      if (e instanceof UserNotFoundException) return undefined;
      throw new UpstreamUnavailableError('The sign-in directory cannot be asked for your address now; try again', {
        cause: e,
      });
    }
  }
}
