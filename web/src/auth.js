// Signing in: the shop's identity provider issues the bearer tokens the API checks. The page
// asks the API where its token endpoint is (GET /identity) and keeps a token in memory only
// (never in storage a script on the page could read later).
import { ApiError, request } from './api.js';

let endpoint = null;

async function tokenEndpoint() {
  if (!endpoint) {
    const identity = await request('/identity');
    if (!identity || !identity.tokenEndpoint) {
      throw new ApiError('no-sign-in', 'This shop does not sign shoppers in from this page', 0);
    }
    endpoint = identity.tokenEndpoint;
  }
  return endpoint;
}

async function token(form) {
  let response;
  try {
    response = await fetch(await tokenEndpoint(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  } catch (error) {
    if (error instanceof ApiError) {
      throw error;
    }
    throw new ApiError('network', 'The sign-in service could not be reached', 0);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok || !data || typeof data.access_token !== 'string') {
    throw new ApiError('sign-in-refused', (data && data.error_description) || 'Sign-in was refused', response.status);
  }
  return data.access_token;
}

/** A shopper's token (the local issuer signs any shopper name in). */
export const signIn = (name) => token({ grant_type: 'password', username: name });

/** An admin token for whoever knows the admin client's secret. */
export const adminSignIn = (secret) =>
  token({ grant_type: 'client_credentials', client_id: 'velocity-admin', client_secret: secret });
