/**
 * The run command: the local servers, the API and the worker on loopback until Ctrl-C.
 */
package dev.velocity.launcher;
