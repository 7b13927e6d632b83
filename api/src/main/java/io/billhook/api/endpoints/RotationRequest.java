package io.billhook.api.endpoints;

/**
 * The optional body of rotate-secret: how long the secret being replaced keeps signing (ISO-8601,
 * {@code PT0S} to {@code P7D}; default {@code PT24H}).
 */
record RotationRequest(String overlap) {}
