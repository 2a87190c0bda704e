export { startWebServer, type WebDeps, type WebServer, type WebStores } from './web-server.js';
