/**
 * Real servers on loopback (Redis, ElasticMQ, dynalite, a token issuer) and the services
 * as processes, each on a free port.
 */
package dev.velocity.localservers;
