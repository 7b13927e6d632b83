/** Process-level harnesses shared by the integration tests and the benchmark. */
package io.billhook.testkit;
