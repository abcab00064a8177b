// Signs COUNT shoppers in at an OAuth2 token endpoint (the local issuer's password grant), 32 at
// a time over kept-alive connections, and writes their access tokens, one a line: tokens.sh's job
// for crowds of 100,000, where a curl per token takes minutes.
//   node loadtest/mint-tokens.mjs <token-endpoint> <count> <file> [name-prefix]
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const [endpoint, countText, file, prefix = 'crowd'] = process.argv.slice(2);
const count = Number(countText);
if (!endpoint || !(count > 0) || !file) {
  console.error('usage: node loadtest/mint-tokens.mjs <token-endpoint> <count> <file> [name-prefix]');
  process.exit(2);
}
const agent = new Agent({ keepAlive: true, maxSockets: 32 });
const url = new URL(endpoint);

function mint(name) {
  const body = `grant_type=password&username=${encodeURIComponent(name)}`;
  return new Promise((resolve, reject) => {
    const call = request(url, {
      method: 'POST', agent,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => (response.statusCode === 200
        ? resolve(JSON.parse(text).access_token)
        : reject(new Error(`token endpoint: ${response.statusCode} ${text}`))));
    });
    call.on('error', reject);
    call.end(body);
  });
}

const tokens = new Array(count);
let next = 0;
async function lane() {
  while (next < count) {
    const index = next++;
    tokens[index] = await mint(`${prefix}-${index + 1}`);
  }
}
const started = Date.now();
await Promise.all(Array.from({ length: 32 }, lane));
writeFileSync(file, `${tokens.join('\n')}\n`);
agent.destroy();
console.log(`mint-tokens: ${count} tokens in ${((Date.now() - started) / 1000).toFixed(1)} s`);
