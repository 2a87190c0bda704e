export interface Site {
  key: string;
  name: string;
  origins: string[];
  scrubParams?: string[];
  pathsIgnoreCase?: boolean;
  retention?: Partial<Retention>;
  createdAt: number;
}

/** How long data is kept: raw events in days, aggregates in months (0: for ever). */
export interface Retention {
  eventsDays: number;
  aggregatesMonths: number;
}
