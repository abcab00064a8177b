package dev.velocity.infra;

/**
 * A part of the system on AWS, as one construct of {@link VelocityStack}. A part's own id
 * stays out of its resources' logical IDs, except through its {@code Default} child
 * (which CDK names after the part): the stack keeps the logical IDs it had before it was
 * split into parts, so a deployed stack updates in place instead of replacing its table,
 * queues, Redis and load balancer.
 */
interface StackPart {

}
