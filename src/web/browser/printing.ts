// Prints one part of a page (the token, or one receipt) and nothing else: a copy of it goes into
// a print area, and while body[data-printing] is set the stylesheet prints that area alone.
import { element } from './dom.ts';

export function printPart(part: HTMLElement): void {
  const area = element('div', { id: 'print-area' });
  const copy = part.cloneNode(true) as HTMLElement;
  // Ids must stay unique in the document while the copy exists.
  for (const withId of [copy, ...copy.querySelectorAll<HTMLElement>('[id]')]) withId.removeAttribute('id');
  area.append(copy);
  document.body.append(area);
  document.body.dataset['printing'] = 'true';
  const done = () => {
    delete document.body.dataset['printing'];
    area.remove();
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
