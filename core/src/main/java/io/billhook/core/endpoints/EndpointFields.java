package io.billhook.core.endpoints;

import java.util.List;
import java.util.Map;

/** The body of create (url and events required) and update (every field optional). */
public record EndpointFields(
    String url,
    List<String> events,
    String description,
    Map<String, String> headers,
    Boolean enabled) {}
