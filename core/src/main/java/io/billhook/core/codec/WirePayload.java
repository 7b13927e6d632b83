package io.billhook.core.codec;

import java.util.Map;

/**
 * A payload as Temporal's codec-server protocol writes it in JSON: each metadata value and the data
 * in base64.
 */
public record WirePayload(Map<String, String> metadata, String data) {}
