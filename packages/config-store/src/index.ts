export { CONFIG_KINDS, type ConfigChange, type ConfigKind, type ConfigStore } from './port.js';
export { BusConfigStore } from './bus-config-store.js';
export { FileConfigStore } from './file-config-store.js';
export { originAllowed, Sites } from './sites.js';
export { Profiles, profileRecordId } from './profiles.js';
export { ApiKeys, Sessions, Users } from './accounts.js';
export { AlertRules, alertRuleRecordId } from './alert-rules.js';
export { AlertChannels } from './alert-channels.js';
export { Goals, goalRecordId } from './goals.js';
