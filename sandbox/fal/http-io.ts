export { readJson, sendJson } from '../../src/web/http-io.js';
