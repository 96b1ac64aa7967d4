/**
 * The inbox of a signed-in recruiter, from the directory that signs them in: what `recruiter=me` means when the
 * token itself does not say (a Cognito access token carries only a `username`, generated when email is an alias).
 */
export interface CallerEmails {
  /**
   * The lowercased address of the user signed in as `username`, or undefined when the directory has no such user
   * or the user has no address. Throws `UpstreamUnavailableError` when the directory cannot be asked.
   */
  emailOf(username: string): Promise<string | undefined>;
}
