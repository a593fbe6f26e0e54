// Form controls as the reporter pages write them: every control has a label, its hint and its
// (initially hidden) error tied to it by aria-describedby, so the browser script only fills them in.
import { html, type Markup } from './html.ts';

export interface FieldText {
  readonly label: string;
  readonly hint?: string;
  readonly requiredMark?: string;
}

function requiredMarker(requiredMark: string | undefined): Markup | string {
  return requiredMark ? html` <span class="required" aria-hidden="true">*</span><span class="visually-hidden">${requiredMark}</span>` : '';
}

function describedBy(id: string, hint: string | undefined): string {
  return hint ? `${id}-hint` : '';
}

export function textAreaField(id: string, text: FieldText, rows = 5): Markup {
  const hintId = describedBy(id, text.hint);
  return html`<div class="field" id="${id}-field">
<label for="${id}">${text.label}${requiredMarker(text.requiredMark)}</label>
${text.hint ? html`<p class="hint" id="${hintId}">${text.hint}</p>` : ''}
<p class="field-error" id="${id}-error" hidden></p>
<textarea id="${id}" rows="${rows}" spellcheck="true"${text.requiredMark ? html` required` : ''}${hintId ? html` aria-describedby="${hintId}"` : ''}></textarea>
</div>`;
}

export function textInputField(id: string, text: FieldText, autocomplete = 'off'): Markup {
  const hintId = describedBy(id, text.hint);
  return html`<div class="field" id="${id}-field">
<label for="${id}">${text.label}${requiredMarker(text.requiredMark)}</label>
${text.hint ? html`<p class="hint" id="${hintId}">${text.hint}</p>` : ''}
<p class="field-error" id="${id}-error" hidden></p>
<input type="text" id="${id}" autocomplete="${autocomplete}" spellcheck="false"${text.requiredMark ? html` required` : ''}${hintId ? html` aria-describedby="${hintId}"` : ''}>
</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
}

/** A group of radio buttons or checkboxes in a fieldset whose legend names the question. */
export function choiceGroup(id: string, kind: 'radio' | 'checkbox', legend: FieldText, choices: readonly Choice[]): Markup {
  const hintId = describedBy(id, legend.hint);
  return html`<fieldset class="field choices" id="${id}-field"${hintId ? html` aria-describedby="${hintId}"` : ''}>
<legend>${legend.label}${requiredMarker(legend.requiredMark)}</legend>
${legend.hint ? html`<p class="hint" id="${hintId}">${legend.hint}</p>` : ''}
<p class="field-error" id="${id}-error" hidden></p>
${choices.map((choice, index) => {
  const inputId = `${id}-${index}`;
  return html`<div class="choice">
<input type="${kind}" id="${inputId}" name="${id}" value="${choice.value}"${choice.hint ? html` aria-describedby="${inputId}-hint"` : ''}>
<label for="${inputId}">${choice.label}</label>
${choice.hint ? html`<p class="hint" id="${inputId}-hint">${choice.hint}</p>` : ''}
</div>`;
})}
</fieldset>`;
}
