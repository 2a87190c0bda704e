/**
 * The npm build:
 *   import { init } from '@sightline/tracker';
 *   const sightline = init({ site: 'SITE_KEY', endpoint: 'https://stats.example.com' });
 *   sightline('event', 'signup', { plan: 'pro' });
 */
export { createTracker as init, type Command, type TrackerOptions } from './tracker.js';
