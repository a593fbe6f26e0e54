// /o/:slug/mailbox: the token form, then (in the same document, so the mailbox key never has to
// be kept anywhere) the mailbox itself, filled in by the script after decryption; or, once the case
// was purged, its signed closure notice alone.
import type { Language } from '../../i18n/reporter-pages.ts';
import type { Organisation } from '../../services/organisations.ts';
import { html } from './html.ts';
import { languageLink, renderPage, texts, type PageAssets } from './layout.ts';

/** idleMinutes: the mailbox session's idle limit; the page wipes what it decrypted after as long. */
export function mailboxPage(organisation: Pick<Organisation, 'slug' | 'name'>, timeZone: string, language: Language, assets: PageAssets, idleMinutes: number): string {
  const t = texts(language);
  const l = t.mailboxLogin;
  const m = t.mailbox;
  const p = t.purged;
  const base = `/o/${encodeURIComponent(organisation.slug)}`;
  const content = html`
<div id="login-step">
<h1 id="login-title" tabindex="-1">${l.title}</h1>
<noscript><p class="notice">${t.common.noScript}</p></noscript>
<p class="notice" id="login-notice" role="status" hidden></p>
<form id="login-form" novalidate autocomplete="off" aria-labelledby="login-title">
<p>${l.intro}</p>
<div class="field" id="token-field">
<label for="token">${l.tokenLabel}</label>
<p class="hint" id="token-hint">${l.tokenHint}</p>
<p class="field-error" id="token-error" hidden></p>
<input type="text" id="token" class="token-input" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="token-hint" required>
</div>
<p class="actions"><button type="submit" class="primary" id="open-button" disabled>${l.open}</button></p>
<p id="login-status" role="status" aria-live="polite"></p>
</form>
<p><a href="${languageLink(`${base}/report`, language)}">${l.fileInstead}</a></p>
</div>
<div id="mailbox-step" hidden>
<h1 id="mailbox-title" tabindex="-1"></h1>
<section aria-labelledby="state-title">
<h2 id="state-title">${m.state}</h2>
<p id="state-explanation" class="state"></p>
<dl class="facts">
<dt>${m.receivedAt}</dt><dd id="mailbox-received-at"></dd>
<dt>${m.feedbackDueOn}</dt><dd id="mailbox-feedback-due"></dd>
</dl>
</section>
<section aria-labelledby="messages-title">
<h2 id="messages-title">${m.messages}</h2>
<p class="actions"><button type="button" id="refresh-button">${m.refresh}</button></p>
<p id="refresh-status" role="status" aria-live="polite"></p>
<ol class="messages" id="messages"></ol>
<form id="reply-form" novalidate autocomplete="off">
<div class="field" id="reply-field">
<label for="reply" id="reply-label">${m.reply}</label>
<p class="hint" id="reply-hint">${m.replyHint}</p>
<p class="field-error" id="reply-error" hidden></p>
<textarea id="reply" rows="5" aria-describedby="reply-hint"></textarea>
</div>
<p class="actions"><button type="submit" class="primary" id="reply-button">${m.send}</button></p>
<p id="reply-status" role="status" aria-live="polite"></p>
</form>
</section>
<div id="mailbox-documents"></div>
<section id="meeting" hidden aria-labelledby="meeting-title">
<h2 id="meeting-title">${m.meeting}</h2>
<p id="meeting-status" tabindex="-1"></p>
<p class="actions"><button type="button" id="meeting-button">${m.requestMeeting}</button></p>
</section>
<section aria-labelledby="timeline-title">
<h2 id="timeline-title">${m.timeline}</h2>
<ol class="timeline" id="timeline"></ol>
</section>
<section aria-labelledby="receipts-title">
<h2 id="receipts-title">${m.receipts}</h2>
<div id="receipts"></div>
</section>
<details class="own-report">
<summary>${m.yourReport}</summary>
<dl class="review" id="own-report"></dl>
</details>
<p class="actions"><button type="button" id="leave-button">${m.leave}</button></p>
</div>
<div id="purged-step" hidden>
<h1 id="purged-title" tabindex="-1">${p.title}</h1>
<p class="lead">${p.explanation}</p>
<section class="receipt" id="closure-notice"></section>
<p class="actions"><button type="button" id="purged-leave-button">${p.leave}</button></p>
</div>`;
  return renderPage({ language, title: `${l.title} · ${organisation.name}`, path: `${base}/mailbox`, organisationName: organisation.name, assets, data: { slug: organisation.slug, 'time-zone': timeZone, 'idle-minutes': String(idleMinutes) } }, content);
}
