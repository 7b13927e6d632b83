/** The benchmark (issue 5): see the README's "Benchmark" section. */
package io.billhook.bench;
