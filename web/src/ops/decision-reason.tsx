/** The reason an agent gives for a decision: required, as long as the server keeps (3 to 1,000 characters). */
export function DecisionReason({
  id,
  label,
  value,
  onChange,
  rows = 2,
}: {
  id: string;
  label: string;
  value: string;
  onChange(reason: string): void;
  rows?: number;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        required
        minLength={3}
        maxLength={1000}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
