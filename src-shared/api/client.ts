import type { Channel, EventName, EventOf, InputOf, OutputOf } from './contract.js';

/** What the renderer sees, whichever host it runs in (Electron preload or loopback bridge). */
export interface PlantshiftApi {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

/** The raw transport each host provides; the typed client is built on it by the renderer. */
export interface RawTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(listener: (event: string, payload: unknown) => void): () => void;
}
