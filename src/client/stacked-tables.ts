/**
 * On phones a wide table becomes stacked rows (site.css): each cell on its own line, led by its
 * column's name. This gives every cell that name (`data-label`, from the table's header row) —
 * the layout itself is CSS, so it follows rotation and resizing. Without JavaScript the table
 * scrolls inside its box instead.
 */
export function labelTableCells(scope: ParentNode = document): void {
  for (const table of scope.querySelectorAll<HTMLTableElement>('main table')) {
    const head = table.tHead?.rows[0];
    if (!head || table.dataset.stacked !== undefined) continue;
    const names = [...head.cells].map((c) => c.textContent?.trim() ?? '');
    if (names.length < 2) continue;
    for (const body of table.tBodies)
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const name = names[column];
          if (name) cell.dataset.label = name;
          column += cell.colSpan || 1;
        }
      }
    table.dataset.stacked = '';
  }
}
