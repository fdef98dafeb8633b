/**
 * Copy buttons for code blocks. The renderer writes each button `hidden`, so a page
 * without JavaScript (or without a clipboard) shows no dead control; this reveals them.
 * Native <button>s: Tab reaches them, Enter/Space press them. The result is announced
 * through one polite live region. No dependencies.
 */
function setUpCopyButtons(): void {
  const buttons = document.querySelectorAll<HTMLButtonElement>('button[data-atrium-copy]');
  if (buttons.length === 0 || !navigator.clipboard) return;

  const status = document.createElement('div');
  status.setAttribute('role', 'status');
  status.className = 'atrium-sr-only';
  document.body.append(status);

  for (const button of buttons) {
    const pre = button.parentElement?.querySelector('pre');
    if (!pre) continue;
    const label = button.textContent ?? 'Copy';
    const title = button.parentElement?.querySelector('.atrium-code-title')?.textContent;
    button.setAttribute('aria-label', title ? `Copy ${title}` : 'Copy code');
    button.hidden = false;
    let reset: ReturnType<typeof setTimeout> | undefined;
    button.addEventListener('click', async () => {
      let message: string;
      try {
        await navigator.clipboard.writeText((pre.querySelector('code') ?? pre).textContent ?? '');
        message = 'Copied';
        button.dataset.copied = '';
      } catch {
        message = 'Copy failed';
      }
      button.textContent = message;
      status.textContent = message === 'Copied' ? 'Code copied to clipboard' : 'Could not copy the code';
      clearTimeout(reset);
      reset = setTimeout(() => {
        button.textContent = label;
        delete button.dataset.copied;
        status.textContent = '';
      }, 2000);
    });
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUpCopyButtons, { once: true });
else setUpCopyButtons();

export {};
