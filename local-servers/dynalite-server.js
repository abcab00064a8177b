#!/usr/bin/env node
// dynalite, started as its own cli.js starts it, with one change: a client that hangs up in the
// middle of a request no longer takes the server down. dynalite 4.0.0 rethrows a request's
// 'error' event ('aborted', ECONNRESET) as an uncaught exception (architect/dynalite#183), so a
// worker killed while it sent a batch killed the local DynamoDB with it.
//   node dynalite-server.js --host 127.0.0.1 --port 4567 [--path DIR] [--createTableMs 0] ...
'use strict'
const { parseArgs } = require('node:util')
const dynalite = require('dynalite')

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string', default: '4567' },
    path: { type: 'string' },
    createTableMs: { type: 'string' },
    deleteTableMs: { type: 'string' },
    updateTableMs: { type: 'string' },
    maxItemSizeKb: { type: 'string' },
  },
})
const options = { path: values.path }
for (const name of ['createTableMs', 'deleteTableMs', 'updateTableMs', 'maxItemSizeKb']) {
  if (values[name] !== undefined) options[name] = Number(values[name])
}

const server = dynalite(options)
const [handle] = server.listeners('request')
server.removeAllListeners('request')
server.on('request', (req, res) => {
  handle(req, res)
  // dynalite's handler has just added its throwing listener: put a harmless one in its place.
  req.removeAllListeners('error')
  req.on('error', () => res.destroy())
})
server.listen(Number(values.port), values.host, () => {
  console.log('Dynalite listening at: http://%s:%s', values.host || 'localhost', server.address().port)
})
