export { readJson, sendJson } from '../../web/http-io.js';
