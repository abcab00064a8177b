// What an order costs dynalite (the local DynamoDB) to write, by how a sale's orders are listed:
// BatchWriteItem of 25 order items, 8 calls in flight, into a table with an index entry per order
// (a global secondary index on saleId projecting ALL or KEYS_ONLY), with none, or with a page
// item per 100 orders on a sparse listing index (Velocity's layout). Prints orders/s and
// dynalite's CPU microseconds per order (from /proc, LevelDB's own threads included).
//   node loadtest/dynalite-writes.mjs [items-per-layout]   (LAYOUTS=keys,pages-keys,... to pick some)
// Needs local-servers/node_modules (built by ./velocity run or ./velocity test).
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';

const items = Number(process.argv[2] ?? 60000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});
// A fresh dynalite per layout: LevelDB's compactions of one layout's data must not bill the next.
let dynalite;
let data;
async function startDynalite() {
  data = mkdtempSync(join(tmpdir(), 'dynalite-writes-'));
  dynalite = spawn('node', [join(root, 'local-servers/dynalite-server.js'), '--host', '127.0.0.1', '--port', String(port),
    '--createTableMs', '0', ...(process.env.DYNALITE_IN_MEMORY ? [] : ['--path', data])], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 1500));
}
function stopDynalite() {
  dynalite.kill();
  agent.destroy();
  rmSync(data, { recursive: true, force: true });
}
let agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function call(target, body) {
  return new Promise((resolve, reject) => {
    const json = JSON.stringify(body);
    const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: {
      'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${target}`,
      Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
      'X-Amz-Date': '20260101T000000Z', 'Content-Length': Buffer.byteLength(json) } }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(text))));
    });
    request.on('error', reject);
    request.end(json);
  });
}

// User + system CPU of dynalite, in microseconds (clock ticks of 10 ms).
function cpuMicros() {
  const fields = readFileSync(`/proc/${dynalite.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10000;
}

async function measure(layout) {
  const table = `orders-${layout}-${Date.now()}`;
  const definition = { TableName: table, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }] };
  if (layout === 'all' || layout === 'keys') {
    definition.AttributeDefinitions.push({ AttributeName: 'saleId', AttributeType: 'S' }, { AttributeName: 'placedAt', AttributeType: 'S' });
    definition.GlobalSecondaryIndexes = [{ IndexName: 'by-sale',
      KeySchema: [{ AttributeName: 'saleId', KeyType: 'HASH' }, { AttributeName: 'placedAt', KeyType: 'RANGE' }],
      Projection: { ProjectionType: layout === 'all' ? 'ALL' : 'KEYS_ONLY' } }];
  } else if (layout.startsWith('pages')) {
    definition.AttributeDefinitions.push({ AttributeName: 'listedUnder', AttributeType: 'S' }, { AttributeName: 'listedAs', AttributeType: 'S' });
    definition.GlobalSecondaryIndexes = [{ IndexName: 'listing',
      KeySchema: [{ AttributeName: 'listedUnder', KeyType: 'HASH' }, { AttributeName: 'listedAs', KeyType: 'RANGE' }],
      Projection: { ProjectionType: layout === 'pages-all' ? 'ALL' : 'KEYS_ONLY' } }];
  }
  await call('CreateTable', definition);
  while ((await call('DescribeTable', { TableName: table })).Table.TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let next = 0;
  const started = process.hrtime.bigint();
  const cpuBefore = cpuMicros();
  async function writer() {
    while (next < items) {
      const batch = [];
      for (let i = 0; i < 25; i++) {
        const n = next++;
        const now = new Date().toISOString();
        batch.push({ PutRequest: { Item: { orderId: { S: `sale-1.${n}-${Math.random().toString(36).slice(2)}` }, saleId: { S: 'sale-1' },
          userId: { S: `user-${n}` }, quantity: { N: '1' }, placedAt: { S: now }, persistedAt: { S: now }, idempotencyKey: { S: `key-${n}` } } } });
      }
      await call('BatchWriteItem', { RequestItems: { [table]: batch } });
      if (layout.startsWith('pages')) {
        // One page listing four such batches (100 orders), as the worker writes after them.
        pending.push(...batch.map((put) => put.PutRequest.Item));
        if (pending.length >= 100) {
          const orders = pending.splice(0, 100).map((item) => ({ orderId: item.orderId.S, saleId: 'sale-1', userId: item.userId.S,
            quantity: 1, placedAt: item.placedAt.S, idempotencyKey: item.idempotencyKey.S }));
          const listedAs = `${orders[0].placedAt}#${orders[0].orderId}`;
          // Compact: a row per order, no field names and no sale id (the page's own).
          const listing = layout === 'pages-compact'
            ? { rows: orders.map((o) => [o.orderId, o.userId, o.quantity, Date.parse(o.placedAt), o.idempotencyKey]) }
            : { orders };
          await call('BatchWriteItem', { RequestItems: { [table]: [{ PutRequest: { Item: { orderId: { S: `page#sale-1#${listedAs}` },
            listedUnder: { S: 'sale-1' }, listedAs: { S: listedAs }, orders: { S: JSON.stringify(listing) } } } }] } });
        }
      }
    }
  }
  const pending = [];
  await Promise.all(Array.from({ length: 8 }, writer));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: Math.round(next / seconds), cpu: ((cpuMicros() - cpuBefore) / next).toFixed(0) };
}

console.log(`dynalite writes, ${items} orders per layout, BatchWriteItem of 25, 8 in flight${process.env.DYNALITE_IN_MEMORY ? ', in memory' : ', on LevelDB'}`);
console.log('| listing | orders/s | dynalite CPU us per order |');
console.log('| --- | --- | --- |');
for (const [layout, label] of [['all', 'an entry per order: GSI on saleId, projection ALL'],
  ['keys', 'an entry per order: GSI on saleId, projection KEYS_ONLY'], ['none', 'none, and no pages'],
  ['pages-all', 'pages of 100 orders on a listing GSI, projection ALL'],
  ['pages-keys', 'pages of 100 orders on a listing GSI, projection KEYS_ONLY'],
  ['pages-compact', 'the same, each page\'s orders as rows without field names or sale id']]
  .filter(([layout]) => !process.env.LAYOUTS || process.env.LAYOUTS.split(',').includes(layout))) {
  await startDynalite();
  try {
    const { rate, cpu } = await measure(layout);
    console.log(`| ${label} | ${rate} | ${cpu} |`);
  } finally {
    stopDynalite();
    agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  }
}
