/** Filters catalog cards by text and label in place; without JS every card simply shows. */
const bar = document.querySelector<HTMLElement>('[data-catalog-filter]');
const cards = [...document.querySelectorAll<HTMLElement>('[data-product]')];
if (bar && cards.length > 0) {
  const text = bar.querySelector<HTMLInputElement>('[data-filter-text]');
  const label = bar.querySelector<HTMLSelectElement>('[data-filter-label]');
  const count = bar.querySelector<HTMLElement>('[data-count]');
  bar.hidden = false;
  const apply = () => {
    const q = (text?.value ?? '').trim().toLowerCase();
    const l = label?.value ?? '';
    let shown = 0;
    for (const card of cards) {
      const match =
        (!q || (card.dataset.text ?? '').includes(q)) && (!l || (card.dataset.labels ?? '').split('\n').includes(l));
      card.hidden = !match;
      if (match) shown++;
    }
    if (count) count.textContent = `${shown} of ${cards.length} products`;
  };
  text?.addEventListener('input', apply);
  label?.addEventListener('change', apply);
  apply();
}
