package io.billhook.api.auth;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who a request acts as, once its bearer token is verified. The admin token reaches every route; a
 * vendor key, when there is one, becomes another case here that acts for its own vendor only.
 */
public sealed interface ApiCaller permits ApiCaller.Admin {
  String ADMIN = "ROLE_ADMIN";

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
}
