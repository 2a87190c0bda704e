'use client';
import { useState } from 'react';

/** A field's change handler: a checkbox gives its state, any other input its text. */
export type Change = (e: { target: { value: string; checked?: boolean; type?: string } }) => void;

/**
 * A form's fields as one state: `set(name)` is the change handler of that field's input, and
 * `bind(name)` gives a text input both its value and that handler.
 */
export function useForm<F>(blank: F) {
  const [form, setForm] = useState<F>(blank);
  const set =
    (name: keyof F): Change =>
    (e) =>
      setForm((f) => ({
        ...f,
        [name]: e.target.type === 'checkbox' ? Boolean(e.target.checked) : e.target.value,
      }));
  const bind = <K extends keyof F>(name: K) => ({ value: form[name], onChange: set(name) });
  return { form, setForm, set, bind };
}
