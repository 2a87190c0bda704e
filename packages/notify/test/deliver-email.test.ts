import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMailers, deliverAlert } from '../src/index.js';
import { firing, recorder } from './fixtures.js';

describe('e-mail deliveries through a local SMTP server', () => {
  const mails: ParsedMail[] = [];
  let refuse = false;
  let server: SMTPServer;
  let url = '';

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (refuse && address.address.startsWith('nobody'))
          return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    closeMailers();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const email = (to: string[]) => ({ id: 'team', name: 'Team', type: 'email' as const, to });

  it('sends the alert to every recipient, names escaped in the HTML', async () => {
    const log = recorder();
    const hostile = firing({ ruleName: '<img src=x onerror=alert(1)> errors' });
    const last = await deliverAlert(hostile, email(['ops@example.com', 'dev@example.com']), {
      ...log.deps,
      smtp: { url, from: 'Sightline <alerts@example.com>' },
      adminUrl: 'https://admin.example',
    });
    expect(last).toMatchObject({ ok: true, status: 250, attempt: 1, channelType: 'email' });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('[Sightline] FIRING: <img src=x onerror=alert(1)> errors (shop)');
    const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
    expect(to.flatMap((a) => a.value.map((v) => v.address))).toEqual([
      'ops@example.com',
      'dev@example.com',
    ]);
    expect(mail.text).toContain('JavaScript errors 12 over 1 min (above 5)');
    expect(mail.text).toContain('https://admin.example/sites/shop/alerts');
    expect(mail.html).not.toBe(false);
    expect(String(mail.html)).not.toContain('<img');
    expect(String(mail.html)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('retries a refused message and logs the server reply code', async () => {
    refuse = true;
    const log = recorder();
    const last = await deliverAlert(firing(), email(['nobody@example.com']), {
      ...log.deps,
      smtp: { url, from: 'alerts@example.com' },
      retry: { attempts: 2, jitter: 0 },
    });
    refuse = false;
    expect(log.attempts.map((a) => [a.ok, a.status])).toEqual([
      [false, 550],
      [false, 550],
    ]);
    expect(log.waits).toEqual([1_000]);
    expect(last.error).toMatch(/no such mailbox/);
  });

  it('without an SMTP server, fails once and says what to configure', async () => {
    const log = recorder();
    const last = await deliverAlert(firing(), email(['ops@example.com']), log.deps);
    expect(log.attempts).toHaveLength(1);
    expect(last).toMatchObject({ ok: false, error: 'no SMTP server is configured (SMTP_URL)' });
  });
});
