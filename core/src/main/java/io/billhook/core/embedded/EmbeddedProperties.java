package io.billhook.core.embedded;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded default's Temporal dev server ({@code BILLHOOK_TEMPORAL_*}).
 *
 * @param temporalPort its gRPC port on 127.0.0.1
 * @param temporalUiPort its Web UI's port on 127.0.0.1
 * @param temporalCli the {@code temporal} binary; empty means the one the build put beside the jar
 * @param temporalStartTimeout how long a start may take before Billhook gives up
 */
@ConfigurationProperties(prefix = "billhook")
public record EmbeddedProperties(
    int temporalPort, int temporalUiPort, String temporalCli, Duration temporalStartTimeout) {}
