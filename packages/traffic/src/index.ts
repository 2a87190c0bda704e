export {
  startTraffic,
  type TrafficOptions,
  type TrafficRun,
  type TrafficStats,
} from './run/traffic-run.js';
export { dailyShape } from './run/daily-shape.js';
export { playVisit, type PlayOptions } from './run/play-visit.js';
export { planShopVisit } from './visits/shop-visit.js';
export { planUniversityVisit, type Intent } from './visits/university-visit.js';
export {
  eventCount,
  type VisitPlan,
  type PlannedPage,
  type PlannedEvent,
} from './visits/visit-plan.js';
export { VisitorPool, type Visitor } from './population/visitor-pool.js';
export { pick, seededRandom, type Random } from './random.js';
export { SHOP_ORIGIN, PRODUCTS } from './sites/shop-catalogue.js';
export { UNIVERSITY_ORIGIN } from './sites/university-pages.js';
export { DEMO_SCENARIO, momentAt, type Scenario } from './run/scenario.js';
export type { ShopMoment } from './visits/shop-visit.js';
export type { Assistance } from './send/socket-client.js';
export type { SendOutcome } from './send/sender.js';
export { visitEvents } from './visits/stamp-event.js';
