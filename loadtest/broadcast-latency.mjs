// How long after the last purchase of a sale does a STOMP subscriber see its final stock (0)?
// Sells out a small sale N times, each time timing last 200 -> snapshot with remaining 0.
// Shoppers buy with the tokens of a file (loadtest/tokens.sh), one a line.
//   node loadtest/broadcast-latency.mjs http://localhost:8080 <admin-token> <tokens-file> [rounds]
import { createRequire } from 'node:module';
const require = createRequire(new URL('../web/package.json', import.meta.url));
const { Client } = require('@stomp/stompjs');
const WebSocket = require('ws');

const [base, token, tokensFile, roundsArg] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const shoppers = readFileSync(tokensFile, 'utf8').split('\n').filter(Boolean);
const rounds = Number(roundsArg || 30);
const ws = base.replace(/^http/, 'ws') + '/ws';

// Fails (never hangs) when the subscriber cannot connect or a sale's final stock never comes.
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`broadcast: ${what} took over ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Connects, trying again (a busy API can drop a WebSocket handshake).
const client = new Client({ webSocketFactory: () => new WebSocket(ws), reconnectDelay: 500 });
await within(30000, 'connecting to ' + ws, new Promise((resolve, reject) => {
  client.onConnect = resolve;
  client.onStompError = (frame) => reject(new Error(`broadcast: STOMP error ${frame.headers.message}`));
  client.onWebSocketError = (event) => console.error(`broadcast: WebSocket error (${event.message ?? event.type}); trying again`);
  client.activate();
}));

const latencies = [];
for (let round = 0; round < rounds; round++) {
  const saleId = `bcast-${Date.now().toString(36)}-${round}`;
  const created = await fetch(`${base}/admin/sales/${saleId}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'broadcast', stock: 20 }),
  });
  if (!created.ok) {
    throw new Error(`broadcast: PUT /admin/sales/${saleId} answered ${created.status}: ${await created.text()}`);
  }
  let finalSeen;
  const seen = new Promise((resolve) => {
    const sub = client.subscribe(`/topic/stock/${saleId}`, (message) => {
      if (JSON.parse(message.body).remaining === 0) {
        finalSeen = performance.now();
        sub.unsubscribe();
        resolve();
      }
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 150));
  await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${base}/buy`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${shoppers[(round * 20 + i) % shoppers.length]}`,
      'X-Forwarded-For': `10.9.${round % 256}.${i}`,
    },
    body: JSON.stringify({ saleId }),
  })));
  const lastPurchase = performance.now();
  await within(10000, `the final stock of ${saleId}`, seen);
  latencies.push(Math.max(0, finalSeen - lastPurchase));
}
client.deactivate();
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
console.log(`RESULT rounds=${rounds} p50_ms=${pct(50).toFixed(1)} p99_ms=${pct(99).toFixed(1)} max_ms=${latencies[latencies.length - 1].toFixed(1)}`);
process.exit(0);
