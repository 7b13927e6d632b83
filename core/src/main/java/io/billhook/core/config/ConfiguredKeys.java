package io.billhook.core.config;

import io.billhook.core.embedded.DataDirectory;
import io.billhook.core.secrets.SecretKeys;
import java.util.Arrays;
import java.util.List;

/**
 * Where a set of {@link SecretKeys} comes from: its setting when set; else, in the embedded
 * default, a key generated at the first start and kept owner-only in a file of the data dir; else
 * (a deployment of its own, where every process must hold the same keys) nowhere, and the start is
 * refused.
 *
 * @param setting the environment variable, e.g. {@code BILLHOOK_SECRET_KEYS}
 * @param file the file under the data dir that keeps the generated key
 * @param purpose what the keys protect, for the refusal, e.g. "endpoint secrets are encrypted under
 *     it"
 */
public record ConfiguredKeys(String setting, String file, String purpose) {
  /** The id of a generated key. */
  static final String GENERATED_ID = "local";

  /**
   * @param configured the setting's entries, empty when it is not set
   * @param requiredBecause why the setting is required here (e.g. "SPRING_DATASOURCE_URL is set"),
   *     or null in the embedded default
   */
  public SecretKeys load(List<String> configured, String requiredBecause, DataDirectory data) {
    if (!configured.isEmpty()) {
      return SecretKeys.parse(configured, setting);
    }
    if (requiredBecause != null) {
      throw new IllegalStateException(
          setting
              + " is required when "
              + requiredBecause
              + ": "
              + purpose
              + ", and every API and worker process must hold the same one. Make one with"
              + " echo \"k1=$(openssl rand -base64 32)\" and give it to each process");
    }
    String kept = data.kept(file, () -> SecretKeys.generate(GENERATED_ID));
    return SecretKeys.parse(Arrays.asList(kept.split("\\R")), data.root().resolve(file).toString());
  }
}
