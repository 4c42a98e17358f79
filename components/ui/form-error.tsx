/**
 * Why a form or dialog could not do what was asked, announced at once (role="alert"); nothing when
 * there is nothing to say. `boxed` frames it, for the top of a page's form.
 */
export function FormError({ message, boxed = false }: { message?: string | null; boxed?: boolean }) {
  if (!message) return null;
  return (
    <p role="alert" className={boxed ? "rounded-md border border-danger px-3 py-2 text-sm text-danger" : "text-sm text-danger"}>
      {message}
    </p>
  );
}
