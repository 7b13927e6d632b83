package io.billhook.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billhook.core.config.TemporalProperties;
import io.billhook.core.embedded.EmbeddedProperties;
import io.billhook.core.secrets.SecretKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/** Where payload keys come from, and who the codec endpoint lets in, per deployment. */
class PayloadCodecConfigurationTest {
  private static final TemporalProperties EMBEDDED = new TemporalProperties(null, "default");
  private static final TemporalProperties OWN = new TemporalProperties("temporal:7233", "default");
  private static final EmbeddedProperties UI_ON_8233 =
      new EmbeddedProperties(7233, 8233, null, Duration.ofSeconds(60));

  private final PayloadCodecConfiguration configuration = new PayloadCodecConfiguration();

  @Test
  void aDeploymentWithItsOwnTemporalOrDatabaseMustSetTheKeys() {
    DataSourceProperties ownDatabase = new DataSourceProperties();
    ownDatabase.setUrl("jdbc:postgresql://db/billhook");
    CodecProperties none = new CodecProperties(List.of(), List.of());

    assertThatThrownBy(
            () -> configuration.payloadEncryption(none, OWN, new DataSourceProperties(), null))
        .hasMessageContaining("BILLHOOK_PAYLOAD_KEYS is required when TEMPORAL_ADDRESS is set")
        .hasMessageContaining("openssl rand -base64 32");
    assertThatThrownBy(() -> configuration.payloadEncryption(none, EMBEDDED, ownDatabase, null))
        .hasMessageContaining(
            "BILLHOOK_PAYLOAD_KEYS is required when SPRING_DATASOURCE_URL is set");
  }

  @Test
  void configuredKeysEncryptUnderTheFirst() {
    CodecProperties keys =
        new CodecProperties(
            List.of(SecretKeys.generate("k2"), SecretKeys.generate("k1")), List.of());

    PayloadEncryption encryption =
        configuration.payloadEncryption(keys, OWN, new DataSourceProperties(), null);

    assertThat(encryption.keyIds()).containsExactly("k2", "k1");
    assertThat(keys.toString()).doesNotContain(keys.payloadKeys().get(0).substring(3));
  }

  @Test
  void theEmbeddedDefaultTrustsItsOwnUiOnThisMachine() {
    CodecAccess access =
        configuration.codecAccess(new CodecProperties(List.of(), List.of()), EMBEDDED, UI_ON_8233);

    assertThat(access.loopbackTrusted()).isTrue();
    assertThat(access.allowsOrigin("http://127.0.0.1:8233")).isTrue();
    assertThat(access.allowsOrigin("http://localhost:8233")).isTrue();
    assertThat(access.allowsOrigin("http://127.0.0.1:8233.evil")).isFalse();
    assertThat(access.allowsOrigin("null")).isFalse();
    assertThat(access.allowsOrigin(null)).isFalse();
  }

  @Test
  void elsewhereOnlyTheConfiguredOriginAndNoTokenFreeCallers() {
    CodecProperties configured =
        new CodecProperties(List.of(), List.of("HTTPS://Temporal.Example.com:443/"));

    CodecAccess own = configuration.codecAccess(configured, OWN, UI_ON_8233);
    CodecAccess embeddedWithOrigin = configuration.codecAccess(configured, EMBEDDED, UI_ON_8233);
    CodecAccess unset =
        configuration.codecAccess(new CodecProperties(List.of(), List.of()), OWN, UI_ON_8233);

    assertThat(own.origins()).containsExactly("https://temporal.example.com");
    assertThat(own.loopbackTrusted()).isFalse();
    assertThat(embeddedWithOrigin.loopbackTrusted()).isFalse();
    assertThat(unset.origins()).isEmpty();
    assertThat(unset.allowsOrigin("http://127.0.0.1:8233")).isFalse();
  }

  @Test
  void aSettingThatIsNotAnOriginStopsTheStart() {
    for (String notAnOrigin :
        List.of("temporal.example.com", "https://t.example.com/ui", "*", "ftp://t.example.com")) {
      assertThatThrownBy(() -> new CodecAccess(List.of(notAnOrigin), false, "default"))
          .as(notAnOrigin)
          .hasMessageContaining("BILLHOOK_TEMPORAL_UI_ORIGIN holds")
          .hasMessageContaining("scheme://host[:port]");
    }
  }
}
