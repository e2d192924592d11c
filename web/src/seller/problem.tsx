import { ApiError } from '../api.ts';

/** An API failure said plainly (the stable code helps support). */
export function Problem({ error }: { error: Error }) {
  return (
    <p role="alert" className="seller-error">
      {error.message}
      {error instanceof ApiError && <> ({error.code})</>}
    </p>
  );
}
