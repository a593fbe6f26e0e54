// /o/:slug: what the channel is for, who reads an alert, what happens next and when, anonymity,
// rights, privacy. No script: the page works and reads the same without JavaScript.
import type { Language } from '../../i18n/reporter-pages.ts';
import type { IntakeDescription } from '../../services/intake-description.ts';
import { html } from './html.ts';
import { languageLink, renderPage, texts, type PageAssets } from './layout.ts';
import { recipientList } from './recipient-list.ts';

export function landingPage(intake: IntakeDescription, language: Language, assets: PageAssets): string {
  const t = texts(language);
  const l = t.landing;
  const slug = intake.organisation.slug;
  const base = `/o/${encodeURIComponent(slug)}`;
  const canFile = intake.recipients.some((r) => r.roles.includes('referent'));
  const content = html`
<h1>${l.title(intake.organisation.name)}</h1>
<p class="lead">${l.intro}</p>
${
  canFile
    ? html`<p class="actions"><a class="button primary" href="${languageLink(`${base}/report`, language)}">${l.fileAlert}</a>
<a class="button" href="${languageLink(`${base}/mailbox`, language)}">${l.openMailbox}</a></p>`
    : html`<p class="notice">${l.noRecipients}</p>`
}
<section aria-labelledby="who-can-report">
<h2 id="who-can-report">${l.whoCanReport}</h2>
<p>${intake.settings.texts.whoCanReport[language]}</p>
</section>
<section aria-labelledby="who-reads">
<h2 id="who-reads">${l.whoReads}</h2>
<p>${l.whoReadsIntro}</p>
${recipientList(intake.recipients, language)}
<p>${l.committeeNote}</p>
</section>
<section aria-labelledby="what-next">
<h2 id="what-next">${l.whatNext}</h2>
<ol class="steps">
<li>${intake.settings.autoAcknowledge ? l.stepAcknowledged : l.stepAcknowledgedLater(intake.settings.deadlines.ackWorkingDays)}</li>
<li>${l.stepAdmissibility(intake.settings.admissibilityReviewDays)}</li>
<li>${l.stepFeedback(intake.settings.deadlines.feedbackMonths)}</li>
</ol>
<p>${intake.settings.texts.whatHappensNext[language]}</p>
</section>
<section aria-labelledby="anonymity">
<h2 id="anonymity">${l.anonymousOrConfidential}</h2>
<ul>
<li>${l.anonymous}</li>
<li>${l.confidential}</li>
</ul>
</section>
<section aria-labelledby="rights">
<h2 id="rights">${l.rights}</h2>
<p>${intake.settings.texts.rights[language]}</p>
</section>
<section aria-labelledby="privacy">
<h2 id="privacy">${l.privacy}</h2>
<p>${l.privacyText}</p>
</section>`;
  return renderPage({ language, title: l.title(intake.organisation.name), path: base, organisationName: intake.organisation.name, assets }, content);
}
