// An OpenID provider for the tests: panva's oidc-provider, certified by the OpenID Foundation, with the accounts and
// clients the test gives it in a JSON file (argv[2]). Each start makes a new signing key, so a restart is a key rotation.
// Its sign-in page takes any password for an account the file lists; an unknown or disabled account is refused with
// access_denied, sent back to the client as a real provider's refusal is.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: `key-${Date.now()}` };

const provider = new Provider(settings.issuer, {
  clients: settings.clients,
  jwks: { keys: [signingKey] },
  cookies: { keys: [settings.cookieKey ?? 'test-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (ctx, id) => {
    const account = settings.accounts[id];
    if (!account || account.disabled) return undefined;
    return { accountId: id, claims: () => ({ sub: account.sub, email: account.email, email_verified: account.email_verified, name: account.name }) };
  },
  // The portal is a first-party client: its users are not asked to consent, as a company's own directory does not ask.
  loadExistingGrant: async (ctx) => {
    const grant = new provider.Grant({ accountId: ctx.oidc.session.accountId, clientId: ctx.oidc.client.clientId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

const page = (uid) => `<!doctype html><html lang="en"><head><title>Test provider sign-in</title></head><body>
<form method="post" action="/interaction/${uid}/login">
<label>Login <input required type="text" name="login" autofocus></label>
<label>Password <input required type="password" name="password"></label>
<button type="submit">Sign in</button></form></body></html>`;

const formOf = async (req) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
};

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!match) return next();
  const { uid } = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === 'GET' && !match[2]) {
    ctx.type = 'html';
    ctx.body = page(uid);
    return undefined;
  }
  const login = (await formOf(ctx.req)).get('login');
  const account = settings.accounts[login];
  const result = !account || account.disabled
    ? { error: 'access_denied', error_description: 'This account may not sign in.' }
    : { login: { accountId: login } };
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
  return undefined;
});

provider.proxy = false;
provider.listen(settings.port, '127.0.0.1', () => console.log(`listening on ${settings.issuer}`));
