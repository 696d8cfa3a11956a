export { BodyTooLargeError, readBody, readJson, sendEmpty, sendJson } from '../../src/web/http-io.js';
