import type { WebSocket } from 'ws';

/**
 * The open sockets of each visitor (several tabs → several sockets), by "site:visitor", and the
 * page view each socket's page is on now (a tab sends its page views over its socket).
 */
export class SocketRegistry {
  private readonly byVisitor = new Map<string, Set<WebSocket>>();
  private readonly pageOf = new WeakMap<WebSocket, string>();
  private readonly keysOf = new WeakMap<WebSocket, Set<string>>();
  /** Assistance ids each socket's page has had (it says so on connecting; sends add to it). */
  private readonly seenBy = new WeakMap<WebSocket, Set<string>>();
  private readonly listeners = new Set<(key: string, socket: WebSocket) => void>();

  /**
   * Calls `listener` with "site:visitor" whenever a socket is added for a visitor, and whenever
   * a socket's page moves to another page view (a navigation in a single-page app).
   */
  onAdd(listener: (key: string, socket: WebSocket) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(site: string, visitor: string, socket: WebSocket): void {
    const key = `${site}:${visitor}`;
    let sockets = this.byVisitor.get(key);
    if (!sockets) this.byVisitor.set(key, (sockets = new Set()));
    sockets.add(socket);
    let keys = this.keysOf.get(socket);
    if (!keys) this.keysOf.set(socket, (keys = new Set()));
    keys.add(key);
    for (const listener of this.listeners) listener(key, socket);
  }

  /** The page view the socket's page is on now (from its URL, then from what it sends). */
  setPage(socket: WebSocket, page: string): void {
    if (this.pageOf.get(socket) === page) return;
    this.pageOf.set(socket, page);
    for (const key of this.keysOf.get(socket) ?? [])
      for (const listener of this.listeners) listener(key, socket);
  }

  page(socket: WebSocket): string | undefined {
    return this.pageOf.get(socket);
  }

  remove(socket: WebSocket): void {
    for (const key of this.keysOf.get(socket) ?? []) {
      const sockets = this.byVisitor.get(key);
      sockets?.delete(socket);
      if (sockets?.size === 0) this.byVisitor.delete(key);
    }
    this.keysOf.delete(socket);
  }

  /** Records that the socket's page has had these assistance messages. */
  markSeen(socket: WebSocket, ids: Iterable<string>): void {
    let seen = this.seenBy.get(socket);
    if (!seen) this.seenBy.set(socket, (seen = new Set()));
    for (const id of ids) seen.add(id);
  }

  /** Whether the socket's page has had the message `id` (sent here, or said so on connecting). */
  hasSeen(socket: WebSocket, id: string): boolean {
    return this.seenBy.get(socket)?.has(id) === true;
  }

  /** The visitor's sockets, oldest first (a Set keeps the order they opened in). */
  socketsOf(site: string, visitor: string): ReadonlySet<WebSocket> {
    return this.byVisitor.get(`${site}:${visitor}`) ?? new Set();
  }

  get visitors(): number {
    return this.byVisitor.size;
  }
}
