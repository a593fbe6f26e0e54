// Small DOM helpers for the reporter pages. Text always goes in through textContent, never as
// markup: decrypted content and server strings cannot inject anything.
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}`);
  return found as T;
}

type Child = Node | string | null | undefined | false;

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    created.append(child);
  }
  return created;
}

/** Shows one step of a page, hides the others and moves keyboard and screen-reader focus to its heading. */
export function showStep(step: HTMLElement, heading: HTMLElement, ...others: HTMLElement[]): void {
  for (const other of others) other.hidden = true;
  step.hidden = false;
  heading.focus();
  window.scrollTo(0, 0);
}

/** Empties an element (used to drop decrypted content from the page). */
export function clear(target: HTMLElement): void {
  target.replaceChildren();
}

/** Lets the browser paint before a long synchronous step. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
