/**
 * Keyboard focus across a chart's re-render. A control inside a chart (a button of the
 * Sankey's stage picker, a node that filters) is replaced when the chart repaints, and the
 * focus it had falls back to the page's start. So the control is remembered by what it does
 * (its `data-filter`, `aria-label` and `data-value`) and where it sits (the containers around
 * it in its chart, with its place among their controls), and after the repaint focus goes to
 * the same control, or to the one at its place in the nearest container that is still there
 * (a removed stage's button gives way to its neighbour in the stage list).
 */

/** Controls that can take focus and set a parameter (a disabled button carries no `data-filter`, or is disabled). */
const CONTROL = '[data-filter]:not([disabled])';

/** A container of the control, as a selector within its chart, and the control's place among its controls. */
interface Place {
  readonly selector: string;
  readonly index: number;
}

/** A control remembered before its chart re-renders. */
export interface RememberedControl {
  /** Moves focus to the control's equivalent, unless the reader has put focus elsewhere meanwhile. */
  restore(): void;
}

/** `[name="value"]`, the value escaped. */
const attribute = (name: string, value: string) => `[${name}="${CSS.escape(value)}"]`;

/** A selector for an element by its tag, classes and label; null when it has neither (a bare `li` or `g`). */
function containerSelector(element: Element): string | null {
  const label = element.getAttribute('aria-label');
  if (!element.classList.length && !label) return null;
  return `${element.localName}${[...element.classList].map((name) => `.${CSS.escape(name)}`).join('')}${label ? attribute('aria-label', label) : ''}`;
}

/** The first of `selectors` that matches an enabled control in `root`. */
function firstMatch(root: Element, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

/** Remembers `control` when it sits inside a chart; null otherwise (there is nothing to restore). */
export function rememberControl(control: Element): RememberedControl | null {
  const chart = control.closest('[data-chart]');
  const id = chart?.getAttribute('data-chart');
  if (!chart || !id) return null;
  const filter = control.getAttribute('data-filter') ?? '';
  const same = `${CONTROL}${attribute('data-filter', filter)}`;
  const label = control.getAttribute('aria-label');
  const value = control.getAttribute('data-value');
  const exact = [...(label ? [`${same}${attribute('aria-label', label)}`] : []), ...(value !== null ? [`${same}${attribute('data-value', value)}`] : [])];
  const places: Place[] = [];
  for (let element = control.parentElement; element && element !== chart; element = element.parentElement) {
    const selector = containerSelector(element);
    if (selector) places.push({ selector, index: [...element.querySelectorAll(same)].indexOf(control) });
  }
  return {
    restore() {
      // Focus left with the replaced control and is on the body now; if the reader has moved it on, it stays there.
      if (document.activeElement && document.activeElement !== document.body) return;
      const root = document.querySelector(attribute('data-chart', id));
      if (!root) return;
      let target = firstMatch(root, exact);
      for (const place of places) {
        if (target) break;
        const container = root.querySelector(place.selector);
        const controls = container ? [...container.querySelectorAll(same)] : [];
        target = controls[Math.min(Math.max(place.index, 0), controls.length - 1)] ?? null;
      }
      if (target instanceof HTMLElement || target instanceof SVGElement) target.focus();
    },
  };
}
