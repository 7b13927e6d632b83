package io.billhook.core.keys;

/** A key just made: its description and the key itself, which is never shown again. */
public record IssuedKey(ApiKey key, String secret) {}
