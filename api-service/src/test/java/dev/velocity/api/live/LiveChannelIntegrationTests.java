package dev.velocity.api.live;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.SaleDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The live channel is the server's alone: a hostile STOMP client (SEND, thousands of
 * SUBSCRIBEs, topics that are not a sale's stock, no CONNECT, another origin) changes
 * nothing another subscriber sees nor costs a Redis read per made-up sale, with real
 * WebSocket clients speaking raw frames; and a subscription is announced to the
 * broadcasters only once the broker serves it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.live.connect-timeout=3s", "velocity.live.max-waiting-subscriptions=16" })
@UsesRealServers
class LiveChannelIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableApplicationContext context;

	/** The real catalog, on the real Redis, with its calls counted. */
	@MockitoSpyBean
	SaleCatalog catalog;

	private String saleId;

	@BeforeEach
	void sale(ApiClient api) {
		this.saleId = ApiIntegrationTestSupport.uniqueSaleId("channel");
		api.putSale(this.saleId, ApiIntegrationTestSupport.openSale(100, null));
	}

	@Test
	void refusesFramesSentToATopic(ApiClient api) throws Exception {
		List<StockSnapshot> seen = new CopyOnWriteArrayList<>();
		StompSession subscriber = ApiIntegrationTestSupport.subscribeToStock(this.port, this.saleId, seen);
		await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
		Raw hostile = Raw.connected(this.port);

		String forged = "{\"saleId\":\"" + this.saleId
				+ "\",\"remaining\":0,\"sold\":100,\"at\":\"2999-01-01T00:00:00Z\"}";
		hostile.send("SEND\ndestination:/topic/stock/" + this.saleId + "\ncontent-type:application/json\n\n" + forged
				+ "\0");

		assertThat(hostile.refusal()).matches("(?s)ERROR.*read-only.*|CLOSED");
		api.buy(this.saleId, "real-shopper", 1);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(seen).anySatisfy((s) -> assertThat(s.remaining()).isEqualTo(99)));
		assertThat(seen).noneSatisfy((snapshot) -> assertThat(snapshot.remaining()).isZero());
		subscriber.disconnect();
		hostile.close();
	}

	@Test
	void refusesSubscriptionsToAnythingButASalesStock() throws Exception {
		for (String destination : new String[] { "/topic/anything", "/topic/stock/a{b}", "/topic/stock/",
				"/app/stock/x", "/topic/stock/" + this.saleId + "/more" }) {
			Raw hostile = Raw.connected(this.port);
			hostile.send("SUBSCRIBE\nid:s-1\ndestination:" + destination + "\n\n\0");
			assertThat(hostile.refusal()).as(destination).matches("(?s)ERROR.*|CLOSED");
			hostile.close();
		}
	}

	@Test
	void boundsSubscriptionsPerConnectionSoThatOthersAreServedAtOnce() throws Exception {
		Raw hostile = Raw.connected(this.port);
		StringBuilder storm = new StringBuilder();
		for (int i = 0; i < 5_000; i++) {
			storm.append("SUBSCRIBE\nid:s-")
				.append(i)
				.append("\ndestination:/topic/stock/flood-")
				.append(i)
				.append("\n\n\0");
			if (storm.length() > 6_000) {
				hostile.sendQuietly(storm.toString());
				storm.setLength(0);
			}
		}
		hostile.sendQuietly(storm.toString());
		assertThat(hostile.refusal()).matches("(?s)ERROR.*at most 16 subscriptions.*|CLOSED");

		long start = System.nanoTime();
		List<StockSnapshot> seen = new CopyOnWriteArrayList<>();
		StompSession subscriber = ApiIntegrationTestSupport.subscribeToStock(this.port, this.saleId, seen);
		await().atMost(Duration.ofSeconds(2)).until(() -> !seen.isEmpty());
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
		subscriber.disconnect();
		hostile.close();
	}

	@Test
	void announcesEachSubscriptionOnlyOnceTheBrokerServesIt() throws Exception {
		SimpleBrokerMessageHandler broker = this.context.getBean("simpleBrokerMessageHandler",
				SimpleBrokerMessageHandler.class);
		String prefix = "/topic/stock/" + this.saleId + "-";
		Map<String, Boolean> servedWhenAnnounced = new ConcurrentHashMap<>();
		ApplicationListener<PayloadApplicationEvent<TopicSubscribed>> listener = ApplicationListener
			.forPayload((TopicSubscribed subscribed) -> {
				if (subscribed.destination().startsWith(prefix)) {
					SimpMessageHeaderAccessor to = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
					to.setDestination(subscribed.destination());
					servedWhenAnnounced.put(subscribed.destination(),
							!broker.getSubscriptionRegistry()
								.findSubscriptions(MessageBuilder.createMessage(new byte[0], to.getMessageHeaders()))
								.isEmpty());
				}
			});
		this.context.addApplicationListener(listener);
		try {
			Raw client = Raw.connected(this.port);
			for (int i = 0; i < 16; i++) {
				client.send("SUBSCRIBE\nid:s-" + i + "\ndestination:" + prefix + i + "\n\n\0");
			}

			await().atMost(Duration.ofSeconds(5)).until(() -> servedWhenAnnounced.size() == 16);
			assertThat(servedWhenAnnounced.values()).as("served when announced").containsOnly(true);
			client.close();
		}
		finally {
			this.context.removeApplicationListener(listener);
		}
	}

	@Test
	void readsNoStockForSalesThatDoNotExist() throws Exception {
		String madeUp = this.saleId + "-none-";
		Subscriptions announced = Subscriptions.of(this.context, madeUp);
		Raw hostile = Raw.connected(this.port);
		List<StockSnapshot> seen = new CopyOnWriteArrayList<>();
		StompSession subscriber = null;
		try {
			long start = System.nanoTime();
			// Made-up sales, subscribed to and let go, over many broadcast intervals.
			for (int round = 0; round < 10; round++) {
				StringBuilder frames = new StringBuilder();
				for (int i = 0; i < 16; i++) {
					frames.append("SUBSCRIBE\nid:s-")
						.append(i)
						.append("\ndestination:/topic/stock/")
						.append(madeUp)
						.append(round)
						.append('-')
						.append(i)
						.append("\n\n\0");
				}
				for (int i = 0; i < 16; i++) {
					frames.append("UNSUBSCRIBE\nid:s-").append(i).append("\n\n\0");
				}
				hostile.send(frames.toString());
				Thread.sleep(150);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> announced.count() == 160);

			// A real sale's subscriber is still served at once.
			subscriber = ApiIntegrationTestSupport.subscribeToStock(this.port, this.saleId, seen);
			await().atMost(Duration.ofSeconds(3)).until(() -> !seen.isEmpty());
			verify(this.catalog, never()).stockOf(startsWith(madeUp));
			// At most one read of the sales' index a second, counted before the time is.
			long indexReads = indexReads();
			long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
			assertThat(indexReads).isBetween(1L, seconds + 1);
		}
		finally {
			announced.close();
			if (subscriber != null) {
				subscriber.disconnect();
			}
			hostile.close();
		}
	}

	@Test
	void closesASocketThatNeverSendsConnect() throws Exception {
		Raw silent = Raw.open(this.port);
		long start = System.nanoTime();

		await().atMost(Duration.ofSeconds(10)).until(() -> !silent.session.isOpen());

		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(2_500L, 8_000L);
		assertThat(silent.closed).isNotNull();
	}

	@Test
	void answersHeartBeatsWhenTheClientAsksForThem() throws Exception {
		Raw client = Raw.open(this.port);
		client.send(connect());

		String connected = client.next();

		assertThat(connected).startsWith("CONNECTED").contains("heart-beat:10000,10000");
		client.close();
	}

	@Test
	void refusesAnotherOriginsPage() {
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setOrigin("https://evil.example");

		assertThatThrownBy(() -> new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), headers, URI.create("ws://127.0.0.1:" + this.port + "/ws"))
			.get(10, TimeUnit.SECONDS)).hasStackTraceContaining("403");
	}

	private static String connect() {
		return "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:10000,10000\n\n\0";
	}

	/** A WebSocket client that speaks raw STOMP frames, as a hostile one would. */
	@Test
	void aSubscriberToASaleNotKnownHereWaitsOutAnUnreadableIndex() throws Exception {
		doThrow(new RedisConnectionFailureException("the index cannot be read, as in an outage")).when(this.catalog)
			.saleIds();
		String quiet = this.saleId + "-quiet";
		Subscriptions subscriptions = Subscriptions.of(this.context, quiet);
		List<StockSnapshot> seen = new CopyOnWriteArrayList<>();
		StompSession subscriber = null;
		try {
			// Defined without an announcement: this instance does not know it exists.
			this.catalog.save(quiet, new SaleDefinition("Quiet sale", 7L, null, null, null));
			subscriber = ApiIntegrationTestSupport.subscribeToStock(this.port, quiet, seen);
			await().atMost(Duration.ofSeconds(5)).until(() -> subscriptions.count() == 1);
			long reads = indexReads();
			await().atMost(Duration.ofSeconds(5)).until(() -> indexReads() > reads);
			assertThat(seen).as("no snapshot while the index cannot be read").isEmpty();

			doCallRealMethod().when(this.catalog).saleIds();

			await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
			assertThat(seen.get(0).remaining()).isEqualTo(7);
		}
		finally {
			doCallRealMethod().when(this.catalog).saleIds();
			subscriptions.close();
			if (subscriber != null) {
				subscriber.disconnect();
			}
		}
	}

	@Test
	void boundsTheSubscriptionsWaitingToLearnWhetherTheirSaleExists(ApiClient api) throws Exception {
		// The index cannot be read, so what waits keeps waiting: the 16 made-up ids fill
		// the waiting set (velocity.live.max-waiting-subscriptions=16 here).
		doThrow(new RedisConnectionFailureException("the index cannot be read, as in an outage")).when(this.catalog)
			.saleIds();
		String madeUp = this.saleId + "-none-";
		String quiet = this.saleId + "-quiet";
		Subscriptions flood = Subscriptions.of(this.context, madeUp);
		Subscriptions real = Subscriptions.of(this.context, quiet);
		Raw hostile = Raw.connected(this.port);
		List<StockSnapshot> seen = new CopyOnWriteArrayList<>();
		StompSession subscriber = null;
		try {
			StringBuilder frames = new StringBuilder();
			for (int i = 0; i < 16; i++) {
				frames.append("SUBSCRIBE\nid:s-").append(i).append("\ndestination:/topic/stock/").append(madeUp);
				frames.append(i).append("\n\n\0");
			}
			hostile.send(frames.toString());
			await().atMost(Duration.ofSeconds(5)).until(() -> flood.count() == 16);
			this.catalog.save(quiet, new SaleDefinition("Quiet sale", 7L, null, null, null));
			subscriber = ApiIntegrationTestSupport.subscribeToStock(this.port, quiet, seen);
			await().atMost(Duration.ofSeconds(5)).until(() -> real.count() == 1);

			// The index is readable again: the made-up ids are let go, and the sale's
			// subscriber, turned away when the set was full, is not served by the read.
			doCallRealMethod().when(this.catalog).saleIds();
			long reads = indexReads();
			await().atMost(Duration.ofSeconds(5)).until(() -> indexReads() > reads);
			Thread.sleep(1_000);
			assertThat(seen).as("turned away from the full waiting set").isEmpty();

			// It gets its first snapshot at the sale's next change.
			api.putSale(quiet, ApiIntegrationTestSupport.openSale(9, null));
			await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
			assertThat(seen.get(0).remaining()).isEqualTo(9);
		}
		finally {
			doCallRealMethod().when(this.catalog).saleIds();
			flood.close();
			real.close();
			if (subscriber != null) {
				subscriber.disconnect();
			}
			hostile.close();
		}
	}

	private long indexReads() {
		return mockingDetails(this.catalog).getInvocations()
			.stream()
			.filter((call) -> call.getMethod().getName().equals("saleIds"))
			.count();
	}

	/** Counts the subscriptions announced to the broadcasters, by topic prefix. */
	private record Subscriptions(ConfigurableApplicationContext context,
			ApplicationListener<PayloadApplicationEvent<TopicSubscribed>> listener, AtomicInteger announced) {

		static Subscriptions of(ConfigurableApplicationContext context, String saleIdPrefix) {
			AtomicInteger announced = new AtomicInteger();
			ApplicationListener<PayloadApplicationEvent<TopicSubscribed>> listener = ApplicationListener
				.forPayload((TopicSubscribed subscribed) -> {
					if (subscribed.destination().startsWith("/topic/stock/" + saleIdPrefix)) {
						announced.incrementAndGet();
					}
				});
			context.addApplicationListener(listener);
			return new Subscriptions(context, listener, announced);
		}

		int count() {
			return this.announced.get();
		}

		void close() {
			this.context.removeApplicationListener(this.listener);
		}

	}

	private static final class Raw extends TextWebSocketHandler {

		private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

		private WebSocketSession session;

		private volatile CloseStatus closed;

		/** Open, and through STOMP's CONNECT. */
		static Raw connected(int port) throws Exception {
			Raw raw = open(port);
			raw.send(connect());
			assertThat(raw.next()).startsWith("CONNECTED");
			return raw;
		}

		static Raw open(int port) throws Exception {
			Raw raw = new Raw();
			raw.session = new StandardWebSocketClient()
				.execute(raw, new WebSocketHttpHeaders(), URI.create("ws://127.0.0.1:" + port + "/ws"))
				.get(10, TimeUnit.SECONDS);
			return raw;
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) {
			if (!message.getPayload().isBlank()) {
				this.frames.add(message.getPayload());
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.closed = status;
		}

		void send(String frame) throws Exception {
			this.session.sendMessage(new TextMessage(frame));
		}

		void sendQuietly(String frames) {
			try {
				send(frames);
			}
			catch (Exception ex) {
				// Refused and closed mid-storm: what it was told is in the frames.
			}
		}

		String next() throws InterruptedException {
			String frame = this.frames.poll(10, TimeUnit.SECONDS);
			assertThat(frame).as("a frame within 10 s (the socket's close: %s)", this.closed).isNotNull();
			return frame;
		}

		/**
		 * The server's answer to a frame it refuses: a STOMP ERROR, then the close.
		 * Spring sends the ERROR and closes at once, and the close can overtake the ERROR
		 * on the wire, so a bare protocol-error close is the same refusal.
		 * @return the ERROR frame, or {@code "CLOSED"} when only the close came
		 */
		String refusal() throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (System.nanoTime() < deadline) {
				String frame = this.frames.poll(50, TimeUnit.MILLISECONDS);
				if (frame != null) {
					return frame;
				}
				CloseStatus closed = this.closed;
				if (closed != null) {
					assertThat(closed.getCode()).isEqualTo(CloseStatus.PROTOCOL_ERROR.getCode());
					return "CLOSED";
				}
			}
			throw new AssertionError("neither an ERROR frame nor a close within 10 s");
		}

		void close() throws Exception {
			if (this.session.isOpen()) {
				this.session.close();
			}
		}

	}

}
