'use client';
import { useState } from 'react';

/** Code to paste somewhere else, with a button that copies it. */
export function CopyBlock({ label, code }: { label: string; code: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(code);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };
  return (
    <figure className="space-y-2">
      <figcaption className="flex items-center justify-between text-sm font-medium">
        {label}
        <button
          type="button"
          onClick={() => void copy()}
          className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
          aria-label={`Copy: ${label}`}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </figcaption>
      <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
