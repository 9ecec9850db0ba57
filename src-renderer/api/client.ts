import { contract, events, EVENT_NAMES, type EventName } from '../../src-shared/api/contract.js';
import { ApiError, EnvelopeSchema } from '../../src-shared/api/envelope.js';
import type { PlantshiftApi, RawTransport } from '../../src-shared/api/client.js';

/** The typed client: checks every reply's envelope and output schema, so the UI never renders unchecked data. */
export function createApi(transport: RawTransport): PlantshiftApi {
  return {
    async invoke(channel, input) {
      const raw = await transport.invoke(channel, input);
      const env = EnvelopeSchema.parse(raw);
      if (!env.ok) throw new ApiError(env.error);
      return contract[channel].output.parse(env.value) as never;
    },
    on(event, listener) {
      return transport.on((name, payload) => {
        if (name !== event || !(EVENT_NAMES as string[]).includes(name)) return;
        const parsed = events[name as EventName].safeParse(payload);
        if (parsed.success) listener(parsed.data as never);
      });
    },
  };
}
