// The service's front page: what Vigie is, in French then English. No script, no inline style.
import type { FastifyInstance } from 'fastify';
import { audience } from '../plugins/audience.ts';
import { escapeHtml } from '../web/pages/html.ts';
import type { WebAssets } from '../web/web-assets.ts';

const homePage = (stylesheet: string) => `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigie — dispositif d'alerte interne</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(stylesheet)}">
</head>
<body>
<main id="main">
<h1>Vigie</h1>
<p>Vigie est le dispositif d'alerte interne sécurisé de votre organisme public. Les signalements sont chiffrés dans votre navigateur&nbsp;: le serveur ne peut pas les lire, et aucune adresse IP n'est enregistrée.</p>
<p>Pour déposer une alerte, utilisez le lien fourni par votre organisme.</p>
<section lang="en" aria-labelledby="en-title">
<h2 id="en-title">In English</h2>
<p>Vigie is the secure internal whistleblowing channel of your public body. Reports are encrypted in your browser: the server cannot read them, and no IP address is recorded.</p>
<p>To file an alert, use the link your organisation gave you.</p>
</section>
</main>
</body>
</html>
`;

export function homePageRoutes(app: FastifyInstance, assets: WebAssets): void {
  const page = homePage(assets.url('styles'));
  app.get('/', { config: { audience: audience.public } }, (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
}
