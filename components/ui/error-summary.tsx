'use client';

import { useEffect, useRef, type RefObject } from 'react';

type Props = {
  /** The failed action's message (shown when no field is to blame). */
  error?: string;
  /** Per-field messages, keyed as the server names the fields. */
  fieldErrors?: Record<string, string>;
  /** Field key → the id of the element to focus, in the order the fields appear. */
  fields: Record<string, string>;
  /** Changes each time the form is sent, so a repeated failure takes focus again. */
  attempt: unknown;
  title?: string;
};

/**
 * A GOV.UK-style error summary: "There is a problem" with a link to each field at fault.
 * It takes focus when a submission fails, so keyboard and screen-reader users land on it;
 * its links move focus to the field.
 */
export function ErrorSummary({ error, fieldErrors = {}, fields, attempt, title = 'There is a problem' }: Props) {
  const ref = useRef<HTMLDivElement>(null) as RefObject<HTMLDivElement>;
  const problems = Object.keys(fields).filter((key) => fieldErrors[key]);
  const general = problems.length ? fieldErrors._ : (error ?? fieldErrors._);
  const shown = Boolean(problems.length || general);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, attempt]);
  if (!shown) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="rounded-md border-2 border-danger bg-white p-4">
      <h2 className="mb-2 font-semibold text-danger">{title}</h2>
      {general ? <p className="mb-2">{general}</p> : null}
      {problems.length ? (
        <ul className="list-disc pl-5">
          {problems.map((key) => (
            <li key={key}>
              <a
                className="text-danger underline"
                href={`#${fields[key]}`}
                onClick={(event) => {
                  const element = document.getElementById(fields[key]);
                  if (!element) return;
                  event.preventDefault();
                  element.focus();
                  element.scrollIntoView({ block: 'center' });
                }}
              >
                {fieldErrors[key]}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
