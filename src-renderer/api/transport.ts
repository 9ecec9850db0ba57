import { BRIDGE_API_PREFIX, BRIDGE_EVENTS_PATH, BRIDGE_TOKEN_HEADER } from '../../src-shared/api/envelope.js';
import type { RawTransport } from '../../src-shared/api/client.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the UI is served by the loopback bridge. */
    plantshiftTransport?: RawTransport;
  }
}

/** Talks to the loopback bridge with the per-launch token from the URL fragment. */
export function bridgeTransport(token: string): RawTransport {
  return {
    async invoke(channel, input) {
      const res = await fetch(BRIDGE_API_PREFIX + encodeURIComponent(channel), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      return res.json();
    },
    on(listener) {
      const source = new EventSource(`${BRIDGE_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
      const names = ['run.progress'];
      const handlers = names.map((name) => {
        const h = (e: MessageEvent<string>): void => listener(name, JSON.parse(e.data));
        source.addEventListener(name, h);
        return h;
      });
      return () => {
        names.forEach((n, i) => source.removeEventListener(n, handlers[i]!));
        source.close();
      };
    },
  };
}

export function detectTransport(): RawTransport {
  if (window.plantshiftTransport) return window.plantshiftTransport;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (!token) throw new Error('No API available: open the URL printed by "plantshift serve" (it carries the access token).');
  return bridgeTransport(token);
}
