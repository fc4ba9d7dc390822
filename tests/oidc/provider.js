// A real OpenID Connect provider (node's oidc-provider) on loopback, for tests/accounts/test_oidc.py.
//
// It signs its tokens with its own RSA key, made at start. The person who signs in, their
// claims and the authentication methods (amr/acr) are set by the test through POST
// /admin/account; GET /admin/logins counts the log-ins the provider asked for (none while its
// session lasts); POST /admin/mode makes it misbehave the way a broken or hostile one would:
//   wrong-audience  the ID token is issued for another client (re-signed with the provider's key)
//   expired         the ID token expired an hour ago (re-signed with the provider's key)
//   bad-signature   the ID token is signed with a key the provider does not publish (same kid)
// Usage: node provider.js <port> <client_id> <client_secret> <redirect_uri> <post_logout_uri>
// It prints one JSON line with its issuer once it listens.

import { generateKeyPairSync, sign } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri, postLogoutUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const KID = 'ontmoeting-test-key';

function rsaKey() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

const signingKey = rsaKey();
const unpublishedKey = rsaKey();
const state = {
  mode: 'normal',
  logins: 0, // people who had to log in at the provider (no session there yet)
  current: 'medewerker-1',
  accounts: { 'medewerker-1': { claims: {}, amr: ['pwd'], acr: undefined } },
};

function b64(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function resign(jwt, change, key) {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64(change(payload))}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

const TAMPER = {
  'wrong-audience': (jwt) => resign(jwt, (p) => ({ ...p, aud: 'een-andere-toepassing' }), signingKey),
  expired: (jwt) => resign(jwt, (p) => ({ ...p, iat: p.iat - 7200, exp: p.iat - 3600 }), signingKey),
  'bad-signature': (jwt) => resign(jwt, (p) => p, unpublishedKey),
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [{ ...signingKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] },
  cookies: { keys: ['ontmoeting-test-cookie-key'] },
  claims: {
    // As Entra ID and Keycloak do: how the person signed in (amr, acr) is always said.
    openid: ['sub', 'acr', 'amr', 'auth_time', 'sid'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    roles: ['roles', 'groups'],
  },
  // As Entra ID does: the claims of the requested scopes are in the ID token too.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = state.accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
});

async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || '{}');
}

// The test's controls, the sign-in (the person is already known: no form), and the tampering.
provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path === '/admin/account') {
    const { sub, claims = {}, amr = ['pwd'], acr } = await readJson(ctx.req);
    state.accounts[sub] = { claims, amr, acr };
    state.current = sub;
    ctx.body = { ok: true };
    return;
  }
  if (ctx.method === 'POST' && ctx.path === '/admin/mode') {
    state.mode = (await readJson(ctx.req)).mode;
    ctx.body = { ok: true };
    return;
  }
  if (ctx.method === 'GET' && ctx.path === '/admin/logins') {
    ctx.body = { logins: state.logins };
    return;
  }
  if (ctx.path.startsWith('/interaction/')) {
    state.logins += 1;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const account = state.accounts[state.current];
    const grant = new provider.Grant({ accountId: state.current, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const login = { accountId: state.current, amr: account.amr, acr: account.acr };
    const result = { login, consent: { grantId: await grant.save() } };
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result));
    return;
  }
  await next();
  const tamper = TAMPER[state.mode];
  if (ctx.path === '/token' && tamper && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: tamper(ctx.body.id_token) };
  }
});

provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
