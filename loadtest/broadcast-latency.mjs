// How long after the last purchase of a sale does a STOMP subscriber see its final stock (0)?
// Sells out a small sale N times, each time timing last 200 -> snapshot with remaining 0.
//   node loadtest/broadcast-latency.mjs http://localhost:8080 <admin-token> [rounds]
import { createRequire } from 'node:module';
const require = createRequire(new URL('../web/package.json', import.meta.url));
const { Client } = require('@stomp/stompjs');
const WebSocket = require('ws');

const [base, token, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 30);
const ws = base.replace(/^http/, 'ws') + '/ws';

const client = new Client({ webSocketFactory: () => new WebSocket(ws), reconnectDelay: 0 });
await new Promise((resolve, reject) => {
  client.onConnect = resolve;
  client.onStompError = reject;
  client.activate();
});

const latencies = [];
for (let round = 0; round < rounds; round++) {
  const saleId = `bcast-${Date.now().toString(36)}-${round}`;
  await fetch(`${base}/admin/sales/${saleId}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'broadcast', stock: 20 }),
  });
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
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ saleId, userId: `b${round}-${i}` }),
  })));
  const lastPurchase = performance.now();
  await seen;
  latencies.push(Math.max(0, finalSeen - lastPurchase));
}
client.deactivate();
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
console.log(`RESULT rounds=${rounds} p50_ms=${pct(50).toFixed(1)} p99_ms=${pct(99).toFixed(1)} max_ms=${latencies[latencies.length - 1].toFixed(1)}`);
process.exit(0);
