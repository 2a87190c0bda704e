import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../src/index.js';

const secret = 'whsec_test_secret_0123456789';
const body = '{"hello":"world"}';
const t = 1_800_000_000;

describe('webhook signatures', () => {
  it('are an HMAC-SHA256 of the time and the body', () => {
    // printf '%s' '1800000000.{"hello":"world"}' | openssl dgst -sha256 -hmac whsec_test_secret_0123456789
    expect(signWebhook(secret, body, t)).toBe(
      't=1800000000,v1=ca9ea1e7dfddc1694b26cdcc7a6c399a86ab3c1b38910b890877d8784044323c',
    );
  });

  it('verify the genuine, and refuse a changed body, another secret, an old time or junk', () => {
    const header = signWebhook(secret, body, t);
    const now = t * 1_000 + 60_000;
    expect(verifyWebhookSignature({ secret, header, body, now })).toBe(true);
    expect(verifyWebhookSignature({ secret, header, body: body + ' ', now })).toBe(false);
    expect(verifyWebhookSignature({ secret: `${secret}x`, header, body, now })).toBe(false);
    expect(verifyWebhookSignature({ secret, header, body, now: now + 600_000 })).toBe(false);
    const v1 = header.slice(header.indexOf('v1='));
    const junkHeaders = [undefined, '', 'garbage', 't=abc,v1=00', `t=${t}`, `t=${t},v1=zz`];
    // The right HMAC under a time written another way is still refused.
    junkHeaders.push(`t=1.8e9,${v1}`, `t=0x6B49D200,${v1}`, `t=,${v1}`, v1);
    for (const junk of junkHeaders)
      expect(verifyWebhookSignature({ secret, header: junk, body, now }), String(junk)).toBe(false);
  });
});
