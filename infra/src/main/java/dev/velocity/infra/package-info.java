/**
 * Velocity on AWS as a CDK app: the stack and its parts.
 */
@NullMarked
package dev.velocity.infra;

import org.jspecify.annotations.NullMarked;
