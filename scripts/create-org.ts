// npm run org:create -- --slug ville-exemple --name "Ville d'Exemple" [--admin-email a@b.fr] [--admin-name "Nom"]
// Creates an organisation and prints its first admin's one-time invitation.
import { parseArgs } from 'node:util';
import { createOrganisation } from '../src/services/organisations.ts';
import { runCli } from './cli-context.ts';

const USAGE = 'Usage: npm run org:create -- --slug ville-exemple --name "Ville d\'Exemple" [--admin-email admin@example.fr] [--admin-name "Prénom Nom"]';

function parsedArguments() {
  try {
    return parseArgs({
      options: {
        slug: { type: 'string' },
        name: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    // An unknown option or a missing value: say which, then how to call it (no stack trace).
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const values = parsedArguments();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.slug || !values.name) {
  console.error(USAGE);
  process.exit(2);
}

await runCli(async ({ services }) => {
  const { organisation, adminInvitation } = await createOrganisation(services, {
    slug: values.slug!,
    name: values.name!,
    adminEmail: values['admin-email'] ?? null,
    adminName: values['admin-name'] ?? 'Administrateur',
  });
  console.log(`Organisation created: ${organisation.name} (${organisation.slug}, id ${organisation.id})`);
  console.log('');
  console.log('First admin invitation (one-time, give it to that person only):');
  console.log(`  link:    ${adminInvitation.activationUrl}`);
  console.log(`  code:    ${adminInvitation.code}`);
  console.log(`  expires: ${adminInvitation.expiresAt.toISOString()}`);
});
