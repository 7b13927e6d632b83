package io.billhook.core.keys;

import java.time.Instant;

/**
 * A vendor's API key as it can be shown again: never the key itself, only its id and the first
 * characters of the key, so that its holder can tell which one it is.
 */
public record ApiKey(
    String id,
    String vendorId,
    String name,
    String prefix,
    Instant createdAt,
    Instant lastUsedAt) {}
