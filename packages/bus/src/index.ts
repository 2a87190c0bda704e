export { broadcastGroup } from './broadcast-group.js';
export { BusOverloadedError, BusUnavailableError } from './errors.js';
export { TOPIC, topicName, topicSpecs, type TopicId, type TopicSpec } from './topics.js';
export { KafkaBus, type KafkaBusOptions } from './kafka/kafka-bus.js';
export { DEFAULT_PUBLISHER_OPTIONS, type PublisherOptions } from './kafka/publisher.js';
export { EmbeddedBus, type EmbeddedBusOptions } from './embedded/embedded-bus.js';
export { socketFactory as noDelaySocketFactory } from './kafka/client.js';
export { TopicDeadLetters } from './dead-letters/topic-dead-letters.js';
