package dev.velocity.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.memorydb.CfnACL;
import software.amazon.awscdk.services.memorydb.CfnCluster;
import software.amazon.awscdk.services.memorydb.CfnSubnetGroup;
import software.amazon.awscdk.services.memorydb.CfnUser;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The durable Redis: Amazon MemoryDB rather than ElastiCache. MemoryDB writes every
 * command to a Multi-AZ transaction log before acknowledging it, so a failover loses no
 * acknowledged purchase (the Redis record is the order's first home, before SQS has it).
 * ElastiCache replicates asynchronously: cheaper and a little faster per write, but a
 * failover can lose the last acknowledged writes, which Velocity would then have to
 * rebuild from DynamoDB. MemoryDB is always a Redis Cluster, even of one shard: the API
 * connects as a cluster client, so adding shards is a context value (sales spread over
 * them by their hash tag). Reachable from the API's tasks only, as a user of its own
 * whose password is in Secrets Manager (no open-access ACL).
 */
final class DurableRedis extends Construct implements StackPart {

	/** The MemoryDB user the API connects as. */
	static final String USER = "velocity-api";

	private final Secret password;

	private final CfnCluster cluster;

	DurableRedis(Construct scope, String id, IVpc vpc, ISecurityGroup clients, VelocityStack.Settings settings) {
		super(scope, id);
		// MemoryDB passwords: 16 to 128 printable characters; letters and digits here.
		this.password = Secret.Builder.create(this, "RedisPassword")
			.description("Password of the MemoryDB user " + USER)
			.generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(48).build())
			.build();
		SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "Redis")
			.vpc(vpc)
			.description("MemoryDB: reachable from the API tasks only")
			.allowAllOutbound(false)
			.build();
		securityGroup.addIngressRule(Peer.securityGroupId(clients.getSecurityGroupId()), Port.tcp(6379), "API tasks");
		CfnSubnetGroup subnets = CfnSubnetGroup.Builder.create(this, "RedisSubnets")
			.subnetGroupName("velocity-redis")
			.subnetIds(vpc.selectSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
				.getSubnetIds())
			.build();
		CfnUser user = CfnUser.Builder.create(this, "RedisUser")
			.userName(USER)
			.accessString("on ~* &* +@all")
			.authenticationMode(
					Map.of("Type", "password", "Passwords", List.of(this.password.getSecretValue().unsafeUnwrap())))
			.build();
		CfnACL acl = CfnACL.Builder.create(this, "RedisAcl").aclName("velocity").userNames(List.of(USER)).build();
		acl.addDependency(user);
		this.cluster = CfnCluster.Builder.create(this, "RedisCluster")
			.clusterName("velocity")
			.engine("valkey")
			.engineVersion("7.2")
			.nodeType("db.r7g.large")
			.numShards(settings.redisShards())
			.numReplicasPerShard(settings.redisReplicasPerShard())
			.tlsEnabled(true)
			.aclName(acl.getAclName())
			.subnetGroupName(subnets.getSubnetGroupName())
			.securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
			.snapshotRetentionLimit(7)
			.build();
		this.cluster.addDependency(subnets);
		this.cluster.addDependency(acl);
	}

	String endpoint() {
		return this.cluster.getAttrClusterEndpointAddress();
	}

	Secret password() {
		return this.password;
	}

}
