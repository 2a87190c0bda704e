/**
 * One event id as a partition reads it: the message at `offset` of `partition` carries it, and
 * ingest received it at `receivedAt`.
 */
export interface IdClaim {
  id: string;
  partition: number;
  offset: number;
  receivedAt: number;
}

/**
 * The ledger of event ids already counted, across partitions and windows: a retried batch may
 * come back with another visitor key (another partition) or another time (another window), and
 * must still count once. The first message to claim an id owns it; asking again from that same
 * message (a replay after a restart) answers "owned" again, from any other message "duplicate".
 * Ids are remembered for at least DEDUPE_SCOPE_MS of ingest time (see dedupe/generations.ts).
 */
export interface DedupeStore {
  ensureSchema(): Promise<void>;
  /** Per claim, in order: whether its message owns the id (true) or repeats it (false). */
  claim(claims: IdClaim[]): Promise<boolean[]>;
  /** Forgets ids older than the scope (cheap: whole generations go at once). */
  expire(now: number): Promise<void>;
  close(): Promise<void>;
}
