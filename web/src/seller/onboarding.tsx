import { type FormEvent, useState } from 'react';
import { sendJson, type VerificationItemJson } from '../api-seller.ts';
import { useSeller } from './center.tsx';
import { DocumentSteps } from './document-steps.tsx';

type Kind = 'business_address' | 'bank_account';
const FORMS: Record<Kind, string> = {
  business_address: 'Business address',
  bank_account: 'Payout bank account',
};

/**
 * The onboarding wizard's evidence steps: the documents to upload (registration, farm papers, each
 * with its review state), then the evidence a farmer types in (address, bank account).
 * `missing` is what the levels still lack, less what is already waiting for review.
 */
export function EvidenceForm({
  missing,
  items,
  onSubmitted,
}: {
  missing: string[];
  items: VerificationItemJson[];
  onSubmitted: (what: string) => void;
}) {
  return (
    <>
      <DocumentSteps missing={missing} items={items} onSubmitted={onSubmitted} />
      <TypedEvidenceForm missing={missing} onSubmitted={onSubmitted} />
    </>
  );
}

/** The evidence a farmer can type in (address, bank account): the first of them still missing. */
function TypedEvidenceForm({
  missing,
  onSubmitted,
}: {
  missing: string[];
  onSubmitted: (what: string) => void;
}) {
  const { sellerId } = useSeller();
  const offered = (Object.keys(FORMS) as Kind[]).filter((k) => missing.includes(k));
  const [kind, setKind] = useState<Kind | undefined>(offered[0]);
  const [fields, setFields] = useState<Record<string, string>>({ accountType: 'checking' });
  const [error, setError] = useState<string | null>(null);
  if (!kind || offered.length === 0) return null;
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input
        value={fields[name] ?? ''}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
        required={!name.endsWith('2')}
        {...extra}
      />
    </label>
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const f = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));
    const body =
      kind === 'business_address'
        ? {
            kind,
            street: f.street,
            street2: f.street2,
            city: f.city,
            state: f.state?.toUpperCase(),
            zip: f.zip,
          }
        : {
            kind,
            holderName: f.holderName,
            routingNumber: f.routingNumber,
            accountNumber: f.accountNumber,
            accountType: f.accountType,
          };
    try {
      await sendJson('POST', `/sellers/${sellerId}/verification/items`, body);
      onSubmitted(FORMS[kind]);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form onSubmit={submit} className="panel evidence" aria-labelledby="evidence-h">
      <h3 id="evidence-h">Next step: send what is missing</h3>
      {offered.length > 1 && (
        <label>
          What to send
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {offered.map((k) => (
              <option key={k} value={k}>
                {FORMS[k]}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'business_address' ? (
        <div className="ship-form">
          {field('street', 'Street')}
          {field('street2', 'Street, line 2 (optional)')}
          {field('city', 'City')}
          {field('state', 'State (2 letters)', { maxLength: 2, pattern: '[A-Za-z]{2}' })}
          {field('zip', 'ZIP code', { inputMode: 'numeric', pattern: '[0-9]{5}(-[0-9]{4})?' })}
        </div>
      ) : (
        <div className="ship-form">
          {field('holderName', 'Account holder')}
          {field('routingNumber', 'Routing number (9 digits)', { inputMode: 'numeric', pattern: '[0-9]{9}' })}
          {field('accountNumber', 'Account number', { inputMode: 'numeric', autoComplete: 'off' })}
          <label>
            Account type
            <select
              value={fields.accountType}
              onChange={(e) => setFields({ ...fields, accountType: e.target.value })}
            >
              <option value="checking">Checking</option>
              <option value="savings">Savings</option>
            </select>
          </label>
        </div>
      )}
      {error && (
        <p role="alert" className="seller-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        Send for review
      </button>
    </form>
  );
}
