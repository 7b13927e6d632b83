package io.billhook.api.auth;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** {@code /v1/vendors/{vendorId}/...}: only a caller that may act for that vendor. */
final class VendorAccess implements AuthorizationManager<RequestAuthorizationContext> {
  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    String vendorId = context.getVariables().get("vendorId");
    Authentication who = authentication.get();
    boolean allowed =
        who != null
            && who.isAuthenticated()
            && who.getPrincipal() instanceof ApiCaller caller
            && caller.mayActFor(vendorId);
    return new AuthorizationDecision(allowed);
  }
}
