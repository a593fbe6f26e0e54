// /staff/admin/recovery-key: the organisation's recovery key pair is made here, in the browser. The
// private half is shown once, for printing; only after the admin confirms it is printed and stored
// is the public half uploaded (so the server never names a recovery key nobody holds), and the
// private half is then wiped from the page. Leaving through a link before that is held back.
import { toBase64Url } from '../../../../crypto/encoding.ts';
import { generateRecoveryKeyPair, printableRecoveryKey } from '../../../../crypto/recovery-key.ts';
import { printPart } from '../../../browser/printing.ts';
import type { View } from '../../app-context.ts';
import { element, formatDate, formMessage, pageHeading, problemDetail } from '../../ui.ts';
import { adminApi } from './admin-api.ts';
import { adminTexts, backToAdmin, checkbox, whileBusy } from './admin-ui.ts';

export const recoveryKeyView: View = async (ctx) => {
  const t = adminTexts(ctx);
  const r = t.recovery;
  const api = adminApi(ctx);
  const settings = await api.settings();
  const organisation = ctx.session.self?.organisation.name ?? '';

  const state = element('div', {});
  const drawState = (publicKey: string | null) =>
    state.replaceChildren(
      publicKey
        ? element('div', { class: 'notice' }, element('p', {}, r.current), element('p', {}, `${r.fingerprint} `, element('code', { class: 'digest', id: 'recovery-public-key' }, publicKey)))
        : element('p', { class: 'warning' }, r.none),
    );
  drawState(settings.recoveryPublicKey);

  const message = formMessage();
  const generate = element('button', { type: 'button', class: 'primary' }, r.generate);
  const slot = element('div', {});
  let pending: { privateKey: Uint8Array; publicKey: Uint8Array } | null = null;

  const wipe = () => {
    pending?.privateKey.fill(0);
    pending = null;
    slot.replaceChildren();
    // The print copy too, should the browser not have said "afterprint".
    document.getElementById('print-area')?.remove();
    delete document.body.dataset['printing'];
    generate.hidden = false;
  };

  // While a key is shown and not in place, links out of the page are held back.
  const guard = (event: MouseEvent) => {
    if (!pending || event.defaultPrevented) return;
    const link = (event.target as Element | null)?.closest('a');
    if (!link || slot.contains(link)) return;
    event.preventDefault();
    message.error(r.leaveWarning);
    slot.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
  };
  document.addEventListener('click', guard, true);
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (pending) event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);

  function showKey(pair: { privateKey: Uint8Array; publicKey: Uint8Array }): void {
    pending = pair;
    const now = formatDate(new Date().toISOString(), ctx.language, true);
    const groups = printableRecoveryKey(pair.privateKey);
    const printable = element(
      'div',
      { class: 'recovery-print', id: 'recovery-print' },
      element('h3', {}, r.printTitle(organisation, now)),
      element('p', {}, r.printPurpose),
      element('p', { class: 'recovery-groups', id: 'recovery-private-key', 'aria-label': r.shownHeading }, ...groups.map((group) => element('span', { class: 'recovery-group' }, group))),
      element('p', { class: 'hint' }, r.printHint),
      element('p', { class: 'digest' }, toBase64Url(pair.publicKey)),
    );
    const print = element('button', { type: 'button' }, r.print);
    print.addEventListener('click', () => printPart(printable));
    const stored = checkbox('recovery-stored', r.stored, false);
    const finish = element('button', { type: 'button', class: 'primary', 'aria-describedby': 'recovery-finish-hint' }, r.finish);
    const discard = element('button', { type: 'button' }, r.discard);
    const heading = element('h2', { id: 'recovery-shown-heading', tabindex: '-1' }, r.shownHeading);
    finish.addEventListener('click', () => {
      if (!stored.input.checked) {
        message.error(r.mustConfirm);
        stored.input.focus();
        return;
      }
      void whileBusy(finish, t.saving, async () => {
        try {
          await api.setRecoveryKey(toBase64Url(pair.publicKey));
          drawState(toBase64Url(pair.publicKey));
          wipe();
          message.success(r.finished);
          generate.focus();
        } catch (error) {
          message.error(problemDetail(error, t.failed));
        }
      });
    });
    discard.addEventListener('click', () => {
      wipe();
      message.success(r.discarded);
      generate.focus();
    });
    slot.replaceChildren(
      element(
        'section',
        { class: 'recovery-shown', 'aria-labelledby': 'recovery-shown-heading' },
        heading,
        element('p', { class: 'warning', role: 'note' }, r.warning),
        printable,
        element('div', { class: 'actions' }, print),
        stored.wrapper,
        element('p', { class: 'hint', id: 'recovery-finish-hint' }, r.finishHint),
        element('div', { class: 'actions' }, finish, discard),
      ),
    );
    generate.hidden = true;
    heading.focus();
  }

  generate.addEventListener('click', () => {
    message.clear();
    void whileBusy(generate, r.generating, async () => showKey(await generateRecoveryKeyPair()));
  });

  const content = element(
    'section',
    { class: 'admin-page' },
    backToAdmin(ctx),
    pageHeading(r.title),
    element('p', { class: 'lead' }, r.purpose),
    element('p', {}, r.howItWorks),
    state,
    message.element,
    element('div', { class: 'actions' }, generate),
    slot,
  );
  return {
    title: r.title,
    content,
    dispose: () => {
      document.removeEventListener('click', guard, true);
      window.removeEventListener('beforeunload', beforeUnload);
      wipe();
    },
  };
};
