/**
 * Zoom for the full-size diagram dialog (diagram-zoom.ts). The drawing's width is its natural
 * width times the zoom, so the dialog's body scrolls over it as over any large picture and text
 * stays sharp (SVG is redrawn, not scaled as a bitmap). Zooming keeps the point under the
 * pointer (or the middle of the view) where it was.
 */
const MIN = 0.25;
const MAX = 8;
const STEP = 1.25;

export interface ZoomView {
  /** Shows `drawing` (already in the dialog's body) at 100 %: `natural` px wide. */
  show(drawing: SVGSVGElement | HTMLImageElement, natural: number): void;
}

export function zoomable(dialog: HTMLDialogElement): ZoomView {
  const body = dialog.querySelector<HTMLElement>('.diagram-dialog__body')!;
  const level = dialog.querySelector<HTMLOutputElement>('[data-zoom-level]')!;
  const button = (name: string) => dialog.querySelector<HTMLButtonElement>(`[data-zoom="${name}"]`)!;
  let drawing: SVGSVGElement | HTMLImageElement | undefined;
  let natural = 1;
  let scale = 1;

  /** Zoom to `next`, keeping the drawing's point at (x, y) of the body's box in place. */
  const zoomTo = (next: number, x = body.clientWidth / 2, y = body.clientHeight / 2) => {
    if (!drawing) return;
    next = Math.min(MAX, Math.max(MIN, next));
    const ratio = next / scale;
    const left = body.scrollLeft + x;
    const top = body.scrollTop + y;
    scale = next;
    drawing.style.width = `${natural * scale}px`;
    body.scrollLeft = left * ratio - x;
    body.scrollTop = top * ratio - y;
    level.value = `${Math.round(scale * 100)}%`;
    button('out').disabled = scale <= MIN;
    button('in').disabled = scale >= MAX;
  };
  const fit = () => zoomTo(Math.min(1, (body.clientWidth - 32) / natural), 0, 0);
  const at = (event: { clientX: number; clientY: number }) => {
    const box = body.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top] as const;
  };

  dialog.addEventListener('click', (event) => {
    const name = (event.target as HTMLElement).closest<HTMLElement>('[data-zoom]')?.dataset.zoom;
    if (name === 'in') zoomTo(scale * STEP);
    else if (name === 'out') zoomTo(scale / STEP);
    else if (name === 'reset') zoomTo(1);
    else if (name === 'fit') fit();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const keys: Record<string, () => void> = {
      '+': () => zoomTo(scale * STEP),
      '=': () => zoomTo(scale * STEP),
      '-': () => zoomTo(scale / STEP),
      '0': () => zoomTo(1),
    };
    const act = keys[event.key];
    if (act) {
      event.preventDefault();
      act();
    }
  });
  // Ctrl+wheel is also what a trackpad pinch sends; a plain wheel keeps scrolling.
  body.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoomTo(scale * Math.exp(-event.deltaY / 300), ...at(event));
    },
    { passive: false },
  );
  // Dragging pans, two fingers pinch. The body's `touch-action: none` leaves both to us: the
  // browser would otherwise take a one-finger pan over and cancel the pinch it starts.
  const pointers = new Map<number, { clientX: number; clientY: number }>();
  let pinch: { distance: number; scale: number } | undefined;
  const pair = () => {
    const [a, b] = [...pointers.values()] as [{ clientX: number; clientY: number }, { clientX: number; clientY: number }];
    return { distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), mid: { clientX: (a.clientX + b.clientX) / 2, clientY: (a.clientY + b.clientY) / 2 } };
  };
  body.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    body.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, { clientX: event.clientX, clientY: event.clientY });
    if (pointers.size === 2) pinch = { distance: pair().distance, scale };
    body.classList.add('diagram-dialog__body--dragging');
  });
  body.addEventListener('pointermove', (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const now = { clientX: event.clientX, clientY: event.clientY };
    if (pointers.size === 1) {
      body.scrollLeft -= now.clientX - last.clientX;
      body.scrollTop -= now.clientY - last.clientY;
    }
    pointers.set(event.pointerId, now);
    if (pinch && pointers.size === 2 && pinch.distance > 0) {
      const { distance, mid } = pair();
      zoomTo(pinch.scale * (distance / pinch.distance), ...at(mid));
    }
  });
  const lift = (event: PointerEvent) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = undefined;
    if (pointers.size === 0) body.classList.remove('diagram-dialog__body--dragging');
  };
  body.addEventListener('pointerup', lift);
  body.addEventListener('pointercancel', lift);

  return {
    show(next, width) {
      drawing = next;
      natural = width;
      scale = 1;
      body.scrollLeft = body.scrollTop = 0;
      zoomTo(1);
    },
  };
}
