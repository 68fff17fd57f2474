import { EventEmitter } from 'node:events';

/**
 * Tells listeners that a product has new activity up to an event number. It carries no data:
 * listeners read the activity log, so a missed or duplicated signal loses nothing.
 */
export interface EventBus {
  publish(productId: number, eventNumber: number): void;
  subscribe(productId: number, listener: (eventNumber: number) => void): () => void;
  close(): Promise<void>;
}

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
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
