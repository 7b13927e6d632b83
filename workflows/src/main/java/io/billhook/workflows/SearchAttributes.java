package io.billhook.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/** The custom search attributes ops filter runs by in the Temporal UI (all Keyword). */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> VENDOR_ID =
      SearchAttributeKey.forKeyword("VendorId");
  public static final SearchAttributeKey<String> EVENT_TYPE =
      SearchAttributeKey.forKeyword("EventType");
  public static final SearchAttributeKey<String> SUBSCRIPTION_ID =
      SearchAttributeKey.forKeyword("SubscriptionId");
  public static final SearchAttributeKey<String> CUSTOMER_ID =
      SearchAttributeKey.forKeyword("CustomerId");

  public static final List<SearchAttributeKey<String>> ALL =
      List.of(VENDOR_ID, EVENT_TYPE, SUBSCRIPTION_ID, CUSTOMER_ID);

  private SearchAttributes() {}
}
