// What an order costs dynalite (the local DynamoDB) to write, by index layout: BatchWriteItem of
// 25 order items, 8 calls in flight, into a table with a global secondary index projecting ALL
// or KEYS_ONLY on every order, or with no index entry per order (Velocity's sparse listing
// index). Prints items/s and dynalite's CPU microseconds per item (from /proc).
//   node loadtest/dynalite-writes.mjs [items-per-layout]
// Needs local-stack/node_modules (built by ./velocity run or ./velocity test).
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
const data = mkdtempSync(join(tmpdir(), 'dynalite-writes-'));
const dynalite = spawn('node', [join(root, 'local-stack/node_modules/dynalite/cli.js'), '--host', '127.0.0.1', '--port', String(port),
  '--createTableMs', '0', '--path', data], { stdio: 'ignore' });
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

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
  if (layout !== 'none') {
    definition.AttributeDefinitions.push({ AttributeName: 'saleId', AttributeType: 'S' }, { AttributeName: 'placedAt', AttributeType: 'S' });
    definition.GlobalSecondaryIndexes = [{ IndexName: 'by-sale',
      KeySchema: [{ AttributeName: 'saleId', KeyType: 'HASH' }, { AttributeName: 'placedAt', KeyType: 'RANGE' }],
      Projection: { ProjectionType: layout === 'all' ? 'ALL' : 'KEYS_ONLY' } }];
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
    }
  }
  await Promise.all(Array.from({ length: 8 }, writer));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: Math.round(next / seconds), cpu: ((cpuMicros() - cpuBefore) / next).toFixed(0) };
}

try {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  console.log(`dynalite writes, ${items} order items per layout, BatchWriteItem of 25, 8 in flight`);
  console.log('| index entry per order | items/s | dynalite CPU us per item |');
  console.log('| --- | --- | --- |');
  for (const [layout, label] of [['all', 'GSI on saleId, projection ALL'], ['keys', 'GSI on saleId, projection KEYS_ONLY'],
    ['none', 'none (sparse listing index)']]) {
    const { rate, cpu } = await measure(layout);
    console.log(`| ${label} | ${rate} | ${cpu} |`);
  }
} finally {
  dynalite.kill();
  agent.destroy();
  rmSync(data, { recursive: true, force: true });
}
