/** Types for sign-identity-token.mjs (the e2e test opens the ticket form with it). */
export function identityUrl(input: {
  base: string;
  secret: string;
  uid: string;
  claims?: Record<string, string>;
  page?: string;
  params?: Record<string, string>;
}): Promise<string>;
