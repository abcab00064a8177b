package dev.velocity.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster on loopback: {@code masters} masters and as many replicas, one
 * {@code redis-server} process each ({@code cluster-enabled yes}) on free ports, created
 * with {@code redis-cli --cluster create ... --cluster-replicas 1}, as MemoryDB and
 * ElastiCache run it. Needs Debian's Redis 7 (its {@code redis-cli} sits beside
 * {@code redis-server}); the embedded Redis 6.2 binary has no {@code redis-cli}. A node
 * judged down after {@code cluster-node-timeout} (2 s) has its replica promoted;
 * meanwhile the other masters keep answering for their own slots
 * ({@code cluster-require-full-coverage no}).
 */
public final class RedisCluster implements AutoCloseable {

	/** How long a node may not answer before the cluster judges it down. */
	public static final int NODE_TIMEOUT_MILLIS = 2_000;

	private final List<RedisServer> nodes = new ArrayList<>();

	private final String cli;

	private RedisCluster(String cli) {
		this.cli = cli;
	}

	/**
	 * Starts a cluster of {@code masters} masters, each with one replica, and waits until
	 * every node says the cluster is ok.
	 * @param masters how many masters (3 at least)
	 * @return the cluster
	 */
	public static RedisCluster start(int masters) {
		if (masters < 3) {
			throw new IllegalArgumentException("A Redis Cluster needs at least 3 masters, not " + masters);
		}
		String server = RedisServer.resolveExecutable();
		Path cli = Path.of(server).resolveSibling("redis-cli");
		if (!Files.isExecutable(cli)) {
			throw new IllegalStateException(
					"A Redis Cluster needs redis-cli beside " + server + " (Debian: apt-get install redis-server)");
		}
		RedisCluster cluster = new RedisCluster(cli.toString());
		try {
			Path dir = Files.createTempDirectory("velocity-redis-cluster");
			for (int i = 0; i < masters * 2; i++) {
				cluster.nodes.add(startNode(dir));
			}
			List<String> create = new ArrayList<>(List.of(cluster.cli, "--cluster", "create"));
			cluster.addresses().forEach(create::add);
			create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
			cluster.run(create);
			cluster.awaitOk();
			cluster.awaitReplicasInSync();
			return cluster;
		}
		catch (IOException ex) {
			cluster.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * Starts one node on a free port with a free cluster bus port of its own. Redis's
	 * default bus port (the port + 10000) is never checked: it may be an outgoing
	 * connection's ephemeral port, or above 65535, and the node then exits at start. Both
	 * ports are found free, but another process may take one before Redis binds it, so a
	 * node that exits at start is tried again on new ports.
	 */
	private static RedisServer startNode(Path dir) {
		IllegalStateException failure = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = FreePort.find();
			int busPort = FreePort.find();
			if (busPort == port) {
				continue;
			}
			RedisServer node = new RedisServer(port, dir.resolve(String.valueOf(port)), true,
					List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-port",
							String.valueOf(busPort), "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS),
							// A replica takes over however long its link was down: a test
							// kills masters on purpose.
							"--cluster-replica-validity-factor", "0",
							// The other shards keep serving while one shard's slots have
							// no
							// master; Redis's default (yes) answers CLUSTERDOWN on every
							// shard until the failover ends.
							"--cluster-require-full-coverage", "no"));
			try {
				node.start();
				return node;
			}
			catch (IllegalStateException ex) {
				node.kill();
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		throw (failure != null) ? failure : new IllegalStateException("No two free ports for a cluster node");
	}

	/** Every node's {@code host:port}, the seeds a client is given. */
	public List<String> addresses() {
		return this.nodes.stream().map((node) -> "127.0.0.1:" + node.port()).toList();
	}

	public List<RedisServer> nodes() {
		return List.copyOf(this.nodes);
	}

	/**
	 * The nodes that are masters now (after a failover, a former replica is one).
	 * @return the running masters
	 */
	public List<RedisServer> masters() {
		return this.nodes.stream()
			.filter(RedisServer::isRunning)
			.filter((node) -> info(node, "replication").contains("role:master"))
			.toList();
	}

	/**
	 * The node that serves a key's slot now.
	 * @param key the key
	 * @return its master
	 */
	public RedisServer masterOf(String key) {
		RedisServer any = this.nodes.stream()
			.filter(RedisServer::isRunning)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No node of the cluster is running"));
		long slot = Long.parseLong(any.command("CLUSTER KEYSLOT " + key).substring(1));
		for (RedisServer node : masters()) {
			String ranges = clusterNodesLine(node);
			for (String range : ranges.split(" ")) {
				if (range.matches("\\d+(-\\d+)?")) {
					String[] bounds = range.split("-");
					long from = Long.parseLong(bounds[0]);
					long to = (bounds.length > 1) ? Long.parseLong(bounds[1]) : from;
					if (slot >= from && slot <= to) {
						return node;
					}
				}
			}
		}
		throw new IllegalStateException("No master serves slot " + slot);
	}

	/**
	 * The replica that follows a master now.
	 * @param master the master
	 * @return its replica
	 */
	public RedisServer replicaOf(RedisServer master) {
		String replication = info(master, "replication");
		return this.nodes.stream()
			.filter((node) -> replication.contains("port=" + node.port() + ","))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Node " + master.port() + " has no replica"));
	}

	/**
	 * Runs {@code redis-cli} against a node (raw output, one value per line).
	 * @param node the node
	 * @param args the command and its arguments
	 * @return what it printed
	 */
	public String cli(RedisServer node, String... args) {
		List<String> command = new ArrayList<>(List.of(this.cli, "-p", String.valueOf(node.port())));
		command.addAll(List.of(args));
		return run(command);
	}

	/**
	 * How many times a node has answered an error reply of a kind since it started
	 * ({@code INFO errorstats}).
	 * @param node the node
	 * @param code the reply's first word, such as {@code NOSCRIPT}
	 * @return the count, 0 if none
	 */
	public long errorReplies(RedisServer node, String code) {
		String prefix = "errorstat_" + code + ":count=";
		return info(node, "errorstats").lines()
			.map(String::strip)
			.filter((line) -> line.startsWith(prefix))
			.mapToLong((line) -> Long.parseLong(line.substring(prefix.length()).split(",")[0]))
			.sum();
	}

	/** Waits until every running node reports {@code cluster_state:ok}. */
	public void awaitOk() {
		long deadline = System.currentTimeMillis() + 30_000;
		while (!this.nodes.stream()
			.filter(RedisServer::isRunning)
			.allMatch((node) -> info(node, "cluster-state").contains("cluster_state:ok"))) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException("The Redis Cluster did not reach cluster_state:ok within 30 s");
			}
			FreePort.pause(100);
		}
	}

	/**
	 * Waits until every replica's link to its master is up: a replica still in its first
	 * sync is no replica yet.
	 */
	private void awaitReplicasInSync() {
		long deadline = System.currentTimeMillis() + 30_000;
		while (!this.nodes.stream()
			.map((node) -> info(node, "replication"))
			.allMatch((replication) -> replication.contains("role:master")
					|| replication.contains("master_link_status:up"))) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException("The Redis Cluster's replicas did not sync within 30 s");
			}
			FreePort.pause(100);
		}
	}

	/** This node's own line of CLUSTER NODES. */
	private String clusterNodesLine(RedisServer node) {
		String nodes = run(List.of(this.cli, "-p", String.valueOf(node.port()), "CLUSTER", "NODES"));
		return nodes.lines().filter((line) -> line.contains("myself")).findFirst().orElse("");
	}

	/** A section of INFO, or CLUSTER INFO for {@code cluster-state}. */
	private String info(RedisServer node, String section) {
		List<String> command = new ArrayList<>(List.of(this.cli, "-p", String.valueOf(node.port())));
		command.addAll(section.equals("cluster-state") ? List.of("CLUSTER", "INFO") : List.of("INFO", section));
		try {
			return run(command);
		}
		catch (IllegalStateException ex) {
			return "";
		}
	}

	private String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.nodes.forEach(RedisServer::stop);
	}

}
