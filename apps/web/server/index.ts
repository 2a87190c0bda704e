export { startWebServer, type WebDeps, type WebServer, type WebStores } from './web-server.js';
export { webSettings } from './web-settings.js';
