import { EventEmitter } from 'node:events';

/**
 * Tells listeners that a product has new activity up to an event number. It carries no data:
 * listeners read the activity log, so a missed or duplicated signal loses nothing.
 */
export interface EventBus {
  publish(productId: number, eventNumber: number): void;
  subscribe(productId: number, listener: (eventNumber: number) => void): () => void;
  /** Tells a person's streams that they have notifications up to `seq`, or that some were read. */
  publishUser(userId: number, signal: UserSignal): void;
  subscribeUser(userId: number, listener: (signal: UserSignal) => void): () => void;
  /**
   * Tells a person's open streams that what they may see has changed (a session ended, a token was
   * revoked, a role changed or was taken away, the account was deactivated): each checks again at once.
   */
  publishAccess(userId: number): void;
  subscribeAccess(userId: number, listener: () => void): () => void;
  close(): Promise<void>;
}

/** A person's notifications up to number `seq` exist, or their read marks changed. */
export type UserSignal = { type: 'notification'; seq: number } | { type: 'read' };

/** Event names of people's signals on an emitter shared with products' numeric ones. */
export const userTopic = (userId: number) => `u${userId}`;
/** Event names of people's access signals on the same emitter. */
export const accessTopic = (userId: number) => `a${userId}`;

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(productId: number, eventNumber: number): void {
    this.emitter.emit(String(productId), eventNumber);
  }
  subscribe(productId: number, listener: (eventNumber: number) => void): () => void {
    this.emitter.on(String(productId), listener);
    return () => this.emitter.off(String(productId), listener);
  }
  publishUser(userId: number, signal: UserSignal): void {
    this.emitter.emit(userTopic(userId), signal);
  }
  subscribeUser(userId: number, listener: (signal: UserSignal) => void): () => void {
    this.emitter.on(userTopic(userId), listener);
    return () => this.emitter.off(userTopic(userId), listener);
  }
  publishAccess(userId: number): void {
    this.emitter.emit(accessTopic(userId));
  }
  subscribeAccess(userId: number, listener: () => void): () => void {
    this.emitter.on(accessTopic(userId), listener);
    return () => this.emitter.off(accessTopic(userId), listener);
  }
  /** Asks every open stream of this process to check its access (another process changed something). */
  publishAccessToEveryone(): void {
    for (const topic of this.emitter.eventNames()) if (typeof topic === 'string' && topic.startsWith('a')) this.emitter.emit(topic);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
