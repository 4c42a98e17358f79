"use client";
import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { estimateStrength, type Strength } from "./password-strength";

// Mirrors lib/validation/password.ts, which the server applies (and where the maximum is enforced,
// with a clear error rather than a silent cut); the meter only advises.
const MIN_LENGTH = 12;
const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;
const BAR = ["bg-danger", "bg-danger", "bg-warning", "bg-success", "bg-success"] as const;

type Props = {
  label?: string;
  name?: string;
  errors?: string[];
  /** Words the password should not be built from (the person's name, email, workspace). */
  userInputs?: string[];
};

/** A field for choosing a password, with the rule said up front and a strength meter while typing. */
export function NewPasswordField({ label = "Password", name = "password", errors, userInputs = [] }: Props) {
  const [password, setPassword] = useState("");
  const [strength, setStrength] = useState<Strength | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputs = userInputs.join("\n");

  // Uncontrolled, so a form action's reset (React 19 resets a form after its action) empties the
  // field; the meter follows.
  useEffect(() => {
    const form = inputRef.current?.form;
    const clear = () => setPassword("");
    form?.addEventListener("reset", clear);
    return () => form?.removeEventListener("reset", clear);
  }, []);

  useEffect(() => {
    if (!password) {
      setStrength(null);
      return;
    }
    let current = true;
    void estimateStrength(password, inputs.split("\n").filter(Boolean)).then((result) => {
      if (current) setStrength(result);
    });
    return () => {
      current = false;
    };
  }, [password, inputs]);

  const length = [...password].length;
  const verdict =
    length === 0
      ? null
      : length < MIN_LENGTH
        ? `${MIN_LENGTH - length} more character${MIN_LENGTH - length === 1 ? "" : "s"} needed.`
        : strength
          ? `Strength: ${LABELS[strength.score]}.${strength.warning ? ` ${strength.warning}` : ""}`
          : null;

  return (
    <div className="space-y-1.5">
      <Field label={label} errors={errors} hint={`At least ${MIN_LENGTH} characters; any characters, spaces included.`}>
        <Input
          name={name}
          type="password"
          autoComplete="new-password"
          ref={inputRef}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Field>
      <div aria-hidden className="grid grid-cols-5 gap-1">
        {LABELS.map((level, index) => (
          <span
            key={level}
            className={`h-1 rounded-full ${strength && length >= MIN_LENGTH && index <= strength.score ? BAR[strength.score] : "bg-muted"}`}
          />
        ))}
      </div>
      <p aria-live="polite" className="min-h-4 text-xs text-fg-muted">
        {verdict}
      </p>
    </div>
  );
}
