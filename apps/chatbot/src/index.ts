export { startChatbot, type Chatbot, type ChatbotDeps } from './chatbot.js';
export { assistanceOf, messageIdOf, profileHitOf } from './emit/outputs.js';
export { VisitorTable } from './visitors/visitor-table.js';
