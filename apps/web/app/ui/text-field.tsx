import type { InputHTMLAttributes } from 'react';
import { Field } from './field';
import { input } from './shell';

/** A labelled text input: the form row most editors are made of. */
export function TextField({
  label,
  hint,
  mono,
  ...attributes
}: {
  label: string;
  hint?: string;
  /** Typed ids, paths and secrets read better in a fixed-width font. */
  mono?: boolean;
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'placeholder' | 'required'
>) {
  return (
    <Field label={label} hint={hint}>
      <input className={mono ? `${input} font-mono` : input} {...attributes} />
    </Field>
  );
}
