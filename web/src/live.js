import { Client } from '@stomp/stompjs';

// One STOMP connection to /ws; subscriptions survive reconnects (stompjs re-subscribes).
export function connectLive(onSnapshot, saleIds) {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const client = new Client({
    brokerURL: `${scheme}://${window.location.host}/ws`,
    reconnectDelay: 1000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
  });
  client.onConnect = () => {
    for (const saleId of saleIds) {
      client.subscribe(`/topic/stock/${saleId}`, (message) => onSnapshot(JSON.parse(message.body)));
    }
  };
  client.activate();
  return () => client.deactivate();
}
