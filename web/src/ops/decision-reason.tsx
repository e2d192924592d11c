/** The reason an agent gives for a decision: required, and no longer than the route keeps (1,000 by default). */
export function DecisionReason({
  id,
  label,
  value,
  onChange,
  rows = 2,
  maxLength = 1000,
}: {
  id: string;
  label: string;
  value: string;
  onChange(reason: string): void;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        required
        minLength={3}
        maxLength={maxLength}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
