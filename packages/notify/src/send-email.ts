import type { AlertEvent } from '@sightline/contract';
import { createTransport } from 'nodemailer';
import { alertsLink } from './alert-payload.js';
import { alertSummary, stateWord } from './alert-summary.js';
import { boundedError, type AttemptOutcome } from './attempt-outcome.js';

/** An SMTP transport for an smtp:// or smtps:// address, credentials taken from it. */
function smtpTransport(url: string, timeoutMs: number) {
  const address = new URL(url);
  return createTransport({
    host: address.hostname,
    port: Number(address.port) || (address.protocol === 'smtps:' ? 465 : 587),
    secure: address.protocol === 'smtps:',
    ...(address.username
      ? {
          auth: {
            user: decodeURIComponent(address.username),
            pass: decodeURIComponent(address.password),
          },
        }
      : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

type Mailer = ReturnType<typeof smtpTransport>;

/** One transport per SMTP address: connections and TLS sessions are reused between alerts. */
const mailers = new Map<string, Mailer>();

function mailerFor(url: string, timeoutMs: number): Mailer {
  let mailer = mailers.get(url);
  if (!mailer) mailers.set(url, (mailer = smtpTransport(url, timeoutMs)));
  return mailer;
}

/** Closes every SMTP transport (at shutdown). */
export function closeMailers(): void {
  for (const mailer of mailers.values()) mailer.close();
  mailers.clear();
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Subject, text and HTML of an alert's e-mail; every name in the HTML is escaped. */
export function alertEmail(alert: AlertEvent, adminUrl?: string) {
  const summary = alertSummary(alert);
  const link = adminUrl ? alertsLink(alert, adminUrl) : undefined;
  const when = new Date(
    alert.state === 'resolved' ? (alert.resolvedAt ?? alert.at) : alert.firedAt,
  );
  const text = [summary, '', `At ${when.toISOString()}.`, ...(link ? ['', link] : [])].join('\n');
  const html =
    `<p><strong>${escapeHtml(summary)}</strong></p><p>At ${escapeHtml(when.toISOString())}.</p>` +
    (link
      ? `<p><a href="${escapeHtml(link)}">Open the alerts of ${escapeHtml(alert.site)}</a></p>`
      : '');
  return {
    subject: `[Sightline] ${stateWord(alert)}: ${alert.ruleName} (${alert.site})`,
    text,
    html,
  };
}

/** The SMTP reply code at the start of a server's answer ("250 OK"). */
const replyCode = (response: unknown) => {
  const code = /^(\d{3})/.exec(String(response))?.[1];
  return code === undefined ? undefined : Number(code);
};

/** One attempt to e-mail an alert to a channel's recipients. Never throws. */
export async function sendEmail(
  alert: AlertEvent,
  to: string[],
  options: { smtp: { url: string; from: string }; adminUrl?: string; timeoutMs: number },
): Promise<AttemptOutcome> {
  try {
    const info = await mailerFor(options.smtp.url, options.timeoutMs).sendMail({
      from: options.smtp.from,
      to,
      ...alertEmail(alert, options.adminUrl),
    });
    const status = replyCode(info.response);
    return { ok: true, ...(status === undefined ? {} : { status }) };
  } catch (error) {
    const status = (error as { responseCode?: unknown }).responseCode;
    return {
      ok: false,
      ...(typeof status === 'number' ? { status } : {}),
      error: boundedError(error),
    };
  }
}
