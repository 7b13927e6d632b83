package io.billhook.api.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billhook.core.keys.ApiKey;
import io.billhook.core.keys.IssuedKey;
import java.time.Instant;

/**
 * An API key as the API shows it: {@code key} only in the create response, {@code prefix} and
 * {@code lastUsedAt} (once used) in the list.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(
    String id, String name, String key, String prefix, Instant createdAt, Instant lastUsedAt) {

  static ApiKeyView issued(IssuedKey issued) {
    ApiKey k = issued.key();
    return new ApiKeyView(k.id(), k.name(), issued.secret(), null, k.createdAt(), null);
  }

  static ApiKeyView of(ApiKey k) {
    return new ApiKeyView(k.id(), k.name(), null, k.prefix(), k.createdAt(), k.lastUsedAt());
  }
}
