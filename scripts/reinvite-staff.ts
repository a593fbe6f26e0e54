// npm run staff:reinvite -- --org ville-exemple --email admin@ville-exemple.fr
// Operator's way back in when no admin can log in (lost data.key, last admin locked out):
// wipes that account's keys and factors and prints a new one-time invitation.
import { parseArgs } from 'node:util';
import { findOrganisationBySlug } from '../src/services/organisations.ts';
import { reissueInvitationAsOperator } from '../src/services/staff-admin.ts';
import { runCli } from './cli-context.ts';

const { values } = parseArgs({ options: { org: { type: 'string' }, email: { type: 'string' } } });
if (!values.org || !values.email) {
  console.error('Usage: npm run staff:reinvite -- --org ville-exemple --email admin@ville-exemple.fr');
  process.exit(2);
}

await runCli(async ({ services }) => {
  const organisation = await findOrganisationBySlug(services, values.org!);
  const invitation = await reissueInvitationAsOperator(services, organisation.id, values.email!);
  console.log(`New invitation for ${values.email} in ${organisation.name} (the account's old passphrase, keys and authenticator no longer work):`);
  console.log(`  link:    ${invitation.activationUrl}`);
  console.log(`  code:    ${invitation.code}`);
  console.log(`  expires: ${invitation.expiresAt.toISOString()}`);
});
