package io.billhook.workflows;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;

/** Billhook's search attributes in a test environment, which knows none until told. */
public final class TestSearchAttributes {
  private TestSearchAttributes() {}

  /** Registers every attribute of {@link SearchAttributes#ALL} (all Keyword) in {@code env}. */
  public static TestWorkflowEnvironment registerAll(TestWorkflowEnvironment env) {
    SearchAttributes.ALL.forEach(
        key ->
            env.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return env;
  }
}
