// /o/:slug/report: the filing form, its review step and its confirmation. The form has no action
// and its send button stays disabled until the script is ready: without the script nothing can be
// submitted, so nothing can ever leave the browser in clear. Text fields carry no name attribute.
import { DOCUMENT_TEXTS } from '../../i18n/documents.ts';
import type { Language } from '../../i18n/reporter-pages.ts';
import { TIME_ZONES } from '../../domain/calendar.ts';
import type { IntakeDescription } from '../../services/intake-description.ts';
import { choiceGroup, textAreaField, textInputField } from './form-fields.ts';
import { html } from './html.ts';
import { renderPage, texts, type PageAssets } from './layout.ts';
import { rolesOf } from './recipient-list.ts';

export function reportPage(intake: IntakeDescription, language: Language, assets: PageAssets): string {
  const t = texts(language);
  const f = t.form;
  const c = t.confirmation;
  const d = DOCUMENT_TEXTS[language];
  const required = f.required;
  const slug = intake.organisation.slug;
  const content = html`
<div id="form-step">
<h1 id="form-title" tabindex="-1">${f.title}</h1>
<p>${f.intro}</p>
<noscript><p class="notice">${t.common.noScript}</p></noscript>
<div class="error-summary" id="error-summary" tabindex="-1" hidden aria-labelledby="error-summary-title">
<h2 id="error-summary-title"></h2>
<ul id="error-summary-list"></ul>
</div>
<form id="report-form" novalidate autocomplete="off" aria-labelledby="form-title">
${choiceGroup('category', 'radio', { label: f.category, requiredMark: required }, intake.categories.map((category) => ({ value: category.code, label: category.label[language] })))}
${textAreaField('whatHappened', { label: f.whatHappened, hint: f.whatHappenedHint, requiredMark: required }, 10)}
${textAreaField('whenAndWhere', { label: f.whenAndWhere, hint: f.whenAndWhereHint }, 3)}
${textAreaField('whoIsInvolved', { label: f.whoIsInvolved, hint: f.whoIsInvolvedHint }, 3)}
${textAreaField('howYouKnow', { label: f.howYouKnow, hint: f.howYouKnowHint }, 3)}
${textAreaField('othersAware', { label: f.othersAware, hint: f.othersAwareHint }, 3)}
${choiceGroup('identityMode', 'radio', { label: f.identity, requiredMark: required }, [
  { value: 'anonymous', label: f.identityAnonymous, hint: f.identityAnonymousHint },
  { value: 'confidential', label: f.identityConfidential, hint: f.identityConfidentialHint },
])}
<div class="identity-details" id="identity-details" hidden>
${textInputField('name', { label: f.name, requiredMark: required })}
${textInputField('contact', { label: f.contact, hint: f.contactHint, requiredMark: required })}
</div>
${choiceGroup(
  'excluded',
  'checkbox',
  { label: f.exclusion, hint: f.exclusionHint },
  intake.recipients.map((recipient) => ({ value: recipient.id, label: `${recipient.displayName}, ${rolesOf(recipient, language)}` })),
)}
<div id="report-documents"></div>
<p class="actions"><button type="submit" class="primary" id="review-button" disabled>${f.review}</button></p>
<p class="notice" id="not-ready" role="status" hidden>${f.notReady}</p>
</form>
</div>
<section id="review-step" hidden aria-labelledby="review-title">
<h1 id="review-title" tabindex="-1">${f.reviewTitle}</h1>
<p>${f.reviewIntro}</p>
<dl class="review" id="review-list"></dl>
<p class="actions"><button type="button" id="edit-button">${f.edit}</button> <button type="button" class="primary" id="send-button">${f.send}</button></p>
<div class="sending" id="sending" hidden>
<p id="send-status" role="status" aria-live="polite"></p>
<progress id="send-progress" max="1" aria-labelledby="send-status"></progress>
</div>
<p class="error" id="send-error" role="alert" hidden></p>
</section>
<section id="confirmation-step" hidden aria-labelledby="confirmation-title">
<h1 id="confirmation-title" tabindex="-1">${c.title}</h1>
<dl class="facts">
<dt>${c.reference}</dt><dd id="case-reference" class="reference"></dd>
<dt>${c.receivedAt}</dt><dd id="received-at"></dd>
</dl>
<section class="token-box" id="token-box" aria-labelledby="token-title">
<h2 id="token-title">${c.tokenTitle}</h2>
<p class="warning" id="token-warning"><strong>${c.tokenWarning}</strong></p>
<p class="token" id="mailbox-token" role="group" aria-label="${c.tokenLabel}"></p>
<p class="actions no-print"><button type="button" id="copy-token">${c.copy}</button> <button type="button" id="print-token">${c.print}</button></p>
<p id="copy-status" role="status" class="no-print"></p>
<div class="field no-print" id="token-saved-field">
<p class="field-error" id="token-saved-error" hidden>${c.savedRequired}</p>
<div class="choice"><input type="checkbox" id="token-saved"><label for="token-saved">${c.saved}</label></div>
</div>
<p class="no-print"><a class="button primary" id="finish" href="/o/${encodeURIComponent(slug)}/mailbox${language === 'en' ? '?lang=en' : ''}">${c.done}</a></p>
</section>
<section id="filed-documents" hidden aria-labelledby="filed-documents-title">
<h2 id="filed-documents-title">${d.filedWith}</h2>
<p id="filed-documents-status" role="status" aria-live="polite"></p>
<ul class="chosen-documents" id="filed-documents-list"></ul>
</section>
<p>${c.next}</p>
<section class="receipt" id="receipt"></section>
</section>`;
  return renderPage(
    {
      language,
      title: `${f.title} · ${intake.organisation.name}`,
      path: `/o/${encodeURIComponent(slug)}/report`,
      organisationName: intake.organisation.name,
      assets,
      data: { slug, 'time-zone': TIME_ZONES[intake.settings.calendarRegion] },
    },
    content,
  );
}
