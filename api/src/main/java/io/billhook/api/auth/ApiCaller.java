package io.billhook.api.auth;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who a request acts as, once its bearer token is verified. The admin token reaches every route; a
 * vendor's API key acts for its own vendor only.
 */
public sealed interface ApiCaller permits ApiCaller.Admin, ApiCaller.VendorKey {
  String ADMIN = "ROLE_ADMIN";
  String VENDOR = "ROLE_VENDOR";

  /** Whether this caller may read and change what belongs to the vendor. */
  boolean mayActFor(String vendorId);

  List<GrantedAuthority> authorities();

  /** The holder of {@code BILLHOOK_API_TOKEN}: everything, every vendor. */
  record Admin() implements ApiCaller {
    @Override
    public boolean mayActFor(String vendorId) {
      return true;
    }

    @Override
    public List<GrantedAuthority> authorities() {
      return List.of(new SimpleGrantedAuthority(ADMIN));
    }
  }

  /** The holder of one of the vendor's API keys: that vendor's routes and the catalogue. */
  record VendorKey(String keyId, String vendorId) implements ApiCaller {
    @Override
    public boolean mayActFor(String vendorId) {
      return this.vendorId.equals(vendorId);
    }

    @Override
    public List<GrantedAuthority> authorities() {
      return List.of(new SimpleGrantedAuthority(VENDOR));
    }
  }
}
