import { useShopper } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/messages.ts';

export interface AddressDraft {
  recipientName: string;
  phone: string;
  line: string;
  city: string;
  region: string;
  postalCode: string;
}
export const EMPTY_ADDRESS: AddressDraft = {
  recipientName: '',
  phone: '',
  line: '',
  city: '',
  region: '',
  postalCode: '',
};

/** The API's address body: the market is the country; empty optional parts are left out. */
export function addressBody(a: AddressDraft, market: string) {
  return {
    recipientName: a.recipientName,
    phone: a.phone,
    lines: [a.line],
    city: a.city,
    region: a.region.trim() === '' ? null : a.region,
    postalCode: a.postalCode.trim() === '' ? null : a.postalCode,
    country: market,
  };
}

/** The problem's per-field errors (`body.deliveryAddress.lines.0`) → the form's field names. */
export function addressFieldErrors(errors: { path: string }[]): Set<keyof AddressDraft> {
  const out = new Set<keyof AddressDraft>();
  for (const e of errors) {
    const m = /deliveryAddress\.(\w+)/.exec(e.path);
    if (!m) continue;
    const field = m[1] === 'lines' ? 'line' : (m[1] as keyof AddressDraft);
    if (field in EMPTY_ADDRESS) out.add(field);
  }
  return out;
}

const FIELDS: { name: keyof AddressDraft; label: MessageKey; autoComplete: string; type?: string }[] = [
  { name: 'recipientName', label: 'recipientName', autoComplete: 'name' },
  { name: 'phone', label: 'phone', autoComplete: 'tel', type: 'tel' },
  { name: 'region', label: 'region', autoComplete: 'address-level1' },
  { name: 'city', label: 'city', autoComplete: 'address-level2' },
  { name: 'line', label: 'addressLine', autoComplete: 'street-address' },
  { name: 'postalCode', label: 'postalCode', autoComplete: 'postal-code' },
];

/** The delivery address, with the API's verdict shown on each field it names. */
export function AddressForm({
  value,
  onChange,
  invalid,
}: {
  value: AddressDraft;
  onChange: (a: AddressDraft) => void;
  invalid: Set<keyof AddressDraft>;
}) {
  const { t } = useShopper();
  return (
    <fieldset className="stack">
      <legend>{t('address')}</legend>
      {FIELDS.map((f) => {
        const bad = invalid.has(f.name);
        const errorId = `address-${f.name}-error`;
        return (
          <div className="field" key={f.name}>
            <label htmlFor={`address-${f.name}`}>{t(f.label)}</label>
            <input
              id={`address-${f.name}`}
              name={f.name}
              type={f.type ?? 'text'}
              autoComplete={f.autoComplete}
              value={value[f.name]}
              onChange={(e) => onChange({ ...value, [f.name]: e.target.value })}
              aria-invalid={bad || undefined}
              aria-describedby={bad ? errorId : undefined}
            />
            {bad && (
              <span id={errorId} className="error">
                {t('fieldInvalid')}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
