package io.billhook.core.keys;

/** Whom a verified key speaks for: the vendor it was made for, and which of its keys it is. */
public record KeyHolder(String keyId, String vendorId) {}
