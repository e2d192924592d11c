import type { ImpactJson } from '../api-impact.ts';
import { formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';
import { stateName } from '../i18n/us-states.ts';

/** A tile-grid map: every state one equal square near its place, so small states are as visible as Texas. */
// biome-ignore format: the rows of the grid read as the map
const TILES: Record<string, [col: number, row: number]> = {
  AK: [0, 0], ME: [10, 0],
  WI: [5, 1], VT: [9, 1], NH: [10, 1],
  WA: [0, 2], ID: [1, 2], MT: [2, 2], ND: [3, 2], MN: [4, 2], IL: [5, 2], MI: [6, 2], NY: [8, 2], MA: [9, 2],
  OR: [0, 3], NV: [1, 3], WY: [2, 3], SD: [3, 3], IA: [4, 3], IN: [5, 3], OH: [6, 3], PA: [7, 3], NJ: [8, 3],
  CT: [9, 3], RI: [10, 3],
  CA: [0, 4], UT: [1, 4], CO: [2, 4], NE: [3, 4], MO: [4, 4], KY: [5, 4], WV: [6, 4], VA: [7, 4], MD: [8, 4],
  DE: [9, 4],
  AZ: [1, 5], NM: [2, 5], KS: [3, 5], AR: [4, 5], TN: [5, 5], NC: [6, 5], SC: [7, 5], DC: [8, 5],
  OK: [3, 6], LA: [4, 6], MS: [5, 6], AL: [6, 6], GA: [7, 6],
  HI: [0, 7], TX: [3, 7], FL: [8, 7],
};

const SIZE = 40;
const GAP = 4;

/** Four shades, each with a label colour that keeps at least 4.5:1 contrast. */
export const SHADES = {
  most: { fill: '#1b5e31', text: '#ffffff', key: 'impactLegendMost' },
  some: { fill: '#8cc79b', text: '#14301c', key: 'impactLegendSome' },
  sellers: { fill: '#dcefe1', text: '#14301c', key: 'impactLegendSellers' },
  none: { fill: '#eef0f2', text: '#4a5560', key: 'impactLegendNone' },
} as const;

type Row = ImpactJson['byState'][number];

/** The darkest shade is for states with at least half the top state's exports. */
function shadeOf(row: Row | undefined, max: number): keyof typeof SHADES {
  if (!row || row.businesses + row.exports.amount === 0) return 'none';
  if (row.exports.amount === 0) return 'sellers';
  return row.exports.amount * 2 >= max ? 'most' : 'some';
}

export function StateTiles({ byState }: { byState: ImpactJson['byState'] }) {
  const { t, locale } = useShopper();
  const rows = new Map(byState.map((r) => [r.state, r]));
  const max = Math.max(0, ...byState.map((r) => r.exports.amount));
  const width = 11 * (SIZE + GAP);
  const height = 8 * (SIZE + GAP);
  return (
    <figure className="state-tiles">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('impactMapLabel')}>
        {Object.entries(TILES).map(([code, [col, row]]) => {
          const r = rows.get(code);
          const shade = shadeOf(r, max);
          const x = col * (SIZE + GAP);
          const y = row * (SIZE + GAP);
          return (
            <g key={code} data-state={code} data-shade={shade}>
              <title>
                {`${stateName(code, locale)}: ${formatMoney(r?.exports ?? { amount: 0, currency: 'USD' }, locale)}`}
              </title>
              <rect
                x={x}
                y={y}
                width={SIZE}
                height={SIZE}
                rx={4}
                fill={SHADES[shade].fill}
                stroke={r?.midwest ? '#14301c' : 'none'}
                strokeWidth={r?.midwest ? 1.5 : 0}
              />
              <text
                x={x + SIZE / 2}
                y={y + SIZE / 2 + 5}
                textAnchor="middle"
                fontSize="13"
                fontWeight="600"
                fill={SHADES[shade].text}
              >
                {code}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {Object.values(SHADES).map((s) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: s.fill }} aria-hidden="true" />
              {t(s.key)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
