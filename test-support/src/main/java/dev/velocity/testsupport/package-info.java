/**
 * What every test suite shares: one set of real servers per test JVM, fresh names, and
 * the API client.
 */
package dev.velocity.testsupport;
