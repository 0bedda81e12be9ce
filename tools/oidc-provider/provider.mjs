// An OpenID provider for the tests: panva's oidc-provider, certified by the OpenID Foundation, with the accounts and
// clients the test gives it in a JSON file (argv[2]). Each start makes a new signing key, so a restart is a key rotation.
// Its development sign-in page takes any password; an account the file does not list (or marks disabled) is refused.
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
provider.proxy = false;
provider.listen(settings.port, '127.0.0.1', () => console.log(`listening on ${settings.issuer}`));
