// The assistant's precision and recall on a generated, labelled corpus of scripted visits to the
// university demo site (bench/src/lib/assistant/corpus.ts): matches of its four profiles,
// near misses, bots, speed-clickers, several tabs, aliases, returning visitors — played over HTTP
// and the WebSocket as the tracker sends, against the built single process, with background
// traffic going through it meanwhile. Reports precision, recall, duplicates, messages on the wrong
// page and latency per profile. Needs a build (npm run build).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { assistantCorpus } from './lib/assistant/corpus.js';
import { ORIGIN, playVisit, type VisitOutcome } from './lib/assistant/scripted-visitor.js';
import { BENCH_UA, loadBatch, PER_REQUEST } from './lib/load.js';
import { record, table } from './lib/report.js';
import { startSingleProcess } from './lib/single-process.js';
import { quantile } from './lib/stats.js';

const SEED = Number(process.env.BENCH_SEED ?? 1);
const PER_PROFILE = Number(process.env.BENCH_PER_PROFILE ?? 4);
/** Events/s of other visitors' traffic meanwhile. */
const BACKGROUND = Number(process.env.BENCH_BACKGROUND ?? 2_000);
const RECORD = process.env.BENCH_RECORD !== '0';
const SITE = 'university';

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  duplicates: number;
  wrongPage: number;
  latencies: { after: string; ms: number }[];
}

const fmt = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const ms = (values: number[], q: number) =>
  values.length === 0 ? '—' : String(Math.round(quantile(values, q)));

function tallyOf(outcomes: VisitOutcome[], profiles: string[]) {
  const byProfile = new Map<string, Tally>(
    profiles.map((id) => [id, { tp: 0, fp: 0, fn: 0, duplicates: 0, wrongPage: 0, latencies: [] }]),
  );
  const byKind = new Map<string, { visits: number; messaged: number; right: number }>();
  for (const { visit, received } of outcomes) {
    const ids = new Set(received.map((r) => r.id));
    const fired = new Map<string, number>();
    for (const id of ids) {
      const profileId = received.find((r) => r.id === id)!.profileId;
      fired.set(profileId, (fired.get(profileId) ?? 0) + 1);
    }
    for (const [profileId, count] of fired) {
      const tally = byProfile.get(profileId)!;
      if (profileId === visit.expected) tally.tp++;
      else tally.fp++;
      tally.duplicates += count - 1;
    }
    if (visit.expected && !fired.has(visit.expected)) byProfile.get(visit.expected)!.fn++;
    for (const r of received) {
      const tally = byProfile.get(r.profileId)!;
      if (r.page !== undefined && r.page !== r.onPage) tally.wrongPage++;
      if (r.profileId === visit.expected) tally.latencies.push({ after: r.after, ms: r.latencyMs });
    }
    // The same message twice on the visit's pages.
    const extra = received.length - ids.size;
    if (extra > 0) byProfile.get(received[0]!.profileId)!.duplicates += extra;
    const kind = byKind.get(visit.kind) ?? { visits: 0, messaged: 0, right: 0 };
    kind.visits++;
    if (ids.size > 0) kind.messaged++;
    if (visit.expected ? fired.size === 1 && fired.has(visit.expected) : ids.size === 0)
      kind.right++;
    byKind.set(visit.kind, kind);
  }
  return { byProfile, byKind };
}

async function main() {
  const profiles = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', 'examples', SITE, 'profiles.json'), 'utf8'),
  ) as { id: string }[];
  const corpus = assistantCorpus(SEED, PER_PROFILE);
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-precision-'));
  const single = await startSingleProcess(3930, { DATA_DIR: dataDir });
  let stopLoad = () => {};
  try {
    await single.admin
      .post('/api/sites', { key: SITE, name: 'University', origins: ['*'] })
      .catch((error: unknown) => {
        if (!/answered 409/.test(String(error))) throw error;
      });
    for (const profile of profiles)
      await single.admin.put(`/api/sites/${SITE}/profiles/${profile.id}`, profile);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the chatbot takes them
    if (BACKGROUND > 0) {
      const instance = autocannon(
        {
          url: `${single.urls.ingest}/api/collect`,
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'user-agent': BENCH_UA, origin: ORIGIN },
          connections: 8,
          overallRate: BACKGROUND / PER_REQUEST,
          duration: 3_600,
          requests: [{ setupRequest: (request) => ({ ...request, body: loadBatch() }) }],
        },
        () => undefined,
      );
      stopLoad = () => instance.stop();
      await new Promise((resolve) => setTimeout(resolve, 10_000)); // warm up
    }
    const started = Date.now();
    const outcomes = await Promise.all(
      corpus.map(async (visit, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 150));
        return playVisit(single.urls.ingest, SITE, visit);
      }),
    );
    const tookS = Math.round((Date.now() - started) / 1_000);
    stopLoad();
    const errors = outcomes.flatMap((o) => o.errors.map((e) => `${o.visit.name}: ${e}`));
    if (errors.length > 0) console.warn(`errors while playing:\n${errors.slice(0, 20).join('\n')}`);

    const { byProfile, byKind } = tallyOf(
      outcomes,
      profiles.map((p) => p.id),
    );
    const all = [...byProfile.values()];
    const sum = (key: 'tp' | 'fp' | 'fn' | 'duplicates' | 'wrongPage') =>
      all.reduce((total, t) => total + t[key], 0);
    const precision = sum('tp') / (sum('tp') + sum('fp'));
    const recall = sum('tp') / (sum('tp') + sum('fn'));
    const row = (name: string, t: Omit<Tally, 'latencies'> & { latencies: Tally['latencies'] }) => {
      const socketOpen = t.latencies.filter((l) => l.after !== 'pageview').map((l) => l.ms);
      const pageViews = t.latencies.filter((l) => l.after === 'pageview').map((l) => l.ms);
      return [
        name,
        t.tp,
        t.fp,
        t.fn,
        fmt(t.tp / (t.tp + t.fp)),
        fmt(t.tp / (t.tp + t.fn)),
        t.duplicates,
        t.wrongPage,
        `${ms(socketOpen, 0.5)} / ${ms(socketOpen, 0.99)}`,
        `${ms(pageViews, 0.5)} / ${ms(pageViews, 0.99)}`,
      ];
    };
    const perProfile = table(
      [
        'Profile',
        'Hits',
        'False positives',
        'Missed',
        'Precision',
        'Recall',
        'Duplicates',
        'On another page',
        'Latency, socket open (ms p50 / p99)',
        'Latency, page view incl. socket (ms p50 / p99)',
      ],
      [
        ...[...byProfile].map(([id, t]) => row(id, t)),
        row('**all**', {
          tp: sum('tp'),
          fp: sum('fp'),
          fn: sum('fn'),
          duplicates: sum('duplicates'),
          wrongPage: sum('wrongPage'),
          latencies: all.flatMap((t) => t.latencies),
        }),
      ],
    );
    const perKind = table(
      ['Visits of the kind', 'Visits', 'Messaged', 'As labelled'],
      [...byKind].map(([kind, k]) => [kind, k.visits, k.messaged, k.right]),
    );
    const notes = [
      `${corpus.length} scripted visits (seed ${SEED}, ${PER_PROFILE} per profile and kind), played at once over ${tookS} s against the built single process with ${BACKGROUND.toLocaleString('en-GB')} events/s of other traffic; precision ${fmt(precision)}, recall ${fmt(recall)}. A match counts as a hit when its profile's message reaches one of its pages; any other message is a false positive. "On another page" counts messages received on a page other than the page view that completed the profile. Latency is from sending the completing event to the message arriving: over an open socket for actions and heartbeats, and for a page view from sending it over HTTP, its page's socket opening after it (as the tracker does).`,
      '',
      perKind,
    ].join('\n');
    console.log(perProfile);
    console.log(notes);
    if (RECORD)
      await record(
        'assistant-precision',
        'Assistant: precision and recall on a labelled corpus',
        'npm run bench -- assistant-precision',
        perProfile,
        {
          precision,
          recall,
          tookS,
          outcomes: outcomes.map((o) => ({
            name: o.visit.name,
            expected: o.visit.expected,
            received: o.received,
          })),
        },
        notes,
      );
  } finally {
    stopLoad();
    await single.process.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
