/**
 * Only on pages whose Mermaid diagrams could not be rendered at build time (no Chromium on
 * the build machine): loads Mermaid from the portal's own copy and renders `pre.mermaid`.
 */
interface MermaidGlobal {
  initialize(config: Record<string, unknown>): void;
  run(options: { nodes: HTMLElement[] }): Promise<void>;
}

const blocks = [...document.querySelectorAll<HTMLElement>('pre.mermaid')];
if (blocks.length > 0) {
  const script = document.createElement('script');
  script.src = `${document.body.dataset.base ?? '/'}_atrium/mermaid/mermaid.min.js`;
  script.addEventListener('load', () => {
    const mermaid = (window as unknown as { mermaid: MermaidGlobal }).mermaid;
    const theme = document.documentElement.dataset.theme;
    const dark = theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
    void mermaid.run({ nodes: blocks });
  });
  document.head.append(script);
}
