import { z } from 'zod';
import { collectBatch } from './batch.js';
import { clientEvent, collectedEvent } from './event.js';
import { alertChannel } from './config/alert-channel.js';
import { alertRule } from './config/alert-rule.js';
import { funnel, goal } from './config/goal.js';
import { profileConfig } from './config/profile.js';
import { alertEvent } from './messages/alert-event.js';
import { profileHit } from './messages/profile-hit.js';
import { windowAggregate } from './messages/window-aggregate.js';
import { sessionRecord } from './records/session.js';

/** JSON Schema documents of the contract, for clients in other languages and for the docs. */
export function contractJsonSchemas(): Record<string, unknown> {
  return {
    'alert-channel.schema.json': z.toJSONSchema(alertChannel),
    'alert-event.schema.json': z.toJSONSchema(alertEvent),
    'alert-rule.schema.json': z.toJSONSchema(alertRule, { io: 'input' }),
    'client-event.schema.json': z.toJSONSchema(clientEvent),
    'collect-batch.schema.json': z.toJSONSchema(collectBatch),
    'collected-event.schema.json': z.toJSONSchema(collectedEvent),
    'funnel.schema.json': z.toJSONSchema(funnel),
    'goal.schema.json': z.toJSONSchema(goal),
    'profile.schema.json': z.toJSONSchema(profileConfig, { io: 'input' }),
    'profile-hit.schema.json': z.toJSONSchema(profileHit),
    'session-record.schema.json': z.toJSONSchema(sessionRecord),
    'window-aggregate.schema.json': z.toJSONSchema(windowAggregate),
  };
}
