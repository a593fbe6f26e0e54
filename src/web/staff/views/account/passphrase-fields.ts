// A new passphrase typed twice, with a strength meter updated as one types (the level is said to
// screen readers only when it changes) and the reasons to refuse it.
import type { StaffAccountTexts } from '../../../../i18n/staff/account.ts';
import { element } from '../../ui.ts';
import { formField, type FormField } from './form-field.ts';
import { estimatePassphrase, MIN_PASSPHRASE_LENGTH, type StrengthEstimate } from './passphrase-strength.ts';

export interface PassphraseFields {
  readonly node: HTMLElement;
  readonly first: FormField;
  readonly second: FormField;
  /** The passphrase when both entries match and it is strong enough; otherwise marks the fields and returns null. */
  validate(): string | null;
  clear(): void;
}

export function passphraseFields(id: string, t: StaffAccountTexts, labels: { first: string; second: string }, personalWords: () => readonly string[]): PassphraseFields {
  const first = formField(id, labels.first, { type: 'password', autocomplete: 'new-password', required: '', spellcheck: 'false', minlength: String(MIN_PASSPHRASE_LENGTH) }, t.strength.tooShort(MIN_PASSPHRASE_LENGTH));
  const second = formField(`${id}-again`, labels.second, { type: 'password', autocomplete: 'new-password', required: '', spellcheck: 'false' });
  const meter = element('meter', { id: `${id}-meter`, min: '0', max: '4', low: '2', high: '3', optimum: '4', value: '0', 'aria-label': t.strength.label, 'aria-describedby': `${id}-strength` });
  const levelText = element('p', { id: `${id}-strength`, class: 'strength-line' }, t.strength.labelled(t.strength.levels.empty));
  const spoken = element('p', { class: 'visually-hidden', 'aria-live': 'polite', id: `${id}-strength-live` });
  const hintList = element('ul', { class: 'strength-hints', id: `${id}-strength-hints` });
  const strength = element(
    'div',
    { class: 'strength', id: `${id}-strength-box` },
    levelText,
    meter,
    hintList,
    spoken,
  );
  let lastLevel = 'empty';
  let estimate: StrengthEstimate = estimatePassphrase('');

  const update = () => {
    estimate = estimatePassphrase(first.input.value, personalWords());
    meter.value = estimate.score;
    levelText.textContent = t.strength.labelled(t.strength.levels[estimate.level]);
    strength.dataset['level'] = estimate.level;
    hintList.replaceChildren(...estimate.hints.map((hint) => element('li', {}, t.strength.hints[hint])));
    if (estimate.level !== lastLevel) {
      lastLevel = estimate.level;
      spoken.textContent = t.strength.labelled(t.strength.levels[estimate.level]);
    }
  };
  first.input.addEventListener('input', update);

  return {
    node: element('div', { class: 'passphrase-fields' }, first.field, strength, second.field),
    first,
    second,
    validate() {
      update();
      first.setError(null);
      second.setError(null);
      if (first.input.value === '') first.setError(t.errors.required);
      else if (!estimate.accepted) first.setError(estimate.tooShort ? `${t.strength.refused} ${t.strength.tooShort(MIN_PASSPHRASE_LENGTH)}` : t.strength.refused);
      else if (second.input.value !== first.input.value) second.setError(t.strength.mismatch);
      else return first.input.value;
      return null;
    },
    clear() {
      first.input.value = '';
      second.input.value = '';
      update();
    },
  };
}

