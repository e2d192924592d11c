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
.ops input, .ops textarea { border: 1px solid var(--muted); border-radius: 6px; padding: 6px 10px; min-width: min(100%, 24rem); font: inherit; }
.ops .queue-items { list-style: none; padding: 0; }
.ops .queue-items > li { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin: 8px 0; background: #fff; }
.ops .queue-items h3 { font-size: 1.05rem; margin: 4px 0; }
.ops .ok { color: #0b5d27; }
.ops .bad, .ops .problem { color: #8a1020; }
.ops .table-scroll { overflow-x: auto; }
.ops .decided { font-weight: 600; }
`;

export function OpsStyle() {
  return <style>{CSS}</style>;
}
