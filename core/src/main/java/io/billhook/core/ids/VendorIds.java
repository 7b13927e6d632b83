package io.billhook.core.ids;

import io.billhook.core.refusals.Refusal;
import java.util.regex.Pattern;

/** Vendor ids are free-form keys; a vendor with nothing yet simply lists as empty. */
public final class VendorIds {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private VendorIds() {}

  public static String require(String vendorId) {
    if (!VALID.matcher(vendorId).matches()) {
      throw Refusal.invalid(
          "vendorId must be 1 to 64 letters, digits, '_' or '-' (got '" + vendorId + "')");
    }
    return vendorId;
  }
}
