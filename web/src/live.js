import { Client } from '@stomp/stompjs';

// One STOMP connection to /ws; subscriptions survive reconnects (stompjs re-subscribes).
// Per sale: its stock (/topic/stock/{saleId}) to onStock and, when onQueue is given, its
// waiting room (/topic/queue/{saleId}).
export function connectLive({ onStock, onQueue }, saleIds) {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const client = new Client({
    brokerURL: `${scheme}://${window.location.host}/ws`,
    reconnectDelay: 1000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
  });
  client.onConnect = () => {
    for (const saleId of saleIds) {
      client.subscribe(`/topic/stock/${saleId}`, (message) => onStock(JSON.parse(message.body)));
      if (onQueue) {
        client.subscribe(`/topic/queue/${saleId}`, (message) => onQueue(JSON.parse(message.body)));
      }
    }
  };
  client.activate();
  return () => client.deactivate();
}
