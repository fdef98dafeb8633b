/**
 * A diagram drawn to fit a phone's column is unreadable (Mermaid text at ~5 px). Tapping it (or
 * its Full size button) opens it full size in a dialog that scrolls both ways; Escape or Close ends it.
 * There it zooms (diagram-zoom-view.ts): buttons, Ctrl+wheel or a trackpad pinch, a two-finger
 * pinch on touch, and the keys + − 0.
 */
import { zoomable, type ZoomView } from './diagram-zoom-view.ts';

const diagrams = [...document.querySelectorAll<HTMLElement>('.atrium-diagram:not(.atrium-diagram-error):not(.atrium-diagram-client)')];
let dialog: HTMLDialogElement | undefined;

function visibleDrawing(figure: HTMLElement): SVGSVGElement | HTMLImageElement | null {
  for (const el of figure.querySelectorAll<SVGSVGElement | HTMLImageElement>('svg, img')) if (el.getClientRects().length) return el;
  return null;
}

function naturalWidth(drawing: SVGSVGElement | HTMLImageElement): number {
  if (drawing instanceof HTMLImageElement) return drawing.naturalWidth || drawing.width;
  const box = drawing.viewBox.baseVal;
  return box && box.width ? box.width : drawing.getBoundingClientRect().width;
}

/** Puts the drawing shown in the dialog back in its figure; run on close, and before opening another. */
let restore: (() => void) | undefined;
let view: ZoomView | undefined;

function open(figure: HTMLElement): void {
  restore?.();
  const drawing = visibleDrawing(figure);
  if (!drawing) return;
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.className = 'diagram-dialog';
    dialog.setAttribute('aria-label', 'Diagram, full size');
    dialog.innerHTML =
      '<form method="dialog" class="diagram-dialog__bar"><div class="diagram-dialog__zoom" role="group" aria-label="Zoom">' +
      '<button type="button" data-zoom="out" aria-label="Zoom out" aria-keyshortcuts="-">−</button>' +
      '<output aria-live="polite" data-zoom-level>100%</output>' +
      '<button type="button" data-zoom="in" aria-label="Zoom in" aria-keyshortcuts="+">+</button>' +
      '<button type="button" data-zoom="reset" aria-keyshortcuts="0">Reset</button>' +
      '<button type="button" data-zoom="fit">Fit</button></div>' +
      '<button class="diagram-dialog__close">Close</button></form>' +
      // Focusable, so a keyboard scrolls it with the arrow keys.
      '<div class="diagram-dialog__body" tabindex="0" role="region" aria-label="Diagram"></div>';
    view = zoomable(dialog);
    // The close event comes a task after Escape; opening again before it must not lose the drawing.
    dialog.addEventListener('close', () => restore?.());
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog!.close();
    });
    document.body.append(dialog);
  }
  const body = dialog.querySelector<HTMLElement>('.diagram-dialog__body')!;
  // The drawing itself moves into the dialog and back on close: a copy would repeat its ids,
  // and Mermaid's styles are scoped to them.
  const home = { parent: drawing.parentNode!, next: drawing.nextSibling, style: drawing.getAttribute('style') };
  drawing.style.maxWidth = 'none';
  drawing.style.height = 'auto';
  // PlantUML's dark rendering is a filter keyed on this class (markdown.css).
  body.classList.toggle('atrium-diagram-plantuml', figure.classList.contains('atrium-diagram-plantuml'));
  body.replaceChildren(drawing);
  restore = () => {
    restore = undefined;
    if (home.style === null) drawing.removeAttribute('style');
    else drawing.setAttribute('style', home.style);
    home.parent.insertBefore(drawing, home.next);
  };
  dialog.showModal();
  view!.show(drawing, Math.max(naturalWidth(drawing), 1));
  dialog.querySelector<HTMLButtonElement>('.diagram-dialog__close')!.focus();
}

for (const figure of diagrams) {
  if (!figure.querySelector('svg, img')) continue;
  // A real button for keyboards and screen readers; the drawing keeps its own accessible name.
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'atrium-diagram-open';
  button.textContent = 'Full size';
  button.setAttribute('aria-label', 'Open the diagram full size');
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    open(figure);
  });
  figure.classList.add('atrium-diagram-zoomable');
  figure.append(button);
  figure.addEventListener('click', () => open(figure));
}
