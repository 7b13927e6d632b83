package io.billhook.workflows.lifecycle;

import io.billhook.workflows.SearchAttributes;
import io.temporal.workflow.Workflow;

/**
 * Keeps an entity's {@code CustomerId} search attribute equal to the customer its reports name, so
 * that ops find the run by customer in the Temporal UI even when it was started without one.
 */
final class CustomerSearchAttribute {
  /** The change id of this behaviour: runs recorded before it never upsert the attribute. */
  static final String CHANGE_ID = "customer-id-search-attribute";

  private CustomerSearchAttribute() {}

  /**
   * Upserts {@code customerId} (a command, so versioned) if the run's attribute differs; {@code
   * current}: the run started on the current shape, which implies this change.
   */
  static void keep(String customerId, boolean current) {
    if (customerId == null
        || customerId.equals(Workflow.getTypedSearchAttributes().get(SearchAttributes.CUSTOMER_ID))
        || (!current
            && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION)) {
      return;
    }
    Workflow.upsertTypedSearchAttributes(SearchAttributes.CUSTOMER_ID.valueSet(customerId));
  }
}
