// /staff/admin/organisation: what reporters read (three texts, French and English, each back to
// Vigie's default on demand) and the categories they choose from (add, rename, reorder, archive).
import type { StaffAppContext, View } from '../../app-context.ts';
import { element, formMessage, pageHeading, problemDetail } from '../../ui.ts';
import { adminApi, TEXT_KEYS, type AdminApi, type Category, type IntakeSettings, type TextKey } from './admin-api.ts';
import { adminTexts, backToAdmin, field, whileBusy } from './admin-ui.ts';

const CODE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function textEditor(ctx: StaffAppContext, api: AdminApi, key: TextKey, getSettings: () => IntakeSettings, setSettings: (next: IntakeSettings) => void): HTMLElement {
  const t = adminTexts(ctx);
  const o = t.organisation;
  const name = o.texts[key] ?? key;
  const fr = field(`text-${key}-fr`, o.french, element('textarea', { rows: '6', lang: 'fr', maxlength: '4000' }));
  const en = field(`text-${key}-en`, o.english, element('textarea', { rows: '6', lang: 'en', maxlength: '4000' }));
  const state = element('p', { class: 'hint', id: `text-${key}-state` });
  const message = formMessage();
  const save = element('button', { type: 'submit', class: 'primary' }, o.saveText);
  const reset = element('button', { type: 'button' }, o.resetText);
  const fill = () => {
    const settings = getSettings();
    fr.control.value = settings.texts[key].fr;
    en.control.value = settings.texts[key].en;
    const custom = settings.customTexts.includes(key);
    state.textContent = custom ? o.custom : o.builtIn;
    reset.hidden = !custom;
  };
  fill();
  const send = async (value: { fr: string; en: string } | null, done: string) => {
    try {
      setSettings(await api.updateSettings({ texts: { [key]: value } }));
      fill();
      message.success(done);
    } catch (error) {
      message.error(problemDetail(error, t.failed));
    }
  };
  const form = element('form', { novalidate: '', class: 'text-editor', 'aria-labelledby': `text-${key}-heading` }, element('h3', { id: `text-${key}-heading` }, name), state, fr.wrapper, en.wrapper, element('div', { class: 'actions' }, save, reset), message.element);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = { fr: fr.control.value.trim(), en: en.control.value.trim() };
    fr.clearError();
    en.clearError();
    if (!value.fr || !value.en) {
      for (const [entry, text] of [[fr, value.fr], [en, value.en]] as const) if (!text) entry.showError(o.emptyText);
      (value.fr ? en : fr).control.focus();
      return;
    }
    void whileBusy(save, t.saving, () => send(value, o.textSaved(name)));
  });
  reset.addEventListener('click', () => void whileBusy(reset, t.saving, () => send(null, o.textReset(name))));
  return form;
}

export const organisationView: View = async (ctx) => {
  const t = adminTexts(ctx);
  const o = t.organisation;
  const api = adminApi(ctx);
  let settings = await api.settings();
  let categories: Category[] = settings.categories;
  const label = (category: Category) => category.label[ctx.language];

  const status = formMessage();
  const renameSlot = element('div', {});
  const body = element('tbody', {});
  const table = element(
    'table',
    { class: 'data categories' },
    element('caption', {}, o.categoriesCaption),
    element('thead', {}, element('tr', {}, ...[o.columns.order, o.columns.code, o.columns.fr, o.columns.en, o.columns.state, o.columns.actions].map((h) => element('th', { scope: 'col' }, h)))),
    body,
  );

  async function change(category: Category, update: { label?: { fr: string; en: string }; position?: number; archived?: boolean }, done: (c: Category) => string): Promise<void> {
    try {
      const updated = await api.updateCategory(category.code, update);
      categories = (await api.settings()).categories;
      draw();
      status.success(done(updated));
    } catch (error) {
      status.error(problemDetail(error, t.failed));
    }
  }

  function draw(): void {
    body.replaceChildren(
      ...categories.map((category, index) => {
        const button = (text: string, aria: string, action: () => Promise<void>, disabled = false) => {
          const node = element('button', { type: 'button', class: 'small', 'aria-label': aria, ...(disabled ? { disabled: '' } : {}) }, text);
          node.addEventListener('click', () => void whileBusy(node, t.saving, action));
          return node;
        };
        const previous = categories[index - 1];
        const next = categories[index + 1];
        // Positions are 1..n in list order: a move swaps two neighbours.
        const swap = async (other: Category, otherIndex: number) => {
          await api.updateCategory(other.code, { position: index + 1 });
          await change(category, { position: otherIndex + 1 }, (c) => o.changed(label(c)));
          body.querySelector<HTMLButtonElement>(`tr[data-code="${category.code}"] button[data-move="${otherIndex < index ? 'up' : 'down'}"]:not([disabled])`)?.focus();
        };
        const up = button('↑', o.up(label(category)), () => (previous ? swap(previous, index - 1) : Promise.resolve()), !previous);
        up.dataset['move'] = 'up';
        const down = button('↓', o.down(label(category)), () => (next ? swap(next, index + 1) : Promise.resolve()), !next);
        down.dataset['move'] = 'down';
        const rename = element('button', { type: 'button', class: 'small', 'aria-label': o.rename(label(category)) }, o.renameShort);
        rename.addEventListener('click', () => openRename(category));
        const archive = category.archived
          ? button(o.restoreShort, o.restore(label(category)), () => change(category, { archived: false }, (c) => o.changed(label(c))))
          : button(o.archiveShort, o.archive(label(category)), () => change(category, { archived: true }, (c) => o.changed(label(c))));
        return element(
          'tr',
          { 'data-code': category.code, class: category.archived ? 'archived' : '' },
          element('td', {}, String(index + 1)),
          element('td', {}, element('code', {}, category.code)),
          element('td', { lang: 'fr' }, category.label.fr),
          element('td', { lang: 'en' }, category.label.en),
          element('td', {}, category.archived ? o.archived : o.active),
          element('td', {}, element('div', { class: 'row-actions' }, up, down, rename, archive)),
        );
      }),
    );
  }

  function openRename(category: Category): void {
    const fr = field('rename-fr', o.labelFr, element('input', { type: 'text', lang: 'fr', maxlength: '200' }));
    const en = field('rename-en', o.labelEn, element('input', { type: 'text', lang: 'en', maxlength: '200' }));
    fr.control.value = category.label.fr;
    en.control.value = category.label.en;
    const save = element('button', { type: 'submit', class: 'primary' }, o.saveLabels);
    const cancel = element('button', { type: 'button' }, t.cancel);
    const heading = element('h3', { id: 'rename-heading', tabindex: '-1' }, o.renameHeading(category.code));
    const form = element('form', { novalidate: '', 'aria-labelledby': 'rename-heading', class: 'rename-form' }, heading, fr.wrapper, en.wrapper, element('div', { class: 'actions' }, save, cancel));
    cancel.addEventListener('click', () => renameSlot.replaceChildren());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = { fr: fr.control.value.trim(), en: en.control.value.trim() };
      if (!value.fr || !value.en) {
        (value.fr ? en : fr).showError(o.missingLabels);
        return;
      }
      void whileBusy(save, t.saving, async () => {
        await change(category, { label: value }, (c) => o.changed(label(c)));
        renameSlot.replaceChildren();
      });
    });
    renameSlot.replaceChildren(form);
    heading.focus();
  }

  // Adding a category
  const code = field('category-code', o.code, element('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '64' }), o.codeHint);
  const labelFr = field('category-fr', o.labelFr, element('input', { type: 'text', lang: 'fr', maxlength: '200' }));
  const labelEn = field('category-en', o.labelEn, element('input', { type: 'text', lang: 'en', maxlength: '200' }));
  const add = element('button', { type: 'submit', class: 'primary' }, o.add);
  const addMessage = formMessage();
  const addForm = element('form', { novalidate: '', class: 'add-category' }, code.wrapper, labelFr.wrapper, labelEn.wrapper, element('div', { class: 'actions' }, add), addMessage.element);
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    addMessage.clear();
    const input = { code: code.control.value.trim(), label: { fr: labelFr.control.value.trim(), en: labelEn.control.value.trim() } };
    code.clearError();
    labelFr.clearError();
    labelEn.clearError();
    if (!CODE_PATTERN.test(input.code)) code.showError(o.invalidCode);
    if (!input.label.fr) labelFr.showError(o.missingLabels);
    if (!input.label.en) labelEn.showError(o.missingLabels);
    const invalid = addForm.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      return;
    }
    void whileBusy(add, t.saving, async () => {
      try {
        const created = await api.addCategory(input);
        addForm.reset();
        categories = (await api.settings()).categories;
        draw();
        addMessage.success(o.added(label(created)));
      } catch (error) {
        addMessage.error(problemDetail(error, t.failed));
      }
    });
  });

  draw();
  const content = element(
    'section',
    { class: 'admin-page' },
    backToAdmin(ctx),
    pageHeading(o.title),
    element(
      'section',
      { 'aria-labelledby': 'texts-heading' },
      element('h2', { id: 'texts-heading' }, o.textsHeading),
      element('p', {}, o.textsIntro),
      ...TEXT_KEYS.map((key) =>
        textEditor(
          ctx,
          api,
          key,
          () => settings,
          (next) => (settings = next),
        ),
      ),
    ),
    element(
      'section',
      { 'aria-labelledby': 'categories-heading' },
      element('h2', { id: 'categories-heading' }, o.categoriesHeading),
      element('p', { class: 'hint' }, o.archivedNote),
      status.element,
      element('div', { class: 'table-scroll' }, table),
      renameSlot,
      element('h3', {}, o.addHeading),
      addForm,
    ),
  );
  return { title: o.title, content };
};
