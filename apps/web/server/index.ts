export { startWebServer, type WebDeps, type WebServer } from './web-server.js';
