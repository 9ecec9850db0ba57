import { events, type EventName, type EventOf } from '../../src-shared/api/contract.js';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Fans typed, validated events out to every connected UI (Electron window or bridge client). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    const checked = events[event].parse(payload);
    for (const l of this.listeners) {
      try {
        l(event, checked);
      } catch {
        // A UI that went away must not stop a fleet run.
      }
    }
  }
}
