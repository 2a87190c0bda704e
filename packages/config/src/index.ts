export type {
  Config,
  ElasticsearchConfig,
  InfluxdbConfig,
  KafkaConfig,
  AlertsConfig,
  ChatbotConfig,
  ProcessorConfig,
  RetentionConfig,
  WebConfig,
} from './config.js';
export { ConfigError, loadConfig, type ConfigProblem } from './load.js';
export { variables, type Env, type Variable, type VariableName } from './variables.js';
export { renderEnvExample, renderMarkdownTable } from './env-example.js';
export { appSettings } from './app-settings.js';
