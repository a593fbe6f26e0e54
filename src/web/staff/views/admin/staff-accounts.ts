// /staff/admin/staff: the organisation's staff accounts; invite (the activation link is shown
// once, to hand over), change roles, disable (after confirmation), invite again.
import type { View } from '../../app-context.ts';
import { element, formMessage, pageHeading, problemDetail } from '../../ui.ts';
import { adminApi, type AdminApi, type Invitation, type StaffAccount } from './admin-api.ts';
import { adminTexts, backToAdmin, field, whileBusy } from './admin-ui.ts';
import { invitationPanel, rolesFieldset, showFieldsetError } from './staff-account-parts.ts';

export const staffAccountsView: View = async (ctx) => {
  const t = adminTexts(ctx);
  const api: AdminApi = adminApi(ctx);
  let accounts = await api.staff();

  const status = formMessage();
  const invitationSlot = element('div', {});
  const managePanel = element('div', {});
  const tableBody = element('tbody', {});
  const table = element(
    'table',
    { class: 'data staff-accounts' },
    element('caption', {}, t.staff.caption),
    element('thead', {}, element('tr', {}, ...[t.staff.columns.name, t.staff.columns.email, t.staff.columns.roles, t.staff.columns.status, t.staff.columns.actions].map((h) => element('th', { scope: 'col' }, h)))),
    tableBody,
  );

  function showInvitation(name: string, invitation: Invitation): void {
    const panel = invitationPanel(ctx, name, invitation, () => {
      status.success(t.staff.invited(name));
      (document.getElementById('invite-heading') ?? document.body).focus();
    });
    invitationSlot.replaceChildren(panel);
    panel.querySelector<HTMLElement>('h2')?.focus();
  }

  async function reload(): Promise<void> {
    accounts = await api.staff();
    drawTable();
  }

  function drawTable(): void {
    tableBody.replaceChildren(
      ...accounts.map((account) => {
        const manage = element('button', { type: 'button', class: 'small', 'aria-label': t.staff.edit(account.displayName) }, t.staff.editShort);
        manage.addEventListener('click', () => openManage(account));
        return element(
          'tr',
          { 'data-account': account.id },
          element('th', { scope: 'row' }, account.displayName),
          element('td', {}, account.email ?? t.staff.noEmail),
          element('td', {}, account.roles.map((role) => t.roles[role] ?? role).join(', ')),
          element('td', {}, element('span', { class: `badge status-${account.status}` }, t.staff.status[account.status] ?? account.status)),
          element('td', {}, manage),
        );
      }),
    );
  }

  function openManage(account: StaffAccount): void {
    const s = t.staff;
    const message = formMessage();
    const roles = rolesFieldset(ctx, 'manage-roles', account.roles);
    const saveRoles = element('button', { type: 'submit', class: 'primary' }, s.saveRoles);
    const rolesForm = element('form', { novalidate: '' }, roles.fieldset, element('div', { class: 'actions' }, saveRoles));
    rolesForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = roles.chosen();
      if (chosen.length === 0) return showFieldsetError(roles.fieldset, roles.error, s.missingRoles);
      showFieldsetError(roles.fieldset, roles.error, null);
      void whileBusy(saveRoles, t.saving, async () => {
        try {
          await api.setRoles(account.id, chosen);
          await reload();
          message.success(s.rolesSaved(account.displayName));
        } catch (error) {
          message.error(problemDetail(error, t.failed));
        }
      });
    });

    const confirmBox = element('div', { class: 'warning confirm', hidden: '', role: 'group', 'aria-labelledby': 'disable-question' });
    const disable = element('button', { type: 'button', class: 'danger' }, s.disable);
    const yes = element('button', { type: 'button', class: 'danger' }, s.disableYes);
    const no = element('button', { type: 'button' }, t.cancel);
    confirmBox.append(element('p', { id: 'disable-question' }, s.disableConfirm(account.displayName)), element('div', { class: 'actions' }, yes, no));
    disable.addEventListener('click', () => {
      confirmBox.hidden = false;
      yes.focus();
    });
    no.addEventListener('click', () => {
      confirmBox.hidden = true;
      disable.focus();
    });
    yes.addEventListener('click', () => {
      void whileBusy(yes, t.saving, async () => {
        try {
          const updated = await api.disable(account.id);
          await reload();
          openManage(updated);
          status.success(s.disabled(account.displayName));
          ctx.announce(s.disabled(account.displayName));
        } catch (error) {
          message.error(problemDetail(error, t.failed));
        }
      });
    });

    const reinvite = element('button', { type: 'button', 'aria-describedby': 'reinvite-hint' }, s.reinvite);
    reinvite.addEventListener('click', () => {
      void whileBusy(reinvite, t.saving, async () => {
        try {
          const invitation = await api.reinvite(account.id);
          await reload();
          closeManage();
          showInvitation(account.displayName, invitation);
        } catch (error) {
          message.error(problemDetail(error, t.failed));
        }
      });
    });

    const close = element('button', { type: 'button' }, s.close);
    close.addEventListener('click', () => {
      closeManage();
      tableBody.querySelector<HTMLButtonElement>(`tr[data-account="${account.id}"] button`)?.focus();
    });

    const heading = element('h2', { id: 'manage-heading', tabindex: '-1' }, s.accountHeading(account.displayName));
    managePanel.replaceChildren(
      element(
        'section',
        { class: 'manage-panel', 'aria-labelledby': 'manage-heading' },
        heading,
        element('p', {}, `${account.email ?? s.noEmail} — ${s.status[account.status] ?? account.status}`),
        message.element,
        rolesForm,
        account.status === 'active'
          ? element('p', { class: 'hint', id: 'reinvite-hint' }, s.reinviteActive)
          : element('div', {}, element('p', { class: 'hint', id: 'reinvite-hint' }, s.reinviteHint), element('div', { class: 'actions' }, reinvite)),
        account.status === 'disabled' ? null : element('div', { class: 'actions' }, disable),
        confirmBox,
        element('div', { class: 'actions' }, close),
      ),
    );
    heading.focus();
  }

  function closeManage(): void {
    managePanel.replaceChildren();
  }

  // The invitation form
  const s = t.staff;
  const email = field('invite-email', s.email, element('input', { type: 'email', autocomplete: 'off', spellcheck: 'false', maxlength: '254' }));
  const name = field('invite-name', s.displayName, element('input', { type: 'text', autocomplete: 'off', maxlength: '120' }), s.displayNameHint);
  const roles = rolesFieldset(ctx, 'invite-roles', []);
  const language = field(
    'invite-language',
    s.invitationLanguage,
    element('select', {}, element('option', { value: 'fr' }, s.languages.fr), element('option', { value: 'en' }, s.languages.en)),
  );
  language.control.value = ctx.language;
  const submit = element('button', { type: 'submit', class: 'primary' }, s.invite);
  const inviteMessage = formMessage();
  const form = element('form', { novalidate: '', class: 'invite-form' }, email.wrapper, name.wrapper, roles.fieldset, language.wrapper, element('div', { class: 'actions' }, submit), inviteMessage.element);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    inviteMessage.clear();
    const address = email.control.value.trim();
    const displayName = name.control.value.trim();
    const chosen = roles.chosen();
    let firstInvalid: HTMLElement | null = null;
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
      email.showError(s.missingEmail);
      firstInvalid ??= email.control;
    } else email.clearError();
    if (!displayName) {
      name.showError(s.missingName);
      firstInvalid ??= name.control;
    } else name.clearError();
    if (chosen.length === 0) {
      showFieldsetError(roles.fieldset, roles.error, s.missingRoles);
      firstInvalid ??= roles.fieldset.querySelector('input');
    } else showFieldsetError(roles.fieldset, roles.error, null);
    if (firstInvalid) {
      firstInvalid.focus();
      return;
    }
    void whileBusy(submit, t.saving, async () => {
      try {
        const invitation = await api.invite({ email: address, displayName, roles: chosen, language: language.control.value === 'en' ? 'en' : 'fr' });
        form.reset();
        language.control.value = ctx.language;
        await reload();
        showInvitation(displayName, invitation);
      } catch (error) {
        inviteMessage.error(problemDetail(error, t.failed));
      }
    });
  });

  drawTable();
  const content = element(
    'section',
    { class: 'admin-page' },
    backToAdmin(ctx),
    pageHeading(s.title),
    status.element,
    invitationSlot,
    element('div', { class: 'table-scroll' }, table),
    managePanel,
    element('section', { class: 'invite', 'aria-labelledby': 'invite-heading' }, element('h2', { id: 'invite-heading', tabindex: '-1' }, s.inviteHeading), element('p', {}, s.inviteIntro), form),
  );
  return {
    title: s.title,
    content,
    // The activation link is a credential: do not leave it in a detached tree.
    dispose: () => invitationSlot.replaceChildren(),
  };
};
