/**
 * The operations pages' own few rules (tables, buttons, verdicts), kept with them so the
 * storefront's stylesheet and bundle stay as they are. Colours meet WCAG AA on the paper colour.
 */
const CSS = `
.ops table { border-collapse: collapse; margin: 8px 0 16px; width: 100%; }
.ops caption { text-align: left; font-weight: 600; padding: 4px 0; }
.ops th, .ops td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.ops thead th { border-bottom: 2px solid var(--muted); }
.ops button { background: #fff; color: var(--accent); border: 1px solid var(--accent); border-radius: 6px; padding: 4px 12px; min-height: 36px; cursor: pointer; }
.ops button[type="submit"], .ops button[aria-pressed="true"] { background: var(--accent); color: var(--accent-ink); }
.ops textarea { display: block; margin: 4px 0; }
.ops input, .ops textarea { border: 1px solid var(--muted); border-radius: 6px; padding: 6px 10px; min-width: min(100%, 24rem); font: inherit; }
.ops .queue-items { list-style: none; padding: 0; }
.ops .queue-items > li { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin: 8px 0; background: #fff; }
.ops .queue-items h3 { font-size: 1.05rem; margin: 4px 0; }
.ops .ok { color: #0b5d27; }
.ops .bad, .ops .problem { color: #8a1020; }
.ops .table-scroll { overflow-x: auto; }
.ops .decided { font-weight: 600; }
.ops .open-case { display: inline-block; padding: 6px 12px; min-height: 36px; border-radius: 6px; background: var(--accent); color: var(--accent-ink); text-decoration: none; }
.ops .open-case:focus-visible, .ops a:focus-visible, .ops button:focus-visible, .ops input:focus-visible, .ops textarea:focus-visible, .ops h2[tabindex]:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; }
.ops .facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 4px 16px; margin: 8px 0 16px; }
.ops .facts dt { font-weight: 600; }
.ops .facts dd { margin: 0; overflow-wrap: anywhere; }
.ops .statement { border-left: 4px solid var(--line); margin: 8px 0; padding: 4px 12px; background: #fff; white-space: pre-wrap; }
.ops .counter-notice { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin: 16px 0; background: #fff; }
.ops .highlighted { outline: 3px solid var(--accent); outline-offset: 2px; }
.ops fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 8px 12px; }
.ops .choice { display: block; padding: 8px 0; cursor: pointer; }
.ops input[type="radio"], .ops input[type="checkbox"] { min-width: 0; min-height: 0; padding: 0; margin: 0 6px 0 0; width: 1.1rem; height: 1.1rem; vertical-align: -0.15rem; accent-color: var(--accent); }
.ops .decision-form textarea { display: block; width: 100%; margin: 4px 0; }
.ops .next { background: #fff; border: 1px dashed var(--muted); border-radius: 6px; padding: 6px 10px; }
`;

export function OpsStyle() {
  return <style>{CSS}</style>;
}
