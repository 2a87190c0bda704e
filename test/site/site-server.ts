import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const SITE = join(import.meta.dirname, 'pages');

/** One second of a 440 Hz tone as a WAV file, so media tests need no binary fixture. */
function toneWav(seconds = 1, rate = 8_000): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples);
  for (let i = 0; i < samples; i++)
    data[i] = 128 + Math.round(60 * Math.sin((2 * Math.PI * 440 * i) / rate));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, data]);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
};

/**
 * The test site (or another folder of pages, such as an example pack's): static pages whose tag
 * points at the ingest under test ({{INGEST}}), on an origin of its own — as a real site would be.
 */
export async function startSiteServer(
  ingestUrl: string,
  pages = SITE,
): Promise<{ url: string; close(): Promise<void> }> {
  const wav = toneWav();
  const server: Server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://site').pathname).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    if (path === '/media/tone.wav') {
      response
        .writeHead(200, { 'content-type': 'audio/wav', 'content-length': wav.length })
        .end(wav);
      return;
    }
    const file = join(pages, path.endsWith('/') ? `${path}index.html` : path);
    try {
      let body: string | Buffer = readFileSync(file);
      if (file.endsWith('.html')) body = body.toString('utf8').replaceAll('{{INGEST}}', ingestUrl);
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
