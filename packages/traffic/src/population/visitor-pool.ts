import { randomUUID } from 'node:crypto';
import { chance, pick, type Random } from '../random.js';
import { someBot, someDevice, somePlace, type Audience, type Device } from './devices.js';

/** Someone who visits a site, possibly again: the same id, browser and address each time. */
export interface Visitor {
  id: string;
  device: Device;
  /** The address ingest sees (X-Forwarded-For). */
  ip: string;
  lang: string;
  tz: string;
  bot: boolean;
  /** Visits made before this one. */
  visits: number;
}

export interface PoolOptions {
  /** Share of visits by someone who came before (when anyone has). */
  returning: number;
  /** Share of visits by crawlers. */
  bots: number;
  /** Visitors remembered for a return; the oldest are forgotten past it. */
  capacity: number;
}

/** The people who visit one site: new ones, returning ones and a few bots. */
export class VisitorPool {
  private readonly known: Visitor[] = [];
  private next = 0;

  constructor(
    private readonly audience: Audience,
    private readonly random: Random,
    private readonly options: PoolOptions = { returning: 0.3, bots: 0.02, capacity: 50_000 },
  ) {}

  /** Who makes the next visit. */
  visitor(): Visitor {
    if (chance(this.random, this.options.bots)) return this.fresh(true);
    if (this.known.length > 0 && chance(this.random, this.options.returning)) {
      const visitor = pick(this.random, this.known);
      visitor.visits++;
      return visitor;
    }
    const visitor = this.fresh(false);
    if (this.known.length < this.options.capacity) this.known.push(visitor);
    else this.known[this.next++ % this.options.capacity] = visitor;
    return visitor;
  }

  private fresh(bot: boolean): Visitor {
    const place = somePlace(this.random, this.audience);
    return {
      id: `v${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      device: bot ? someBot(this.random) : someDevice(this.random),
      ip: `${place.block}.${1 + Math.floor(this.random() * 254)}`,
      lang: place.lang,
      tz: place.tz,
      bot,
      visits: 0,
    };
  }
}
