import { adminSuite } from './admin-suite.js';

adminSuite('distributed');
