import { createLogger } from '@sightline/observability';
import { busContract } from '../../../test/bus/bus-contract.js';
import { EmbeddedBus } from '../src/index.js';

const logger = createLogger('bus-contract', 'silent');

busContract(
  'the embedded bus',
  (topics) => {
    const bus = new EmbeddedBus({ topics, logger });
    return Promise.resolve({ bus, name: (topic) => topic, close: () => bus.close() });
  },
  5_000,
);
