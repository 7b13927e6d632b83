package io.billhook.core.codec;

import io.billhook.core.config.ConfiguredKeys;
import io.billhook.core.config.TemporalProperties;
import io.billhook.core.embedded.DataDirectory;
import io.billhook.core.embedded.EmbeddedProperties;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data converter of every Temporal client and worker Billhook builds: Temporal's default
 * converter, each payload then encrypted by {@link PayloadEncryption}. The keys come from {@code
 * BILLHOOK_PAYLOAD_KEYS}; the embedded default generates one at its first start and keeps it in
 * {@code <data dir>/payload-keys}; a deployment with its own Temporal or database must set them,
 * the same in every API and worker process.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecProperties.class)
public class PayloadCodecConfiguration {
  public static final String SETTING = "BILLHOOK_PAYLOAD_KEYS";
  static final String FILE = "payload-keys";
  private static final ConfiguredKeys KEYS =
      new ConfiguredKeys(SETTING, FILE, "workflow payloads in Temporal are encrypted under it");

  @Bean
  PayloadEncryption payloadEncryption(
      CodecProperties codec,
      TemporalProperties temporal,
      DataSourceProperties database,
      DataDirectory data) {
    return new PayloadEncryption(
        KEYS.load(codec.payloadKeys(), requiredBecause(temporal, database), data));
  }

  @Bean
  DataConverter payloadConverter(PayloadEncryption encryption) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(encryption));
  }

  @Bean
  CodecAccess codecAccess(
      CodecProperties codec, TemporalProperties temporal, EmbeddedProperties embedded) {
    if (!codec.temporalUiOrigin().isEmpty() || !temporal.embedded()) {
      return new CodecAccess(codec.temporalUiOrigin(), false, temporal.namespace());
    }
    String port = Integer.toString(embedded.temporalUiPort());
    return new CodecAccess(
        List.of("http://127.0.0.1:" + port, "http://localhost:" + port),
        true,
        temporal.namespace());
  }

  @Bean
  PayloadCodecService payloadCodecService(PayloadEncryption encryption, CodecAccess access) {
    return new PayloadCodecService(encryption, access.namespace());
  }

  private static String requiredBecause(TemporalProperties temporal, DataSourceProperties db) {
    if (!temporal.embedded()) {
      return "TEMPORAL_ADDRESS is set";
    }
    if (db.getUrl() != null && !db.getUrl().isBlank()) {
      return "SPRING_DATASOURCE_URL is set";
    }
    return null;
  }
}
