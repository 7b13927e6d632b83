/** The benchmark: see the README's "Benchmark" section. */
package io.billhook.bench;
